// /operateur/journal and its CSV export, for the operator. Pages call the audit verbs; they never touch the database.
import { Hono, type Context } from 'hono';
import { csvResponse } from '../../../web/csv.ts';
import { portalError } from '../../../web/error-pages.tsx';
import { requireViewerWith } from '../../../web/guard.ts';
import { sendPage } from '../../../web/render.ts';
import { AppError } from '../../errors.ts';
import type { AppEnv } from '../../http.ts';
import { parisDate } from '../../calendar/index.ts';
import { searchAuditEvents, type AuditReadContext, type SearchAuditEventsInput } from '../search-audit-events.ts';
import { auditEventsCsv } from './audit-csv.ts';
import { JOURNAL_PATH, JournalPage, type JournalForm } from './journal-page.tsx';

const FIELDS = ['subjectType', 'subjectId', 'actorId', 'structureId', 'from', 'to'] as const;

function readForm(url: string): { form: JournalForm; query: URLSearchParams; page: string | undefined } {
  const q = new URL(url).searchParams;
  const form = Object.fromEntries(
    FIELDS.map((f) => [f, (q.get(f) ?? '').trim().slice(0, 200)]),
  ) as unknown as JournalForm;
  const query = new URLSearchParams(Object.entries(form).filter(([, v]) => v !== ''));
  return { form, query, page: q.get('page') ?? undefined };
}

const contextOf = (c: Context<AppEnv>): AuditReadContext => ({ db: c.get('deps').db, actor: c.get('actor') });

export const auditPages = new Hono<AppEnv>()
  .get(JOURNAL_PATH, async (c) => {
    const viewer = await requireViewerWith(c, 'operator');
    const { form, query, page } = readForm(c.req.url);
    const input: SearchAuditEventsInput = { ...form, ...(page !== undefined ? { page } : {}) };
    try {
      const result = await searchAuditEvents({ ctx: contextOf(c), input });
      return sendPage(c, <JournalPage viewer={viewer} form={form} query={query} result={result} />);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'INVALID_INPUT')) throw error;
      return sendPage(c, <JournalPage viewer={viewer} form={form} query={query} error={error.message} />, 400);
    }
  })
  .get(`${JOURNAL_PATH}.csv`, async (c) => {
    await requireViewerWith(c, 'operator');
    const { form } = readForm(c.req.url);
    const body = await auditEventsCsv(contextOf(c), form);
    return csvResponse(c, `journal-${parisDate(c.get('deps').clock.now())}.csv`, body);
  });

// Mounted on its own or inside the portal, its errors answer with the portal's French pages.
auditPages.onError(portalError);
