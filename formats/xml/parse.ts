import { FormatError } from '../errors.ts';
import { checkDeclaredEncodingOfString, decodeXmlBytes } from './decode.ts';
import { NS } from './ns.ts';

/** One element of a parsed document. */
export interface XmlElement {
  /** Namespace URI, '' if none. */
  ns: string;
  /** Local name (without prefix). */
  local: string;
  /** Attributes: unprefixed ones by local name, namespaced ones as `{uri}local`. Namespace declarations are not included. */
  attrs: ReadonlyMap<string, string>;
  children: XmlElement[];
  /** Direct text content (text and CDATA of this element, not of its children), untrimmed. */
  text: string;
  parent: XmlElement | undefined;
}

export interface ParseXmlOptions {
  /** Largest accepted input, in bytes (UTF-16 code units for a string). Default 64 MiB. */
  maxBytes?: number;
  /** Deepest accepted element nesting. Default 256. */
  maxDepth?: number;
}

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const DEFAULT_MAX_DEPTH = 256;

const EMPTY_ATTRS: ReadonlyMap<string, string> = new Map();
/** Shared by every element without children (frozen: a parsed tree is read-only). */
const NO_CHILDREN: XmlElement[] = Object.freeze([]) as unknown as XmlElement[];

/** A compact read-only map for the few attributes an element carries (flat key/value array). */
class Attributes implements ReadonlyMap<string, string> {
  private readonly kv: string[];
  constructor(kv: string[]) {
    this.kv = kv;
  }
  get size(): number {
    return this.kv.length / 2;
  }
  get(key: string): string | undefined {
    const kv = this.kv;
    for (let k = 0; k < kv.length; k += 2) if (kv[k] === key) return kv[k + 1];
    return undefined;
  }
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }
  forEach(cb: (value: string, key: string, map: ReadonlyMap<string, string>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) cb.call(thisArg, v, k, this);
  }
  *entries(): MapIterator<[string, string]> {
    const kv = this.kv;
    for (let k = 0; k < kv.length; k += 2) yield [kv[k] as string, kv[k + 1] as string];
  }
  *keys(): MapIterator<string> {
    for (const [k] of this.entries()) yield k;
  }
  *values(): MapIterator<string> {
    for (const [, v] of this.entries()) yield v;
  }
  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }
}

class Element implements XmlElement {
  ns: string;
  local: string;
  attrs: ReadonlyMap<string, string>;
  children: XmlElement[] = NO_CHILDREN;
  text = '';
  parent: XmlElement | undefined;
  constructor(ns: string, local: string, attrs: ReadonlyMap<string, string>, parent: XmlElement | undefined) {
    this.ns = ns;
    this.local = local;
    this.attrs = attrs;
    this.parent = parent;
  }
}

const NAME_START =
  'A-Za-z_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
// The ranges are the XML 1.0 NameStartChar/NameChar productions; combining marks are allowed inside names by spec.
// eslint-disable-next-line no-misleading-character-class
const QNAME = new RegExp(`^[${NAME_START}][${NAME_CHAR}]*(?::[${NAME_START}][${NAME_CHAR}]*)?$`);
const FORBIDDEN_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const XML_DECL =
  /^<\?xml\s+version\s*=\s*(["'])1\.[0-9]+\1(?:\s+encoding\s*=\s*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\3)?\s*\?>/;
const PREDEFINED: ReadonlyMap<string, string> = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['apos', "'"],
  ['quot', '"'],
]);

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/** The first key repeated in a flat key/value list, if any (linear for the usual few attributes). */
function duplicateKey(kv: readonly string[]): string | undefined {
  if (kv.length <= 2) return undefined;
  if (kv.length <= 16) {
    for (let a = 0; a < kv.length; a += 2) for (let b = a + 2; b < kv.length; b += 2) if (kv[a] === kv[b]) return kv[a];
    return undefined;
  }
  const seen = new Set<string>();
  for (let a = 0; a < kv.length; a += 2) {
    const k = kv[a] as string;
    if (seen.has(k)) return k;
    seen.add(k);
  }
  return undefined;
}

function isBlank(s: string): boolean {
  for (let k = 0; k < s.length; k++) if (!isSpace(s.charCodeAt(k))) return false;
  return true;
}

/**
 * Parses an XML document into an element tree and returns its root element.
 *
 * Safe by construction: any document type declaration (DTD, ENTITY, ELEMENT, ATTLIST) is refused as soon
 * as it is met, so no entity is ever expanded and nothing external is ever fetched; only the five predefined
 * entities and character references are decoded. The document must be well-formed and namespace-well-formed.
 */
export function parseXml(input: Uint8Array | string, opts: ParseXmlOptions = {}): XmlElement {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (input.length === 0) throw new FormatError('EMPTY_INPUT', 'Le document est vide.');
  if (input.length > maxBytes) {
    throw new FormatError('XML_TOO_LARGE', `Le document dépasse la taille maximale autorisée (${maxBytes} octets).`);
  }
  let text: string;
  if (typeof input === 'string') {
    text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    checkDeclaredEncodingOfString(text);
  } else {
    text = decodeXmlBytes(input);
  }
  if (isBlank(text)) throw new FormatError('EMPTY_INPUT', 'Le document est vide.');
  return new Parser(text, opts.maxDepth ?? DEFAULT_MAX_DEPTH).parse();
}

type Scope = ReadonlyMap<string, string>;
const INITIAL_SCOPE: Scope = new Map([
  ['xml', NS.XML],
  ['', ''],
]);

class Parser {
  private readonly s: string;
  private readonly maxDepth: number;

  constructor(s: string, maxDepth: number) {
    this.s = s;
    this.maxDepth = maxDepth;
  }

  private fail(
    code: 'XML_MALFORMED' | 'XML_DTD_FORBIDDEN' | 'XML_ENTITY_FORBIDDEN' | 'XML_TOO_DEEP',
    detail: string,
    at: number,
  ): never {
    let line = 1;
    let lineStart = 0;
    const s = this.s;
    for (let k = s.indexOf('\n'); k !== -1 && k < at; k = s.indexOf('\n', k + 1)) {
      line++;
      lineStart = k + 1;
    }
    const column = at - lineStart + 1;
    const prefix =
      code === 'XML_MALFORMED'
        ? 'XML mal formé'
        : code === 'XML_DTD_FORBIDDEN'
          ? 'XML refusé'
          : code === 'XML_ENTITY_FORBIDDEN'
            ? 'XML refusé'
            : 'XML refusé';
    throw new FormatError(code, `${prefix} (ligne ${line}, colonne ${column}) : ${detail}`, { line, column });
  }

  parse(): XmlElement {
    const s = this.s;
    const n = s.length;
    let i = 0;
    if (s.startsWith('<?xml') && isSpace(s.charCodeAt(5))) {
      const m = XML_DECL.exec(s);
      if (!m) this.fail('XML_MALFORMED', 'déclaration XML invalide.', 0);
      i = m[0].length;
    }
    const bad = FORBIDDEN_CHARS.exec(s);
    if (bad)
      this.fail(
        'XML_MALFORMED',
        `caractère interdit (U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}).`,
        bad.index,
      );

    let root: Element | undefined;
    let cur: Element | undefined;
    const names: string[] = [];
    const scopes: Scope[] = [INITIAL_SCOPE];
    let scope: Scope = INITIAL_SCOPE;

    while (i < n) {
      const lt = s.indexOf('<', i);
      const textEnd = lt === -1 ? n : lt;
      if (textEnd > i) {
        const raw = s.substring(i, textEnd);
        if (cur) cur.text += this.decodeText(raw, i);
        else if (!isBlank(raw)) this.fail('XML_MALFORMED', 'texte en dehors de l’élément racine.', i);
      }
      if (lt === -1) break;
      const c = s.charCodeAt(lt + 1);
      if (c === 47 /* / */) {
        // End tag.
        const gt = s.indexOf('>', lt + 2);
        if (gt === -1) this.fail('XML_MALFORMED', 'balise fermante non terminée.', lt);
        let e = gt;
        while (e > lt + 2 && isSpace(s.charCodeAt(e - 1))) e--;
        const name = s.substring(lt + 2, e);
        const open = names.pop();
        if (open === undefined || cur === undefined)
          this.fail('XML_MALFORMED', `balise fermante </${name}> sans balise ouvrante.`, lt);
        if (open !== name)
          this.fail('XML_MALFORMED', `balise fermante </${name}> alors que <${open}> est ouverte.`, lt);
        scopes.pop();
        scope = scopes[scopes.length - 1] ?? INITIAL_SCOPE;
        this.compact(cur);
        cur = cur.parent as Element | undefined;
        i = gt + 1;
      } else if (c === 33 /* ! */) {
        if (s.startsWith('<!--', lt)) {
          const end = s.indexOf('-->', lt + 4);
          if (end === -1) this.fail('XML_MALFORMED', 'commentaire non terminé.', lt);
          const body = s.substring(lt + 4, end);
          if (body.includes('--') || body.endsWith('-'))
            this.fail('XML_MALFORMED', '« -- » interdit dans un commentaire.', lt);
          i = end + 3;
        } else if (s.startsWith('<![CDATA[', lt)) {
          if (!cur) this.fail('XML_MALFORMED', 'section CDATA en dehors de l’élément racine.', lt);
          const end = s.indexOf(']]>', lt + 9);
          if (end === -1) this.fail('XML_MALFORMED', 'section CDATA non terminée.', lt);
          const body = s.substring(lt + 9, end);
          cur.text += body.includes('\r') ? body.replace(/\r\n?/g, '\n') : body;
          i = end + 3;
        } else if (
          s.startsWith('<!DOCTYPE', lt) ||
          s.startsWith('<!ELEMENT', lt) ||
          s.startsWith('<!ATTLIST', lt) ||
          s.startsWith('<!NOTATION', lt)
        ) {
          this.fail('XML_DTD_FORBIDDEN', 'les déclarations de type de document (DOCTYPE/DTD) sont interdites.', lt);
        } else if (s.startsWith('<!ENTITY', lt)) {
          this.fail('XML_ENTITY_FORBIDDEN', 'les déclarations d’entités sont interdites.', lt);
        } else {
          this.fail('XML_MALFORMED', 'déclaration « <! » inattendue.', lt);
        }
      } else if (c === 63 /* ? */) {
        const end = s.indexOf('?>', lt + 2);
        if (end === -1) this.fail('XML_MALFORMED', 'instruction de traitement non terminée.', lt);
        let t = lt + 2;
        while (t < end && !isSpace(s.charCodeAt(t))) t++;
        const target = s.substring(lt + 2, t);
        if (!QNAME.test(target) || target.includes(':'))
          this.fail('XML_MALFORMED', 'instruction de traitement invalide.', lt);
        if (target.toLowerCase() === 'xml')
          this.fail('XML_MALFORMED', 'la déclaration XML doit être au tout début du document.', lt);
        i = end + 2;
      } else {
        // Start tag.
        if (root !== undefined && cur === undefined) this.fail('XML_MALFORMED', 'plusieurs éléments racine.', lt);
        let j = lt + 1;
        for (; j < n; j++) {
          const d = s.charCodeAt(j);
          if (d === 62 || d === 47 || isSpace(d)) break;
        }
        const qname = s.substring(lt + 1, j);
        if (!QNAME.test(qname)) this.fail('XML_MALFORMED', `nom d’élément invalide « ${qname.slice(0, 40)} ».`, lt);
        // Attributes.
        let raw: string[] | undefined;
        let selfClosing = false;
        for (;;) {
          const ws = j;
          while (j < n && isSpace(s.charCodeAt(j))) j++;
          if (j >= n) this.fail('XML_MALFORMED', `balise <${qname}> non terminée.`, lt);
          const d = s.charCodeAt(j);
          if (d === 62 /* > */) {
            j++;
            break;
          }
          if (d === 47 /* / */) {
            if (s.charCodeAt(j + 1) !== 62) this.fail('XML_MALFORMED', `balise <${qname}> mal terminée.`, j);
            selfClosing = true;
            j += 2;
            break;
          }
          if (j === ws) this.fail('XML_MALFORMED', `espace attendu avant un attribut dans <${qname}>.`, j);
          const a0 = j;
          while (j < n) {
            const e = s.charCodeAt(j);
            if (e === 61 /* = */ || isSpace(e) || e === 62 || e === 47) break;
            j++;
          }
          const aname = s.substring(a0, j);
          if (!QNAME.test(aname)) this.fail('XML_MALFORMED', `nom d’attribut invalide dans <${qname}>.`, a0);
          while (j < n && isSpace(s.charCodeAt(j))) j++;
          if (s.charCodeAt(j) !== 61) this.fail('XML_MALFORMED', `« = » attendu après l’attribut ${aname}.`, j);
          j++;
          while (j < n && isSpace(s.charCodeAt(j))) j++;
          const q = s.charCodeAt(j);
          if (q !== 34 && q !== 39)
            this.fail('XML_MALFORMED', `valeur de l’attribut ${aname} non entre guillemets.`, j);
          const close = s.indexOf(q === 34 ? '"' : "'", j + 1);
          if (close === -1) this.fail('XML_MALFORMED', `valeur de l’attribut ${aname} non terminée.`, j);
          const rawValue = s.substring(j + 1, close);
          if (rawValue.includes('<'))
            this.fail('XML_MALFORMED', `« < » interdit dans la valeur de l’attribut ${aname}.`, j);
          (raw ??= []).push(aname, this.decodeAttr(rawValue, j + 1));
          j = close + 1;
        }
        // Namespace declarations.
        if (raw !== undefined) {
          let declared: Map<string, string> | undefined;
          for (let k = 0; k < raw.length; k += 2) {
            const an = raw[k] as string;
            if (an === 'xmlns' || an.startsWith('xmlns:')) {
              const prefix = an === 'xmlns' ? '' : an.slice(6);
              const uri = raw[k + 1] as string;
              if (prefix !== '' && uri === '')
                this.fail(
                  'XML_MALFORMED',
                  `le préfixe ${prefix} ne peut pas être associé à un espace de noms vide.`,
                  lt,
                );
              if (prefix === 'xmlns' || (prefix === 'xml') !== (uri === NS.XML) || uri === NS.XMLNS) {
                this.fail('XML_MALFORMED', `déclaration d’espace de noms réservée invalide (${an}).`, lt);
              }
              declared ??= new Map(scope);
              declared.set(prefix, uri);
            }
          }
          if (declared) scope = declared;
        }
        // Element name resolution.
        const colon = qname.indexOf(':');
        let ns: string;
        let local: string;
        if (colon === -1) {
          ns = scope.get('') ?? '';
          local = this.intern(qname);
        } else {
          const prefix = qname.slice(0, colon);
          const uri = scope.get(prefix);
          if (uri === undefined || uri === '')
            this.fail('XML_MALFORMED', `préfixe d’espace de noms non déclaré « ${prefix} ».`, lt);
          ns = uri;
          local = this.intern(qname.slice(colon + 1));
        }
        // Attributes resolution.
        let attrs: ReadonlyMap<string, string> = EMPTY_ATTRS;
        if (raw !== undefined) {
          let kv: string[] | undefined;
          for (let k = 0; k < raw.length; k += 2) {
            const an = raw[k] as string;
            if (an === 'xmlns' || an.startsWith('xmlns:')) continue;
            const ac = an.indexOf(':');
            let key = an;
            if (ac !== -1) {
              const prefix = an.slice(0, ac);
              const uri = scope.get(prefix);
              if (uri === undefined || uri === '')
                this.fail('XML_MALFORMED', `préfixe d’espace de noms non déclaré « ${prefix} ».`, lt);
              key = `{${uri}}${an.slice(ac + 1)}`;
            }
            kv ??= [];
            kv.push(key, raw[k + 1] as string);
          }
          // Expanded names must be unique too (two prefixes may be bound to the same namespace).
          const dupKey = kv ? duplicateKey(kv) : undefined;
          if (dupKey !== undefined) this.fail('XML_MALFORMED', `attribut ${dupKey} répété dans <${qname}>.`, lt);
          // Duplicate raw names (including duplicate xmlns declarations).
          const dupRaw = duplicateKey(raw);
          if (dupRaw !== undefined) this.fail('XML_MALFORMED', `attribut ${dupRaw} répété dans <${qname}>.`, lt);
          if (kv) attrs = new Attributes(kv);
        }
        const el = new Element(ns, local, attrs, cur);
        if (cur) {
          if (cur.children === NO_CHILDREN) cur.children = [el];
          else cur.children.push(el);
        } else {
          root = el;
        }
        if (selfClosing) {
          scope = scopes[scopes.length - 1] ?? INITIAL_SCOPE;
        } else {
          if (names.length >= this.maxDepth)
            this.fail('XML_TOO_DEEP', `imbrication trop profonde (plus de ${this.maxDepth} niveaux).`, lt);
          names.push(qname);
          scopes.push(scope);
          cur = el;
        }
        i = j;
      }
    }
    if (cur !== undefined)
      this.fail('XML_MALFORMED', `élément <${names[names.length - 1] ?? ''}> non fermé en fin de document.`, n);
    if (root === undefined) this.fail('XML_MALFORMED', 'aucun élément racine.', 0);
    return root;
  }

  private readonly nameCache = new Map<string, string>();
  private readonly blanks = new Map<string, string>();

  /** One string per distinct name, shared by all elements. */
  private intern(name: string): string {
    const known = this.nameCache.get(name);
    if (known !== undefined) return known;
    this.nameCache.set(name, name);
    return name;
  }

  /**
   * Frees what a closed element no longer needs: the spare capacity of its children array, and the
   * concatenation chain of its whitespace-only text (indentation), replaced by one shared string.
   */
  private compact(el: Element): void {
    if (el.children.length > 1) el.children = el.children.slice();
    if (el.children.length > 0 && el.text.length > 0 && isBlank(el.text)) {
      const known = this.blanks.get(el.text);
      if (known !== undefined) el.text = known;
      else if (this.blanks.size < 256) this.blanks.set(el.text, el.text);
    }
  }

  private decodeText(raw: string, at: number): string {
    let t = raw;
    if (t.includes('\r')) t = t.replace(/\r\n?/g, '\n');
    if (t.includes(']]>')) this.fail('XML_MALFORMED', '« ]]> » interdit dans le texte.', at);
    return t.includes('&') ? this.decodeRefs(t, at) : t;
  }

  private decodeAttr(raw: string, at: number): string {
    let t = raw;
    if (/[\t\n\r]/.test(t)) t = t.replace(/\r\n|[\t\n\r]/g, ' ');
    return t.includes('&') ? this.decodeRefs(t, at) : t;
  }

  private decodeRefs(t: string, at: number): string {
    let out = '';
    let from = 0;
    for (let amp = t.indexOf('&'); amp !== -1; amp = t.indexOf('&', from)) {
      const semi = t.indexOf(';', amp + 1);
      const ref = semi === -1 ? '' : t.substring(amp + 1, semi);
      if (semi === -1 || ref.length === 0 || ref.length > 32)
        this.fail('XML_MALFORMED', '« & » non suivi d’une référence valide.', at + amp);
      out += t.substring(from, amp);
      if (ref.charCodeAt(0) === 35 /* # */) {
        const hex = ref.charCodeAt(1) === 120; /* x */
        const digits = ref.slice(hex ? 2 : 1);
        if (!(hex ? /^[0-9A-Fa-f]+$/ : /^[0-9]+$/).test(digits))
          this.fail('XML_MALFORMED', `référence de caractère invalide &${ref};.`, at + amp);
        const cp = parseInt(digits, hex ? 16 : 10);
        const ok =
          cp === 9 ||
          cp === 10 ||
          cp === 13 ||
          (cp >= 0x20 && cp <= 0xd7ff) ||
          (cp >= 0xe000 && cp <= 0xfffd) ||
          (cp >= 0x10000 && cp <= 0x10ffff);
        if (!ok) this.fail('XML_MALFORMED', `référence à un caractère interdit &${ref};.`, at + amp);
        out += String.fromCodePoint(cp);
      } else {
        const v = PREDEFINED.get(ref);
        if (v === undefined) {
          this.fail(
            QNAME.test(ref) ? 'XML_ENTITY_FORBIDDEN' : 'XML_MALFORMED',
            `entité non prédéfinie &${ref.slice(0, 32)}; refusée.`,
            at + amp,
          );
        }
        out += v;
      }
      from = semi + 1;
    }
    return out + t.substring(from);
  }
}
