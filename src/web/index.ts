// The shared layout, components, guard and CSV writer that every module's pages use.
export { Document, BarePage, SITE_NAME } from './layout/document.tsx';
export { Page } from './layout/page.tsx';
export { requireViewer, requireViewerWith } from './guard.ts';
export { sendPage } from './render.ts';
export { toCsv, csvResponse, type CsvColumn } from './csv.ts';
export type { Viewer } from './viewer.ts';
