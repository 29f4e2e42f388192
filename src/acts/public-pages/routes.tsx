// `/actes-publies`, `/actes-publies/:siren` and `/actes-publies/:siren/:id.pdf`: open without login. Also the
// agent's form post `POST /actes/:id/publier` (CSRF-checked), which redirects back to the act's page.
import { Hono } from 'hono';
import { csrfRejectedIfInvalid } from './csrf.ts';
import type { AppEnv } from '../../platform/http.ts';
import { sendPublicPage } from '../../web/public-page.tsx';
import { requireActor } from '../../platform/auth/index.ts';
import type { ActsDeps } from '../deps.ts';
import { publishAct } from '../publication/publish-act.ts';
import {
  findPublishedAct,
  PUBLIC_PAGE_SIZE,
  publishingStructure,
  publishingStructures,
  searchPublishedActs,
} from '../publication/public-acts.ts';
import { pdfResponse } from '../routes.ts';
import { stampedPdfOf } from '../stamp/stamped-document.ts';
import { PUBLIC_ACTS_PATH, PublishedActs, PublishingList } from './public-acts-pages.tsx';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const publicActPages = new Hono<AppEnv>()
  .get(PUBLIC_ACTS_PATH, async (c) => {
    const list = await publishingStructures(c.get('deps') as ActsDeps);
    return sendPublicPage(c, 'Actes publiés', <PublishingList structures={list} />);
  })
  .get(`${PUBLIC_ACTS_PATH}/:siren/:file{[0-9a-fA-F-]{36}\\.pdf}`, async (c) => {
    const deps = c.get('deps') as ActsDeps;
    const structure = await publishingStructure(deps, c.req.param('siren'));
    const act = await findPublishedAct(deps, structure.id, c.req.param('file').slice(0, -4));
    return pdfResponse(await stampedPdfOf(deps, act));
  })
  .get(`${PUBLIC_ACTS_PATH}/:siren`, async (c) => {
    const deps = c.get('deps') as ActsDeps;
    const structure = await publishingStructure(deps, c.req.param('siren'));
    const words = (c.req.query('mots') ?? '').trim().slice(0, 200);
    const nature = /^[1-6]$/.test(c.req.query('nature') ?? '') ? c.req.query('nature')! : '';
    const from = DATE.test(c.req.query('du') ?? '') ? c.req.query('du')! : '';
    const to = DATE.test(c.req.query('au') ?? '') ? c.req.query('au')! : '';
    const page = Math.min(10_000, Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1));
    const result = await searchPublishedActs(deps, structure.id, {
      words: words || undefined,
      nature: nature ? Number(nature) : undefined,
      from: from || undefined,
      to: to || undefined,
      page,
    });
    const query = new URLSearchParams();
    if (words) query.set('mots', words);
    if (nature) query.set('nature', nature);
    if (from) query.set('du', from);
    if (to) query.set('au', to);
    return sendPublicPage(
      c,
      `Actes publiés – ${structure.name}`,
      <PublishedActs
        structure={{ name: structure.name, siren: structure.siren! }}
        search={{ words, nature, from, to }}
        query={query}
        page={page}
        pageSize={PUBLIC_PAGE_SIZE}
        total={result.total}
        acts={result.acts}
      />,
    );
  })
  .post('/actes/:id/publier', async (c) => {
    const deps = c.get('deps') as ActsDeps;
    const actor = requireActor(c);
    await csrfRejectedIfInvalid(c);
    const id = c.req.param('id');
    await publishAct({ ctx: { deps, actor }, input: { actId: id } });
    return c.redirect(`/actes/${encodeURIComponent(id)}`, 303);
  });
