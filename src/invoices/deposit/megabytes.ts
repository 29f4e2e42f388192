// File sizes as French messages give them: mebibytes with one decimal, written "Mo".
export function formatMegabytes(bytes: number): string {
  return `${(Math.round((bytes / (1024 * 1024)) * 10) / 10).toLocaleString('fr-FR')} Mo`;
}
