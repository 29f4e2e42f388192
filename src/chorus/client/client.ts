// A typed client of the Chorus Pro API (research note §2), one method per operation the hub uses.
import {
  CODE_AUCUN_RESULTAT,
  PATHS,
  type ConsulterCRDetailleResponse,
  type ConsulterHistoriqueResponse,
  type DeposerFluxRequest,
  type DeposerFluxResponse,
  type RechercherFactureParFournisseurRequest,
  type RechercherFactureParFournisseurResponse,
  type RechercherFactureParRecipiendaireRequest,
  type RechercherFactureParRecipiendaireResponse,
  type TelechargerGroupeResponse,
  type TraiterFactureRecueRequest,
  type TraiterFactureRecueResponse,
} from '../domain/api-contract.ts';
import { chorusCall, type CallDeps } from './call.ts';
import type { ChorusClientConfig } from './config.ts';
import { ChorusError } from './errors.ts';
import type { TechnicalAccount } from './technical-account.ts';
import { pisteTokenSource } from './token-cache.ts';

export interface ChorusClientOptions {
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

export type ChorusClient = ReturnType<typeof createChorusClient>;

/** A client acting with `account` (the technical account of the structure it works for). */
export function createChorusClient(config: ChorusClientConfig, options: ChorusClientOptions = {}) {
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  const deps: CallDeps = {
    config,
    tokens: pisteTokenSource(config, fetchFn, options.now),
    fetch: fetchFn,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
  };
  const post = <T>(account: TechnicalAccount, path: string, body: unknown) => chorusCall<T>(deps, account, path, body);

  return {
    deposerFlux: (account: TechnicalAccount, request: DeposerFluxRequest) =>
      post<DeposerFluxResponse>(account, PATHS.deposerFlux, request),
    consulterCRDetaille: (account: TechnicalAccount, numeroFluxDepot: string) =>
      post<ConsulterCRDetailleResponse>(account, PATHS.consulterCRDetaille, { numeroFluxDepot }),
    /** One page; an empty search (`codeRetour` 20000) is an empty page, not an error. */
    rechercherFactureParFournisseur: (account: TechnicalAccount, request: RechercherFactureParFournisseurRequest) =>
      emptyOnNoResult(
        post<RechercherFactureParFournisseurResponse>(account, PATHS.rechercherFournisseur, request),
        (): RechercherFactureParFournisseurResponse => ({
          codeRetour: 0,
          libelle: 'aucun résultat',
          listeFactures: [],
          parametresRetour: {
            nbResultatsParPage: request.rechercheFactureParFournisseur?.nbResultatsParPage ?? 10,
            pageCourante: 1,
            pages: 0,
            total: 0,
          },
        }),
      ),
    rechercherFactureParRecipiendaire: (account: TechnicalAccount, request: RechercherFactureParRecipiendaireRequest) =>
      emptyOnNoResult(
        post<RechercherFactureParRecipiendaireResponse>(account, PATHS.rechercherRecipiendaire, request),
        (): RechercherFactureParRecipiendaireResponse => ({
          codeRetour: 0,
          libelle: 'aucun résultat',
          listeFactures: [],
          pageCourante: 1,
          pages: 0,
          nbResultatsParPage: request.paramRecherche?.nbResultatsParPage ?? 10,
          total: 0,
        }),
      ),
    consulterHistorique: (account: TechnicalAccount, idFacture: number) =>
      post<ConsulterHistoriqueResponse>(account, PATHS.consulterHistorique, { idFacture, nbResultatsMaximum: 50 }),
    traiterFactureRecue: (account: TechnicalAccount, request: TraiterFactureRecueRequest) =>
      post<TraiterFactureRecueResponse>(account, PATHS.traiterRecue, request),
    telechargerFacture: (account: TechnicalAccount, idFacture: number, format: 'PDF' | 'PIVOT') =>
      post<TelechargerGroupeResponse>(account, PATHS.telechargerGroupe, {
        format,
        listeFacture: [{ idFacture }],
        avecPiecesJointesComplementaires: 'NON',
      }),
  };
}

async function emptyOnNoResult<T>(call: Promise<T>, empty: () => T): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof ChorusError && error.kind === 'functional' && error.details.codeRetour === CODE_AUCUN_RESULTAT)
      return empty();
    throw error;
  }
}
