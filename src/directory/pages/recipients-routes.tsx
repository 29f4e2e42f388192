// `/annuaire-destinataires` and `/annuaire-destinataires/:id`: open without login.
import { Hono } from 'hono';
import { notFound } from '../../platform/errors.ts';
import type { AppEnv } from '../../platform/http.ts';
import { sendPublicPage } from '../../web/public-page.tsx';
import { listServices } from '../lists.ts';
import { getStructure } from '../read-structure.ts';
import { searchStructures } from '../search-structures.ts';
import { RecipientDetail, RecipientSearch, RECIPIENTS_PATH } from './recipients-pages.tsx';

const PAGE_SIZE = 20;

export const recipientPages = new Hono<AppEnv>()
  .get(RECIPIENTS_PATH, async (c) => {
    const q = (c.req.query('q') ?? '').trim().slice(0, 100);
    const page = Math.min(10_000, Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1));
    const result = q
      ? await searchStructures(c.get('deps').db, {
          q,
          recipientsOnly: true,
          limit: PAGE_SIZE,
          offset: (page - 1) * PAGE_SIZE,
        })
      : { items: [], total: 0, limit: PAGE_SIZE, offset: 0 };
    return sendPublicPage(
      c,
      q ? `${q} – Annuaire des destinataires` : 'Annuaire des destinataires',
      <RecipientSearch q={q} result={result} page={page} pageSize={PAGE_SIZE} />,
    );
  })
  .get(`${RECIPIENTS_PATH}/:id`, async (c) => {
    const db = c.get('deps').db;
    const structure = await getStructure(db, c.req.param('id'));
    if (!structure || structure.kind === 'supplier' || !structure.active) throw notFound('Destinataire');
    const services = await listServices(db, structure.id);
    return sendPublicPage(c, structure.name, <RecipientDetail structure={structure} services={services} />);
  });
