// The official DECP schema, `schema_decp_v2.0.3.json` of 139bercy/format-commande-publique (public domain, copied
// unchanged from the repository's HEAD of 2025-03-11), checked with Ajv: the export must pass the text the
// national platform validates with, not only our own rewriting of it (decp-schema.ts). strictTypes is off because
// the official text omits `type` beside some `required`/`uniqueItems`; every other strict check of Ajv stays on.
import { Ajv, type ErrorObject } from 'ajv';
import officialSchema from './schema_decp_v2.0.3.json' with { type: 'json' };

export interface OfficialSchemaIssue {
  path: string;
  message: string;
}

const validate = new Ajv({ allErrors: true, strictTypes: false }).compile(officialSchema);

/** The document's departures from the official schema; empty when it conforms. */
export function officialDecpIssues(document: unknown): OfficialSchemaIssue[] {
  if (validate(document)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => ({
    path: e.instancePath || '/',
    message: `${e.keyword}: ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
  }));
}
