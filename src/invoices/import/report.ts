// What a bulk import prints: one line per file, then a summary. French, aligned, no colour (it may go to a file).
import type { ImportOutcome, ImportSummary } from './import-invoices.ts';

const LABELS: Record<ImportOutcome['kind'], string> = {
  accepted: 'accepté',
  refused: 'refusé',
  skipped: 'déjà déposé',
};
const WIDTH = Math.max(...Object.values(LABELS).map((l) => l.length));

export function resultLine(outcome: ImportOutcome): string {
  const label = LABELS[outcome.kind].padEnd(WIDTH);
  const detail =
    outcome.kind === 'refused'
      ? `${outcome.code} — ${outcome.message}`
      : `facture ${outcome.number} (${outcome.year}), statut ${outcome.status}`;
  return `${label}  ${outcome.file} : ${detail}\n`;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;

/** 850 ms → « 0,9 s » ; 75 s → « 1 min 15 s ». */
export function formatDuration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s`;
  const whole = Math.round(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = String(whole % 60).padStart(2, '0');
  return hours > 0 ? `${hours} h ${String(minutes).padStart(2, '0')} min ${rest} s` : `${minutes} min ${rest} s`;
}

export function formatRate(files: number, ms: number): string {
  const rate = ms > 0 ? (files * 1000) / ms : 0;
  return `${rate.toLocaleString('fr-FR', { maximumFractionDigits: rate < 10 ? 1 : 0 })} fichiers/s`;
}

export function summaryText(summary: ImportSummary): string {
  const processed = summary.files - summary.notProcessed;
  const counts = [
    plural(summary.accepted, 'accepté', 'acceptés'),
    plural(summary.refused, 'refusé', 'refusés'),
    plural(summary.skipped, 'déjà déposé', 'déjà déposés'),
    ...(summary.notProcessed > 0 ? [plural(summary.notProcessed, 'non traité', 'non traités')] : []),
  ].join(', ');
  const lines = [
    `${summary.stoppedBecause ? 'Import arrêté' : 'Import terminé'} : ${plural(summary.files, 'fichier', 'fichiers')} — ${counts}.`,
    `Durée ${formatDuration(summary.durationMs)}, ${formatRate(processed, summary.durationMs)}.`,
  ];
  if (summary.stoppedBecause)
    lines.push(
      `Arrêt : ${summary.stoppedBecause}`,
      'Relancez la même commande pour reprendre : les fichiers déjà déposés seront reconnus et passés.',
    );
  return `${lines.join('\n')}\n`;
}
