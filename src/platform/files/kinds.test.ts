import { describe, expect, it } from 'vitest';
import { storedFileKinds } from '../../../db/schema/files.ts';
import { FILE_KIND_NAMES, FILE_KINDS, formatSize } from './kinds.ts';

describe('file kinds', () => {
  it('are the values of the stored_file_kind enum', () => {
    expect([...FILE_KIND_NAMES]).toEqual([...storedFileKinds]);
  });

  it('cap acts at 150 MiB and tender documents and bids at 1 GiB', () => {
    expect(FILE_KINDS.act.maxBytes).toBe(150 * 1024 * 1024);
    expect(FILE_KINDS.tender_document.maxBytes).toBe(1024 ** 3);
    expect(FILE_KINDS.bid.maxBytes).toBe(1024 ** 3);
  });

  it('write sizes as a French reader reads them', () => {
    expect(formatSize(150 * 1024 * 1024)).toBe('150 Mio');
    expect(formatSize(1024 ** 3)).toBe('1 Gio');
    expect(formatSize(1536)).toBe('1,5 Kio');
    expect(formatSize(12)).toBe('12 octets');
  });
});
