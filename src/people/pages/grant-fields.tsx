// Role grants typed by the operator: a role and a structure (SIRET or SIREN) per row, resolved in the directory.
import type { Context } from 'hono';
import { compactIdentifier, findStructureBySiren, findStructureBySiret } from '../../directory/index.ts';
import { ROLES, type Role, type RoleGrant } from '../../platform/auth/index.ts';
import { invalidInput } from '../../platform/errors.ts';
import type { AppEnv } from '../../platform/http.ts';

export const GRANT_ROWS = 3;

export const ROLE_LABELS: Record<Role, string> = {
  supplier: 'Fournisseur',
  accountant: 'Comptable',
  agent: 'Agent',
  operator: 'Opérateur',
};

export interface GrantRow {
  role: string;
  structure: string;
}

const all = (form: Record<string, unknown>, name: string): string[] => {
  const value = form[name];
  return (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'string' ? v.slice(0, 40) : ''));
};

/** The grant rows as posted (always GRANT_ROWS of them, blank ones included). */
export function grantRows(form: Record<string, unknown>): GrantRow[] {
  const roles = all(form, 'role');
  const structures = all(form, 'structure');
  return Array.from({ length: GRANT_ROWS }, (_, i) => ({ role: roles[i] ?? '', structure: structures[i] ?? '' }));
}

/** Resolves each filled row to a grant; a half-filled row or an unknown structure is refused, naming the row. */
export async function resolveGrants(c: Context<AppEnv>, rows: GrantRow[]): Promise<RoleGrant[]> {
  const db = c.get('deps').db;
  const grants: RoleGrant[] = [];
  for (const [i, row] of rows.entries()) {
    const role = row.role.trim();
    const typed = compactIdentifier(row.structure.trim());
    if (role === '' && typed === '') continue;
    const field = `grant-${i + 1}`;
    if (!(ROLES as readonly string[]).includes(role))
      throw invalidInput(`Rôle n° ${i + 1} : choisissez un rôle pour la structure « ${typed} ».`, { field });
    const structure =
      typed.length === 14 ? await findStructureBySiret(db, typed) : await findStructureBySiren(db, typed);
    if (!structure)
      throw invalidInput(
        `Rôle n° ${i + 1} : aucune structure de l’annuaire n’a le SIRET ou le SIREN « ${row.structure.trim()} ».`,
        { field },
      );
    grants.push({ role: role as Role, structureId: structure.id });
  }
  return grants;
}

export function GrantFields(props: { rows: GrantRow[]; errorField?: string | undefined }) {
  return (
    <fieldset>
      <legend>Rôles (un par ligne : rôle et SIRET ou SIREN de la structure)</legend>
      {props.rows.map((row, i) => {
        const invalid =
          props.errorField === `grant-${i + 1}` ? { 'aria-invalid': 'true', 'aria-describedby': 'form-error' } : {};
        return (
          <div class="inline-service">
            <div class="field">
              <label for={`role-${i + 1}`}>{`Rôle n° ${i + 1}`}</label>
              <select id={`role-${i + 1}`} name="role" {...invalid}>
                <option value="">—</option>
                {ROLES.map((r) => (
                  <option value={r} selected={row.role === r}>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for={`structure-${i + 1}`}>{`Structure du rôle n° ${i + 1} (SIRET ou SIREN)`}</label>
              <input
                type="text"
                id={`structure-${i + 1}`}
                name="structure"
                value={row.structure}
                maxlength={20}
                inputmode="numeric"
                {...invalid}
              />
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}
