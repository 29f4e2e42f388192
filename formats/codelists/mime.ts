/**
 * MIME codes accepted for attached documents BT-125-1 (BR-CL-24).
 * Source: CEN/TC 434 artefacts 1.3.16.
 */
import { codes } from './source.ts';

export const MIME_CODES: ReadonlySet<string> = codes(`
application/pdf image/png image/jpeg text/csv
application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
application/vnd.oasis.opendocument.spreadsheet`);
