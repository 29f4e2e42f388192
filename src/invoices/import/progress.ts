// Progress of a bulk import on stderr: a bar redrawn in place on a terminal, otherwise a plain line every tenth.
import { formatDuration, formatRate } from './report.ts';

export interface ProgressOutput {
  write(text: string): void;
  isTTY: boolean;
  columns?: number | undefined;
}

export interface Progress {
  /** Writes `text` (whole lines) without garbling the bar. */
  print(write: (text: string) => void, text: string): void;
  advance(done: number): void;
  finish(): void;
}

const REDRAW_MS = 100;
const CLEAR_LINE = '\r\x1b[2K';

export function createProgress(
  out: ProgressOutput,
  total: number,
  now: () => number = () => performance.now(),
): Progress {
  const began = now();
  let done = 0;
  let drawnAt = -Infinity;
  let barShown = false;
  let lastTenth = 0;

  const status = () => {
    const elapsed = now() - began;
    const percent = total === 0 ? 100 : Math.floor((done * 100) / total);
    const left = done > 0 && done < total ? `, reste ~${formatDuration(((total - done) * elapsed) / done)}` : '';
    return {
      percent,
      text: `${done.toLocaleString('fr-FR')}/${total.toLocaleString('fr-FR')} (${percent} %) · ${formatRate(done, elapsed)}${left}`,
    };
  };

  const drawBar = () => {
    const { percent, text } = status();
    const width = Math.max(10, Math.min(40, (out.columns ?? 80) - text.length - 4));
    const filled = Math.round((percent * width) / 100);
    out.write(`${CLEAR_LINE}[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${text}`);
    barShown = true;
    drawnAt = now();
  };

  return {
    print(write, text) {
      if (out.isTTY && barShown) out.write(CLEAR_LINE);
      write(text);
      if (out.isTTY && barShown) drawBar();
    },
    advance(value) {
      done = value;
      if (out.isTTY) {
        if (now() - drawnAt >= REDRAW_MS || done === total) drawBar();
        return;
      }
      const tenth = total === 0 ? 10 : Math.floor((done * 10) / total);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        out.write(`Progression : ${status().text}\n`);
      }
    },
    finish() {
      if (!out.isTTY) return;
      drawBar();
      out.write('\n');
      barShown = false;
    },
  };
}
