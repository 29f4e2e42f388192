// Supplier pages of the deposit history: /factures/depots (the list) and /factures/depots/:id (one report).
import { Hono } from 'hono';
import type { AppEnv } from '../../platform/http.ts';
import { requireViewerWith } from '../../web/guard.ts';
import { sendPage } from '../../web/render.ts';
import { structuresAs } from '../../web/viewer.ts';
import { DEPOSIT_OUTCOMES, getDeposit, listDeposits, type DepositOutcome } from '../queries/deposit-history.ts';
import { DepositHistoryPage, DepositReportPage } from './deposit-history-page.tsx';
import { DEPOSITS_PATH } from './deposit-paths.ts';

const PAGE_SIZE = 25;

const outcomeOf = (value: string | undefined): DepositOutcome | undefined => DEPOSIT_OUTCOMES.find((o) => o === value);

export const depositHistoryPages = new Hono<AppEnv>()
  .get(DEPOSITS_PATH, async (c) => {
    const viewer = await requireViewerWith(c, 'supplier');
    const outcome = outcomeOf(c.req.query('resultat'));
    const page = Math.min(100_000, Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1));
    const deposits = await listDeposits(c.get('deps'), viewer.actor, { outcome, page, pageSize: PAGE_SIZE });
    return sendPage(
      c,
      <DepositHistoryPage
        viewer={viewer}
        page={deposits}
        outcome={outcome}
        manySuppliers={structuresAs(viewer, 'supplier').length > 1}
      />,
    );
  })
  .get(`${DEPOSITS_PATH}/:id`, async (c) => {
    const viewer = await requireViewerWith(c, 'supplier');
    const deposit = await getDeposit(c.get('deps'), viewer.actor, c.req.param('id'));
    return sendPage(c, <DepositReportPage viewer={viewer} deposit={deposit} />);
  });
