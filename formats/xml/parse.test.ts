import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors.ts';
import { NS } from './ns.ts';
import { parseXml } from './parse.ts';
import { child, children, pathOf } from './query.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof FormatError) return e.code;
    throw e;
  }
  throw new Error('no error thrown');
}

describe('parseXml: hostile input', () => {
  it('refuses a DOCTYPE before reading anything else', () => {
    expect(codeOf(() => parseXml('<!DOCTYPE Invoice><Invoice/>'))).toBe('XML_DTD_FORBIDDEN');
    expect(codeOf(() => parseXml('<?xml version="1.0"?>\n<!DOCTYPE a SYSTEM "http://example.com/a.dtd"><a/>'))).toBe(
      'XML_DTD_FORBIDDEN',
    );
  });

  it('refuses XXE (external entity declared in an internal subset)', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><a>&xxe;</a>';
    expect(codeOf(() => parseXml(xxe))).toBe('XML_DTD_FORBIDDEN');
  });

  it('refuses billion laughs before any expansion', () => {
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [',
      '<!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, k) => `<!ENTITY lol${k + 1} "${`&lol${k === 0 ? '' : k};`.repeat(10)}">`),
      ']>',
      '<lolz>&lol9;</lolz>',
    ].join('\n');
    expect(codeOf(() => parseXml(lol))).toBe('XML_DTD_FORBIDDEN');
  });

  it('refuses an ENTITY declaration outside a DOCTYPE', () => {
    expect(codeOf(() => parseXml('<!ENTITY x "y"><a/>'))).toBe('XML_ENTITY_FORBIDDEN');
  });

  it('refuses references to undeclared (non-predefined) entities', () => {
    expect(codeOf(() => parseXml('<a>&nbsp;</a>'))).toBe('XML_ENTITY_FORBIDDEN');
    expect(codeOf(() => parseXml('<a b="&xxe;"/>'))).toBe('XML_ENTITY_FORBIDDEN');
    expect(codeOf(() => parseXml('<a>&toString;</a>'))).toBe('XML_ENTITY_FORBIDDEN');
  });

  it('refuses what is not XML', () => {
    expect(codeOf(() => parseXml('{"invoice": 1}'))).toBe('XML_MALFORMED');
    expect(codeOf(() => parseXml(utf8('%PDF-1.7 binary')))).toBe('XML_MALFORMED');
    expect(codeOf(() => parseXml(''))).toBe('EMPTY_INPUT');
    expect(codeOf(() => parseXml(new Uint8Array()))).toBe('EMPTY_INPUT');
    expect(codeOf(() => parseXml('   \n'))).toBe('EMPTY_INPUT');
  });

  it('refuses non-well-formed documents', () => {
    const bad = [
      '<a><b></a></b>',
      '<a>',
      '<a></b>',
      '</a>',
      '<a/><b/>',
      '<a/>text',
      'text<a/>',
      '<a b=c/>',
      '<a b="1" b="2"/>',
      '<a b="<"/>',
      '<a>x & y</a>',
      '<a>&#0;</a>',
      '<a>&#xZZ;</a>',
      '<1a/>',
      '<a><!-- bad -- comment --></a>',
      '<a><![CDATA[x</a>',
      '<p:a/>',
      '<a xmlns:p=""/>',
      '<a>\u0001</a>',
      '<a/><?xml version="1.0"?>',
      '<a>]]></a>',
      '<a b="1"c="2"/>',
    ];
    for (const x of bad) expect([x, codeOf(() => parseXml(x))]).toEqual([x, 'XML_MALFORMED']);
  });

  it('refuses attributes repeated under another prefix of the same namespace', () => {
    expect(codeOf(() => parseXml('<a xmlns:p="urn:x" xmlns:q="urn:x" p:b="1" q:b="2"/>'))).toBe('XML_MALFORMED');
    expect(codeOf(() => parseXml('<a xmlns:p="urn:x" xmlns:p="urn:y"/>'))).toBe('XML_MALFORMED');
  });

  it('checks duplicates among many attributes', () => {
    const attrs = Array.from({ length: 50_000 }, (_, k) => `a${k}="v"`).join(' ');
    expect(parseXml(`<a ${attrs}/>`).attrs.size).toBe(50_000);
    expect(codeOf(() => parseXml(`<a ${attrs} a7="w"/>`))).toBe('XML_MALFORMED');
  });

  it('reports the line and column of a defect', () => {
    try {
      parseXml('<a>\n  <b>\n</a>');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FormatError);
      const fe = e as FormatError;
      expect(fe.code).toBe('XML_MALFORMED');
      expect(fe.line).toBe(3);
      expect(fe.message).toMatch(/ligne 3/);
    }
  });

  it('bounds the size (maxBytes) and the depth', () => {
    expect(codeOf(() => parseXml(utf8('<a>0123456789</a>'), { maxBytes: 10 }))).toBe('XML_TOO_LARGE');
    expect(codeOf(() => parseXml('<a>0123456789</a>', { maxBytes: 10 }))).toBe('XML_TOO_LARGE');
    expect(parseXml('<a>0123456789</a>', { maxBytes: 100 }).text).toBe('0123456789');
    const deep = '<a>'.repeat(300) + '</a>'.repeat(300);
    expect(codeOf(() => parseXml(deep))).toBe('XML_TOO_DEEP');
    expect(parseXml(deep, { maxDepth: 400 }).local).toBe('a');
  });
});

describe('parseXml: encodings', () => {
  it('refuses unknown declared encodings', () => {
    expect(codeOf(() => parseXml(utf8('<?xml version="1.0" encoding="UTF-8_W/O_BOM"?><a/>')))).toBe('XML_ENCODING');
    expect(codeOf(() => parseXml('<?xml version="1.0" encoding="UTF-8_W/O_BOM"?><a/>'))).toBe('XML_ENCODING');
    expect(codeOf(() => parseXml(utf8('<?xml version="1.0" encoding="EBCDIC-XYZ"?><a/>')))).toBe('XML_ENCODING');
  });

  it('refuses bytes that are not valid UTF-8', () => {
    expect(codeOf(() => parseXml(new Uint8Array([0x3c, 0x61, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x61, 0x3e])))).toBe(
      'XML_ENCODING',
    );
  });

  it('decodes UTF-8 with or without BOM, and ISO-8859-1 when declared', () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('<a>é€</a>')]);
    expect(parseXml(withBom).text).toBe('é€');
    expect(parseXml(utf8('<?xml version="1.0" encoding="utf-8"?><a>é</a>')).text).toBe('é');
    const latin1 = new Uint8Array([...utf8('<?xml version="1.0" encoding="ISO-8859-1"?><a>'), 0xe9, ...utf8('</a>')]);
    expect(parseXml(latin1).text).toBe('é');
  });

  it('decodes UTF-16 with a BOM', () => {
    const s = '<a>é</a>';
    const le = new Uint8Array(2 + s.length * 2);
    le[0] = 0xff;
    le[1] = 0xfe;
    for (let i = 0; i < s.length; i++) le[2 + i * 2] = s.charCodeAt(i);
    expect(parseXml(le).text).toBe('é');
  });
});

describe('parseXml: content and namespaces', () => {
  it('resolves namespaces by URI whatever the prefixes', () => {
    const a = parseXml(`<inv:Invoice xmlns:inv="${NS.UBL_INVOICE}" xmlns:x="${NS.CBC}"><x:ID>A1</x:ID></inv:Invoice>`);
    const b = parseXml(`<Invoice xmlns="${NS.UBL_INVOICE}"><ID xmlns="${NS.CBC}">A1</ID></Invoice>`);
    for (const r of [a, b]) {
      expect(r.ns).toBe(NS.UBL_INVOICE);
      expect(r.local).toBe('Invoice');
      expect(child(r, NS.CBC, 'ID')?.text).toBe('A1');
    }
  });

  it('scopes namespace declarations to their element', () => {
    const r = parseXml('<a xmlns="urn:1"><b xmlns="urn:2"><c/></b><d/></a>');
    expect(r.ns).toBe('urn:1');
    expect(r.children.map((c) => c.ns)).toEqual(['urn:2', 'urn:1']);
    expect(r.children[0]?.children[0]?.ns).toBe('urn:2');
    expect(parseXml('<a><b/></a>').children[0]?.ns).toBe('');
  });

  it('keys attributes by local name, namespaced ones as {uri}local, without xmlns declarations', () => {
    const r = parseXml(`<a xmlns:xsi="${NS.XSI}" xsi:schemaLocation="s" currencyID="EUR" xml:lang="fr"/>`);
    expect([...r.attrs.entries()]).toEqual([
      [`{${NS.XSI}}schemaLocation`, 's'],
      ['currencyID', 'EUR'],
      [`{${NS.XML}}lang`, 'fr'],
    ]);
  });

  it('decodes predefined entities, character references, CDATA; keeps direct text untrimmed', () => {
    const r = parseXml('<a> x &lt;&amp;&gt;&apos;&quot; &#233;&#x20AC;<b>in b</b><![CDATA[<raw>&amp;]]> </a>');
    expect(r.text).toBe(' x <&>\'" é€<raw>&amp; ');
    expect(r.children[0]?.text).toBe('in b');
  });

  it('normalises line ends and attribute whitespace', () => {
    const r = parseXml('<a b="x\ty\nz">1\r\n2\r3</a>');
    expect(r.text).toBe('1\n2\n3');
    expect(r.attrs.get('b')).toBe('x y z');
  });

  it('skips comments and processing instructions, accepts a declaration with standalone', () => {
    const r = parseXml(
      "<?xml version='1.0' encoding='UTF-8' standalone='yes'?><!-- c --><?pi x?><a><!--c-->t<?pi?></a><!-- end -->",
    );
    expect(r.text).toBe('t');
  });

  it('links parents and children', () => {
    const r = parseXml('<a><b><c/></b></a>');
    const c = r.children[0]?.children[0];
    expect(c?.parent?.parent).toBe(r);
    expect(r.parent).toBeUndefined();
  });
});

describe('pathOf', () => {
  it('prints conventional prefixes and positions among same-named siblings', () => {
    const xml = `<my:Invoice xmlns:my="${NS.UBL_INVOICE}" xmlns:a="${NS.CAC}" xmlns:b="${NS.CBC}">
      <b:ID>1</b:ID>
      <a:InvoiceLine><b:ID>1</b:ID><b:LineExtensionAmount>1</b:LineExtensionAmount></a:InvoiceLine>
      <a:InvoiceLine><b:ID>2</b:ID><b:LineExtensionAmount>2</b:LineExtensionAmount></a:InvoiceLine>
    </my:Invoice>`;
    const root = parseXml(xml);
    const line2 = children(root, NS.CAC, 'InvoiceLine')[1];
    const amount = child(line2, NS.CBC, 'LineExtensionAmount');
    expect(pathOf(amount!)).toBe('/Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount');
    expect(pathOf(child(root, NS.CBC, 'ID')!)).toBe('/Invoice/cbc:ID');
    expect(pathOf(amount!, 'currencyID')).toBe('/Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount/@currencyID');
  });

  it('prints CII paths with rsm: and ram:', () => {
    const root = parseXml(
      `<x:CrossIndustryInvoice xmlns:x="${NS.RSM}" xmlns:y="${NS.RAM}"><x:ExchangedDocument><y:ID>1</y:ID></x:ExchangedDocument></x:CrossIndustryInvoice>`,
    );
    const id = root.children[0]?.children[0];
    expect(pathOf(id!)).toBe('/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:ID');
  });
});
