import { describe, expect, it } from 'vitest';
import { cii, ubl } from '../testing/builders.ts';
import { check, fatalIds } from '../testing/run.ts';

describe('code-list rules (BR-CL-*)', () => {
  it('BR-CL-01: invoice type code', () => {
    expect(fatalIds(ubl({ typeCode: '999' }))).toContain('BR-CL-01');
    expect(fatalIds(cii({ typeCode: '999' }))).toContain('BR-CL-01');
    expect(fatalIds(ubl({ typeCode: '389' }))).toEqual([]);
  });

  it('BR-CL-04: currency code', () => {
    const ids = fatalIds(ubl({ currency: 'EUX' }));
    expect(ids).toContain('BR-CL-04');
  });

  it('BR-CL-21: item standard identifier scheme follows ISO 6523', () => {
    const xml = ubl().replace(
      '<cbc:Name>Article</cbc:Name>',
      '<cbc:Name>Article</cbc:Name><cac:StandardItemIdentification><cbc:ID schemeID="9999">123</cbc:ID></cac:StandardItemIdentification>',
    );
    expect(fatalIds(xml)).toContain('BR-CL-21');
  });

  it('BR-CL-23: unit of measure (UN/ECE Rec 20 and 21)', () => {
    const xml = ubl().replace('unitCode="C62"', 'unitCode="XXX"');
    expect(fatalIds(xml)).toContain('BR-CL-23');
  });

  it('BR-CL-25: electronic address scheme (EAS)', () => {
    const xml = ubl().replace(
      '<cbc:EndpointID schemeID="0009">12345678200010',
      '<cbc:EndpointID schemeID="XX">12345678200010',
    );
    const v = check(xml).find((x) => x.rule === 'BR-CL-25');
    expect(v?.bt).toBe('BT-34');
    expect(v?.path).toMatch(/EndpointID\/@schemeID$/);
  });
});
