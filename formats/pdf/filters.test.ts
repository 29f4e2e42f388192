import { deflateRawSync, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeStream, StreamDecodeError } from './filters.ts';

const text = Buffer.from('<?xml version="1.0"?><a>Factur-X é</a>');

describe('decodeStream', () => {
  it('inflates FlateDecode, with or without the zlib header', () => {
    expect(Buffer.from(decodeStream(deflateSync(text), [{ name: 'FlateDecode', params: {} }], 1000)).equals(text)).toBe(
      true,
    );
    expect(Buffer.from(decodeStream(deflateRawSync(text), [{ name: 'Fl', params: {} }], 1000)).equals(text)).toBe(true);
  });

  it('undoes the PNG Up predictor', () => {
    // Two rows of 3 columns: row filter 0 (None) then 2 (Up).
    const rows = Buffer.from([0, 1, 2, 3, 2, 1, 1, 1]);
    const out = decodeStream(deflateSync(rows), [{ name: 'FlateDecode', params: { Predictor: 12, Columns: 3 } }], 100);
    expect([...out]).toEqual([1, 2, 3, 2, 3, 4]);
  });

  it('decodes ASCIIHex, ASCII85 and RunLength', () => {
    expect(
      Buffer.from(
        decodeStream(Buffer.from('48 65 6C 6c 6F>'), [{ name: 'ASCIIHexDecode', params: {} }], 100),
      ).toString(),
    ).toBe('Hello');
    expect(
      Buffer.from(
        decodeStream(Buffer.from('87cURD]i,"Ebo80~>'), [{ name: 'ASCII85Decode', params: {} }], 100),
      ).toString(),
    ).toBe('Hello World!');
    expect(
      Buffer.from(
        decodeStream(
          Buffer.from([2, 0x61, 0x62, 0x63, 254, 0x7a, 128]),
          [{ name: 'RunLengthDecode', params: {} }],
          100,
        ),
      ).toString(),
    ).toBe('abczzz');
  });

  it('stops at the output cap', () => {
    const bomb = deflateSync(Buffer.alloc(1_000_000));
    expect(() => decodeStream(bomb, [{ name: 'FlateDecode', params: {} }], 10_000)).toThrow(StreamDecodeError);
    try {
      decodeStream(bomb, [{ name: 'FlateDecode', params: {} }], 10_000);
    } catch (err) {
      expect((err as StreamDecodeError).tooLarge).toBe(true);
    }
  });

  it('refuses unknown filters and corrupt data', () => {
    expect(() => decodeStream(text, [{ name: 'JBIG2Decode', params: {} }], 100)).toThrow(/unsupported filter/);
    expect(() => decodeStream(Buffer.from('zz'), [{ name: 'ASCIIHexDecode', params: {} }], 100)).toThrow(/ASCIIHex/);
    expect(() => decodeStream(Buffer.from('not deflate'), [{ name: 'FlateDecode', params: {} }], 100)).toThrow(
      /deflate/,
    );
  });
});
