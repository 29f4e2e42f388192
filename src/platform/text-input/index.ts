export { forbiddenCharacter, type ForbiddenCharacter } from './forbidden-characters.ts';
export {
  findInFields,
  findInJson,
  forbiddenCharacterError,
  refusalMessage,
  requireCleanText,
  type TextRefusal,
} from './check-input.ts';
