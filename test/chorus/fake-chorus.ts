// A fake of the real Chorus Pro (PISTE OAuth2 + the REST endpoints the hub's client calls), built from the shapes
// in the research note: same paths, JSON names, codeRetour/libelle, pagination, id formats and HTTP errors.
// Knobs inject the failures the client must survive.
import { delay, http, HttpResponse, type HttpHandler } from 'msw';

export const FAKE_TOKEN_URL = 'https://sandbox-oauth.piste.gouv.fr/api/oauth/token';
export const FAKE_API_BASE = 'https://sandbox-api.piste.gouv.fr';

export const WWW_AUTHENTICATE_BAD_ACCOUNT =
  'Bearer realm="PISTE",error="Unauthorized",error_description="login or password incorrects"';

export type Injected =
  | { kind: '401' }
  | { kind: '403' }
  | { kind: '429'; retryAfterSeconds: number }
  | { kind: '500' }
  | { kind: 'timeout'; ms: number };

export interface FakeInvoice {
  identifiantFactureCPP: number;
  numeroFacture: string;
  numeroFluxDepot: string;
  fournisseur: string;
  codeDestinataire: string;
  idDestinataire: number;
  codeServiceExecutant: string | null;
  dateDepot: string;
  statut: string;
  history: { code: string; at: string; commentaire: string | null }[];
  montantTTC: number;
  fichier: string;
}

export interface FakeFlux {
  numeroFluxDepot: string;
  syntaxeFlux: string;
  nomFichier: string;
  account: string;
  polls: number;
  /** Invoice numbers of the flux refused by the fake (partially integrated flux). */
  refused: string[];
}

export interface FakeChorusOptions {
  clientId?: string;
  clientSecret?: string;
  accounts?: Record<string, string>;
  tokenLifetimeSeconds?: number;
}

const SYNTAXES = [
  'IN_DP_E1_UBL_INVOICE',
  'IN_DP_E1_CII_16B',
  'IN_DP_E2_CII_FACTURX',
  'IN_DP_E2_UBL_INVOICE_MIN',
  'IN_DP_E2_CII_MIN_16B',
  'IN_DP_E2_CPP_FACTURE_MIN',
];

/** The fake's state and knobs; `handlers` go to msw's `setupServer`. */
export class FakeChorus {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly accounts: Record<string, string>;
  tokenLifetimeSeconds: number;
  readonly tokens = new Map<string, number>();
  tokenRequests = 0;
  readonly fluxes: FakeFlux[] = [];
  readonly invoices: FakeInvoice[] = [];
  /** Every API call, in order: path and decoded login. */
  readonly calls: { path: string; login: string | undefined; body: unknown }[] = [];
  /** Pending failures per path (or '*'), consumed in order. */
  private readonly injected = new Map<string, Injected[]>();
  /** Invoice numbers the next flux deposits will refuse (IN_INTEGRE_PARTIEL). */
  refuseNumbers = new Set<string>();
  /** Polls of the CR before a flux reaches its final state. */
  pollsBeforeFinal = 1;
  private nextId = 8420532;
  private nextFlux = 1557;

  constructor(options: FakeChorusOptions = {}) {
    this.clientId = options.clientId ?? 'piste-app';
    this.clientSecret = options.clientSecret ?? 'piste-secret';
    this.accounts = options.accounts ?? { 'TECH_1_HUB@cpro.fr': 'Hub-Tech-2026' };
    this.tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 3600;
  }

  inject(path: string, ...failures: Injected[]): void {
    this.injected.set(path, [...(this.injected.get(path) ?? []), ...failures]);
  }

  callsTo(path: string): number {
    return this.calls.filter((c) => c.path === path).length;
  }

  /** Adds an invoice to a recipient as if a supplier had deposited it on Chorus Pro. */
  addReceivedInvoice(
    invoice: Partial<FakeInvoice> & {
      numeroFacture: string;
      codeDestinataire: string;
      idDestinataire: number;
      fichier: string;
    },
  ): FakeInvoice {
    const created: FakeInvoice = {
      identifiantFactureCPP: this.nextId++,
      numeroFluxDepot: this.fluxNumber(),
      fournisseur: '81234567600017',
      codeServiceExecutant: null,
      dateDepot: today(),
      statut: 'MISE_A_DISPOSITION',
      history: [
        { code: 'DEPOSEE', at: nowMinutes(), commentaire: null },
        { code: 'MISE_A_DISPOSITION', at: nowMinutes(), commentaire: null },
      ],
      montantTTC: 120,
      ...invoice,
    };
    this.invoices.push(created);
    return created;
  }

  private fluxNumber(): string {
    return `CPP${String(this.nextFlux++).padStart(22, '0')}`;
  }

  get handlers(): HttpHandler[] {
    const api = (
      path: string,
      handle: (body: Record<string, unknown>, login: string) => Response | Promise<Response>,
    ) =>
      http.post(`${FAKE_API_BASE}${path}`, async ({ request }) => {
        const body = (await request.json().catch(() => ({}))) as Record<string, unknown>;
        const login = this.loginOf(request);
        this.calls.push({ path, login, body });
        const failure = this.takeFailure(path);
        if (failure) return failure;
        const auth = this.authenticate(request);
        if (auth) return auth;
        return handle(body, login as string);
      });

    return [
      http.post(FAKE_TOKEN_URL, async ({ request }) => {
        this.tokenRequests += 1;
        const failure = this.takeFailure('token');
        if (failure) return failure;
        const form = new URLSearchParams(await request.text());
        if (form.get('grant_type') !== 'client_credentials')
          return HttpResponse.json({ error: 'unsupported_grant_type' }, { status: 400 });
        if (form.get('client_id') !== this.clientId || form.get('client_secret') !== this.clientSecret) {
          return HttpResponse.json(
            { error: 'invalid_client', error_description: 'Client authentication failed' },
            { status: 400 },
          );
        }
        const token = `tok-${this.tokenRequests}-${Math.random().toString(36).slice(2)}`;
        this.tokens.set(token, Date.now() + this.tokenLifetimeSeconds * 1000);
        return HttpResponse.json({
          access_token: token,
          token_type: 'Bearer',
          expires_in: this.tokenLifetimeSeconds,
          scope: 'openid',
        });
      }),

      api('/cpro/factures/v1/deposer/flux', (body, login) => {
        const syntaxe = String(body.syntaxeFlux ?? '');
        if (!SYNTAXES.includes(syntaxe)) return functionalError(20003, `La syntaxe du flux ${syntaxe} est inconnue`);
        if (typeof body.fichierFlux !== 'string' || typeof body.nomFichier !== 'string')
          return functionalError(20001, 'Paramètre obligatoire manquant');
        const xml = Buffer.from(body.fichierFlux, 'base64').toString('utf8');
        const numeroFluxDepot = this.fluxNumber();
        const numero = invoiceNumberOf(xml) ?? body.nomFichier;
        const refused = this.refuseNumbers.has(numero) ? [numero] : [];
        this.fluxes.push({
          numeroFluxDepot,
          syntaxeFlux: syntaxe,
          nomFichier: body.nomFichier,
          account: login,
          polls: 0,
          refused,
        });
        if (refused.length === 0) {
          this.invoices.push({
            identifiantFactureCPP: this.nextId++,
            numeroFacture: numero,
            numeroFluxDepot,
            fournisseur: /<cbc:CompanyID[^>]*>(\d{14})</.exec(xml)?.[1] ?? '00000000000000',
            codeDestinataire:
              /<cac:AccountingCustomerParty>[\s\S]*?<cbc:CompanyID[^>]*>(\d{14})</.exec(xml)?.[1] ?? '00000000000000',
            idDestinataire: 0,
            codeServiceExecutant: /<cbc:BuyerReference>([^<]+)</.exec(xml)?.[1] ?? null,
            dateDepot: today(),
            statut: 'DEPOSEE',
            history: [{ code: 'DEPOSEE', at: nowMinutes(), commentaire: null }],
            montantTTC: 120,
            fichier: body.fichierFlux,
          });
        }
        return HttpResponse.json({
          codeRetour: 0,
          libelle: 'GCU_MSG_01_000',
          numeroFluxDepot,
          dateDepot: today(),
          syntaxeFlux: syntaxe,
        });
      }),

      api('/cpro/transverses/v1/consulterCRDetaille', (body) => {
        const flux = this.fluxes.find((f) => f.numeroFluxDepot === body.numeroFluxDepot);
        if (!flux) return functionalError(20004, 'Le flux est introuvable');
        flux.polls += 1;
        const final = flux.polls > this.pollsBeforeFinal;
        const integrated = this.invoices.filter((i) => i.numeroFluxDepot === flux.numeroFluxDepot);
        const etat = !final
          ? 'IN_DEPOT_PORTAIL_EN_ATTENTE_TRAITEMENT_SE_CPP'
          : flux.refused.length === 0
            ? 'IN_INTEGRE'
            : integrated.length > 0
              ? 'IN_INTEGRE_PARTIEL'
              : 'IN_REJETE';
        if (final) for (const invoice of integrated) this.advance(invoice, 'MISE_A_DISPOSITION');
        return HttpResponse.json({
          codeRetour: 0,
          libelle: 'TRA_MSG_00.000',
          codeInterfaceDepotFlux: 'FSO1100A',
          dateDepotFlux: '2026-11-28T15:10:25.536+01:00',
          dateHeureEtatCourantFlux: '2026-11-28T15:12:02.101+01:00',
          etatCourantDepotFlux: etat,
          nomFichier: `FSO1100A_CPP001_${flux.numeroFluxDepot}`,
          listeErreurDP: final
            ? flux.refused.map((numeroDP) => ({
                numeroDP,
                identifiantFournisseur: '81234567600017',
                identifiantDestinataire: '21350238800019',
                libelleErreurDP: 'Le code service est obligatoire',
              }))
            : [],
          listeErreurTechnique: [],
        });
      }),

      api('/cpro/factures/v1/rechercher/fournisseur', (body) => {
        const found = this.invoices.filter(
          (i) =>
            (body.numeroFluxDepot === undefined || i.numeroFluxDepot === body.numeroFluxDepot) &&
            (body.numeroFacture === undefined || i.numeroFacture === body.numeroFacture),
        );
        const paging = (body.rechercheFactureParFournisseur ?? {}) as {
          nbResultatsParPage?: number;
          pageResultatDemandee?: number;
        };
        const { slice, page, pages, size } = paginate(found, paging);
        if (found.length === 0)
          return HttpResponse.json({
            codeRetour: 20000,
            libelle: "TRA_MSG_00.015 – La recherche n'a retourné aucun résultat",
          });
        return HttpResponse.json({
          codeRetour: 0,
          libelle: 'TRA_MSG_00.000',
          listeFactures: slice.map((i) => ({
            identifiantFactureCPP: i.identifiantFactureCPP,
            numeroFacture: i.numeroFacture,
            statut: i.statut,
            dateDepot: i.dateDepot,
            dateFacture: i.dateDepot,
            dateHeureEtatCourant: i.history.at(-1)?.at,
            codeDestinataire: i.codeDestinataire,
            codeServiceExecutant: i.codeServiceExecutant,
            montantHT: 100,
            montantTTC: i.montantTTC,
            montantAPayer: i.montantTTC,
            numeroFluxDepot: i.numeroFluxDepot,
            numeroBonCommande: null,
            rejetTraite: false,
            commentaireEtatCourant: null,
          })),
          parametresRetour: { nbResultatsParPage: size, pageCourante: page, pages, total: found.length },
        });
      }),

      api('/cpro/factures/v1/rechercher/recipiendaire', (body) => {
        const since =
          typeof body.periodeDateHeureEtatCourantDu === 'string' ? body.periodeDateHeureEtatCourantDu : undefined;
        const found = this.invoices.filter(
          (i) =>
            i.idDestinataire === body.idDestinataire &&
            (since === undefined || (i.history.at(-1)?.at ?? '') >= since.slice(0, 16).replace('T', ' ')),
        );
        if (found.length === 0)
          return HttpResponse.json({
            codeRetour: 20000,
            libelle: "TRA_MSG_00.015 – La recherche n'a retourné aucun résultat",
          });
        const { slice, page, pages, size } = paginate(
          found,
          (body.paramRecherche ?? {}) as { nbResultatsParPage?: number; pageResultatDemandee?: number },
        );
        return HttpResponse.json({
          codeRetour: 0,
          libelle: 'TRA_MSG_00.000',
          listeFactures: slice.map((i) => ({
            idFacture: i.identifiantFactureCPP,
            numeroFacture: i.numeroFacture,
            statut: i.statut,
            codeDestinataire: i.codeDestinataire,
            idDestinataire: i.idDestinataire,
            codeFournisseur: i.fournisseur,
            typeIdentifiantFournisseur: 'SIRET',
            designationFournisseur: 'Fournisseur',
            codeServiceExecutant: i.codeServiceExecutant,
            idServiceExecutant: null,
            dateDepot: i.dateDepot,
            dateFacture: i.dateDepot,
            dateHeureEtatCourant: i.history.at(-1)?.at,
            montantHT: 100,
            montantTTC: i.montantTTC,
            montantAPayer: i.montantTTC,
            devise: 'EUR',
            typeDemandePaiement: 'FACTURE',
            typeFacture: 'FACTURE',
            factureTelechargeeParDestinataire: false,
            numeroBonCommande: null,
          })),
          pageCourante: page,
          pages,
          nbResultatsParPage: size,
          total: found.length,
        });
      }),

      api('/cpro/factures/v1/consulter/historique', (body) => {
        const invoice = this.invoices.find((i) => i.identifiantFactureCPP === body.idFacture);
        if (!invoice) return functionalError(20002, 'La facture est introuvable');
        return HttpResponse.json({
          codeRetour: 0,
          libelle: 'TRA_MSG_00.000',
          idFacture: invoice.identifiantFactureCPP,
          numeroFacture: invoice.numeroFacture,
          modeDepot: 'DEPOT_FLUX',
          statutCourantCode: invoice.statut,
          historiquesDesStatuts: {
            histoStatut: [...invoice.history].reverse().map((h, n) => ({
              histoStatutId: n + 1,
              histoStatutCode: h.code,
              histoStatutDatePassage: h.at,
              histoStatutCommentaire: h.commentaire,
              histoStatutUtilisateurNom: 'TECHNIQUE',
              histoStatutUtilisateurPrenom: 'Utilisateur',
            })),
          },
          historiquesDesActionsUtilisateurs: { histoAction: [] },
          historiquesDesEvenementsComplementaires: { evenement: [] },
        });
      }),

      api('/cpro/factures/v1/traiter/recue', (body) => {
        const invoice = this.invoices.find((i) => i.identifiantFactureCPP === body.idFacture);
        if (!invoice) return functionalError(20002, 'La facture est introuvable');
        const statut = String(body.nouveauStatut ?? '');
        if ((statut === 'REJETEE' || statut === 'SUSPENDUE') && !body.motif)
          return functionalError(20020, 'Le motif est obligatoire');
        this.advance(invoice, statut, typeof body.motif === 'string' ? body.motif : null);
        return HttpResponse.json({
          codeRetour: 0,
          libelle: 'TRA_MSG_00.000',
          dateTraitement: today(),
          idFacture: invoice.identifiantFactureCPP,
          nouveauStatut: statut,
          numeroFacture: invoice.numeroFacture,
        });
      }),

      api('/cpro/factures/v1/telecharger/groupe', (body) => {
        const ids = ((body.listeFacture ?? []) as { idFacture: number }[]).map((f) => f.idFacture);
        const invoice = this.invoices.find((i) => ids.includes(i.identifiantFactureCPP));
        if (!invoice) return functionalError(20002, 'La facture est introuvable');
        return HttpResponse.json({ codeRetour: 0, libelle: 'TRA_MSG_00.000', fichierResultat: invoice.fichier });
      }),
    ];
  }

  /** A status set on Chorus Pro by someone else (the recipient, or Hélios for the public accountant). */
  setStatus(identifiantFactureCPP: number, statut: string): void {
    const invoice = this.invoices.find((i) => i.identifiantFactureCPP === identifiantFactureCPP);
    if (!invoice) throw new Error(`no fake invoice ${identifiantFactureCPP}`);
    this.advance(invoice, statut);
  }

  private advance(invoice: FakeInvoice, statut: string, commentaire: string | null = null): void {
    if (invoice.statut === statut) return;
    invoice.statut = statut;
    invoice.history.push({ code: statut, at: nowMinutes(), commentaire });
  }

  private loginOf(request: Request): string | undefined {
    const header = request.headers.get('cpro-account');
    if (!header) return undefined;
    const decoded = Buffer.from(header, 'base64').toString('utf8');
    return decoded.slice(0, decoded.indexOf(':'));
  }

  private authenticate(request: Request): Response | undefined {
    const bearer = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
    const expiry = bearer ? this.tokens.get(bearer) : undefined;
    if (expiry === undefined || expiry <= Date.now()) {
      return new HttpResponse(null, {
        status: 401,
        headers: {
          'WWW-Authenticate': 'Bearer realm="PISTE",error="invalid_token",error_description="access token expired"',
        },
      });
    }
    const header = request.headers.get('cpro-account');
    const decoded = header ? Buffer.from(header, 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    if (colon < 0 || this.accounts[decoded.slice(0, colon)] !== decoded.slice(colon + 1)) {
      return new HttpResponse(null, { status: 401, headers: { 'WWW-Authenticate': WWW_AUTHENTICATE_BAD_ACCOUNT } });
    }
    return undefined;
  }

  private takeFailure(path: string): Response | Promise<Response> | undefined {
    const queue = this.injected.get(path) ?? this.injected.get('*');
    const failure = queue?.shift();
    if (!failure) return undefined;
    switch (failure.kind) {
      case '401':
        return new HttpResponse(null, { status: 401, headers: { 'WWW-Authenticate': WWW_AUTHENTICATE_BAD_ACCOUNT } });
      case '403':
        return new HttpResponse(null, { status: 403 });
      case '429':
        return new HttpResponse(null, { status: 429, headers: { 'Retry-After': String(failure.retryAfterSeconds) } });
      case '500':
        return HttpResponse.json({ message: 'Internal Server Error' }, { status: 500 });
      case 'timeout':
        return delay(failure.ms).then(() => HttpResponse.json({ codeRetour: 0, libelle: 'trop tard' }));
    }
  }
}

function functionalError(codeRetour: number, libelle: string): Response {
  return HttpResponse.json({ codeRetour, libelle }, { status: 400 });
}

function paginate<T>(items: T[], paging: { nbResultatsParPage?: number; pageResultatDemandee?: number }) {
  const size = paging.nbResultatsParPage ?? 10;
  const page = paging.pageResultatDemandee ?? 1;
  return { slice: items.slice((page - 1) * size, page * size), page, pages: Math.ceil(items.length / size), size };
}

function invoiceNumberOf(xml: string): string | undefined {
  return /<cbc:ID>([^<]+)<\/cbc:ID>/.exec(xml)?.[1] ?? /<rsm:ExchangedDocument>\s*<ram:ID>([^<]+)</.exec(xml)?.[1];
}

const today = (): string => new Date().toISOString().slice(0, 10);
const nowMinutes = (): string => new Date().toISOString().slice(0, 16).replace('T', ' ');
