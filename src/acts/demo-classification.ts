// The classification file seeded for the demo collectivities, in the shape of a real RetourClassification (7-2):
// level-1 matières of the national nomenclature with a few sub-levels, and the typologies per nature (notice
// Actes 2.2: lists by nature only, 99_* first, 99_SE for detached signature files).
import type { ClassificationTree } from './domain/ministry-messages.ts';

const t = (code: string, label: string) => ({ code, label });
const m = (code: string, label: string, children: ClassificationTree['matieres'] = []) => ({ code, label, children });

export const DEMO_CLASSIFICATION: ClassificationTree = {
  date: '2026-01-05',
  natures: [
    {
      code: 1,
      label: 'Deliberations',
      abbreviation: 'DE',
      typologies: [
        t('99_DE', 'Deliberation'),
        t('99_SE', 'Fichier de signature electronique'),
        t('21_DE', 'Deliberation - urbanisme'),
        t('41_DE', 'Deliberation - personnel'),
        t('70_DE', 'Deliberation - budget'),
      ],
    },
    {
      code: 2,
      label: 'Actes reglementaires',
      abbreviation: 'AR',
      typologies: [
        t('99_AR', 'Acte reglementaire'),
        t('99_SE', 'Fichier de signature electronique'),
        t('22_AR', 'Arrete - urbanisme'),
      ],
    },
    {
      code: 3,
      label: 'Actes individuels',
      abbreviation: 'AI',
      typologies: [
        t('99_AI', 'Acte individuel'),
        t('99_SE', 'Fichier de signature electronique'),
        t('41_AT', 'Arrete - personnel'),
        t('41_CA', 'Contrat - personnel'),
      ],
    },
    {
      code: 4,
      label: 'Contrats,conventions et avenants',
      abbreviation: 'CC',
      typologies: [
        t('99_DC', 'Document contractuel'),
        t('99_SE', 'Fichier de signature electronique'),
        t('31_CO', 'Convention'),
        t('32_CV', 'Convention - domaine'),
      ],
    },
    {
      code: 5,
      label: 'Documents budgetaires et financiers',
      abbreviation: 'BF',
      typologies: [t('99_BU', 'Document budgetaire'), t('99_SE', 'Fichier de signature electronique')],
    },
    {
      code: 6,
      label: 'Autres',
      abbreviation: 'AU',
      typologies: [t('99_AU', 'Autre document'), t('99_SE', 'Fichier de signature electronique')],
    },
  ],
  matieres: [
    m('1', 'Commande Publique', [
      m('1.1', 'Marches publics'),
      m('1.2', 'Delegation de service public'),
      m('1.3', 'Conventions de Mandat'),
      m('1.4', 'Autres contrats'),
    ]),
    m('2', 'Urbanisme', [
      m('2.1', "Documents d'urbanisme"),
      m('2.2', "Actes relatifs au droit d'occupation ou d'utilisation des sols"),
    ]),
    m('3', 'Domaine et patrimoine', [m('3.1', 'Acquisitions'), m('3.2', 'Alienations'), m('3.3', 'Locations')]),
    m('4', 'Fonction publique', [
      m('4.1', 'Personnel titulaires et stagiaires de la F.P.T.'),
      m('4.2', 'Personnel contractuel'),
    ]),
    m('5', 'Institutions et vie politique', [
      m('5.1', 'Election executif'),
      m('5.2', 'Fonctionnement des assemblees'),
      m('5.7', 'Intercommunalite'),
    ]),
    m('6', 'Libertes publiques et pouvoirs de police', [m('6.1', 'Police municipale')]),
    m('7', 'Finances locales', [m('7.1', 'Decisions budgetaires'), m('7.2', 'Fiscalite'), m('7.5', 'Subventions')]),
    m('8', 'Domaines de competences par themes', [m('8.1', 'Enseignement'), m('8.2', 'Aide sociale')]),
    m('9', 'Autres domaines de competences', [m('9.1', 'Autres domaines de competences des communes')]),
  ],
};
