import { describe, expect, it } from 'vitest';
import { parseXml } from '../xml/parse.ts';
import { LazyLocations, LocationRecorder } from './locations.ts';

describe('LocationRecorder and LazyLocations', () => {
  const root = parseXml('<a><b>x</b><c> y </c></a>');
  const [b, c] = root.children;

  it('records keys relative to repeated groups, 1-based', () => {
    const rec = new LocationRecorder();
    expect(rec.text('BT-1', b)).toBe('x');
    const line = rec.group('BG-25', 1, root);
    expect(line.text('BT-131', c)).toBe('y');
    expect(line.group('BG-27', 0, c!).at('BT-136', b)).toBe(b);
    expect(rec.text('BT-2', undefined)).toBeUndefined();
    expect([...rec.map.keys()]).toEqual([
      'BT-1',
      'BG-25[2]',
      'BG-25[2]/BT-131',
      'BG-25[2]/BG-27[1]',
      'BG-25[2]/BG-27[1]/BT-136',
    ]);
    expect(rec.map.get('BG-25[2]/BT-131')).toBe(c);
    expect(rec.map.has('BT-2')).toBe(false);
  });

  it('behaves as a Map before and after materialisation', () => {
    const m = new LazyLocations();
    m.add('P/', 'BT-1', b!);
    expect(m.size).toBe(1);
    m.add('P/', 'BT-2', c!);
    expect(m.get('P/BT-2')).toBe(c);
    m.set('X', root);
    expect([...m].map(([k]) => k)).toEqual(['P/BT-1', 'P/BT-2', 'X']);
    expect(m.delete('X')).toBe(true);
    expect(m instanceof Map).toBe(true);
    let n = 0;
    m.forEach(() => n++);
    expect(n).toBe(2);
    m.clear();
    expect(m.size).toBe(0);
  });
});
