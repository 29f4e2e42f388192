// The edge check of every text the hub receives (JSON bodies, form fields, query strings, paths): a forbidden
// character is refused with a French message naming the field, before anything is parsed further or stored.
import { AppError } from '../errors.ts';
import { forbiddenCharacter, type ForbiddenCharacter } from './forbidden-characters.ts';

export interface TextRefusal extends ForbiddenCharacter {
  /** The field as the client named it: `motive`, `items[2].name`, `query.issueDateFrom`. */
  field: string;
}

const NAMES: Record<string, string> = { 'U+0000': 'caractère nul', 'U+007F': 'caractère de suppression' };

export function refusalMessage(refusal: TextRefusal): string {
  const name =
    NAMES[refusal.codePoint] ??
    (/^U\+D[89A-F]/.test(refusal.codePoint) ? 'demi-caractère isolé' : 'caractère de contrôle');
  return `Le champ « ${refusal.field} » contient un ${name} (${refusal.codePoint}, position ${refusal.position}) : retirez-le et renvoyez la demande.`;
}

export function forbiddenCharacterError(refusal: TextRefusal): AppError {
  return new AppError('FORBIDDEN_CHARACTER', refusalMessage(refusal), 400, refusal);
}

function checkString(field: string, text: string, multiline: boolean): TextRefusal | undefined {
  const found = forbiddenCharacter(text, { multiline });
  return found && { field, ...found };
}

/** Walks a parsed JSON value: every string and every key; texts may span lines. */
export function findInJson(value: unknown, path = ''): TextRefusal | undefined {
  if (typeof value === 'string') return checkString(path || 'corps', value, true);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findInJson(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      const found = checkString(field, key, false) ?? findInJson(item, field);
      if (found) return found;
    }
  }
  return undefined;
}

/** Form fields or query parameters: name and value; file parts are the file store's business, not text. */
export function findInFields(
  entries: Iterable<[string, unknown]>,
  options: { multiline: boolean; prefix?: string },
): TextRefusal | undefined {
  for (const [name, value] of entries) {
    const field = `${options.prefix ?? ''}${name}`;
    const found =
      checkString(field, name, false) ??
      (typeof value === 'string' ? checkString(field, value, options.multiline) : undefined);
    if (found) return found;
  }
  return undefined;
}

/** Throws the French refusal when a text holds a forbidden character (for verbs checking one field). */
export function requireCleanText(field: string, text: string, options = { multiline: true }): void {
  const found = checkString(field, text, options.multiline);
  if (found) throw forbiddenCharacterError(found);
}
