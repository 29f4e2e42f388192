// The portal's public entry: its routes, and the shared layout other modules' pages use.
export { portalRoutes } from './routes.ts';
export { Document, BarePage, SITE_NAME } from './layout/document.tsx';
export { Page } from './layout/page.tsx';
export { requireViewer, requireViewerWith } from './guard.ts';
export { sendPage } from './render.ts';
export { toCsv, csvResponse, type CsvColumn } from './csv.ts';
export type { Viewer } from './viewer.ts';
