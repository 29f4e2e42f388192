// The public pages of the tender room (no login): the search, a consultation's page, the free download of its
// documents and the optional registration; a company's question is posted from the same page.
import { Hono, type Context } from 'hono';
import { CSRF_FIELD, csrfToken, hasRole, structuresWithRole, verifyCsrf } from '../../platform/auth/index.ts';
import type { AppEnv } from '../../platform/http.ts';
import { parisMidnight, addDays, isCalendarDate } from '../../platform/calendar/index.ts';
import { sendPublicPage } from '../../web/public-page.tsx';
import { companyDeposits } from '../consultations/company-deposits.ts';
import { publishingBuyers, readConsultation, searchConsultations } from '../consultations/read-consultation.ts';
import { downloadDocument } from '../documents/download-document.ts';
import { registerCompany } from '../documents/register-company.ts';
import { askQuestion, publicQuestions } from '../questions/questions.ts';
import { streamFile } from '../routes-follow-up.ts';
import { ConsultationPage, type ConsultationPageProps } from './consultation-page.tsx';
import { attempt } from './form-errors.ts';
import { SearchPage, type SearchFilters } from './search-page.tsx';

const text = (value: unknown, max = 200): string => (typeof value === 'string' ? value.trim().slice(0, max) : '');

async function showConsultation(
  c: Context<AppEnv>,
  extra: Partial<ConsultationPageProps> = {},
  status: 200 | 201 | 400 | 403 | 409 | 413 | 415 | 422 = 200,
): Promise<Response> {
  const deps = c.get('deps');
  const actor = c.get('actor');
  const view = await readConsultation(deps, actor, c.req.param('id') ?? '');
  const isCompany = structuresWithRole(actor, 'supplier').length > 0;
  const props: ConsultationPageProps = {
    view,
    questions: view.status === 'draft' ? [] : await publicQuestions(deps, view.id),
    now: deps.clock.now(),
    csrf: csrfToken(c),
    company: isCompany ? { deposits: await companyDeposits(deps, actor, view.id) } : undefined,
    agent: hasRole(actor, 'agent', view.buyer.id),
    ...extra,
  };
  return sendPublicPage(c, `${status >= 400 ? 'Erreur – ' : ''}${view.title}`, <ConsultationPage {...props} />, status);
}

export const publicTenderPages = new Hono<AppEnv>()
  .get('/consultations', async (c) => {
    const deps = c.get('deps');
    const filters: SearchFilters = {
      q: text(c.req.query('q')),
      cpv: text(c.req.query('cpv'), 8),
      buyerId: text(c.req.query('acheteur'), 36),
      before: text(c.req.query('avant'), 10),
      all: c.req.query('toutes') === '1',
    };
    const errors: string[] = [];
    if (filters.cpv && !/^[0-9]{2,8}$/.test(filters.cpv))
      errors.push('Le code CPV se cherche par son début : 2 à 8 chiffres.');
    if (filters.before && !isCalendarDate(filters.before))
      errors.push('La date limite attendue est une date (JJ/MM/AAAA).');
    const items =
      errors.length > 0
        ? []
        : await searchConsultations(deps, {
            q: filters.q || undefined,
            cpv: filters.cpv || undefined,
            buyerId: filters.buyerId || undefined,
            // The whole Paris day chosen counts: up to the next midnight.
            deadlineBefore: filters.before ? parisMidnight(addDays(filters.before, 1)) : undefined,
            openOnly: !filters.all,
          });
    return sendPublicPage(
      c,
      'Consultations',
      <SearchPage
        filters={filters}
        buyers={await publishingBuyers(deps)}
        items={items}
        now={deps.clock.now()}
        error={errors.join(' ') || undefined}
      />,
      errors.length > 0 ? 400 : 200,
    );
  })
  .get('/consultations/:id', (c) => showConsultation(c))
  .get('/consultations/:id/documents/:documentId', async (c) => {
    const doc = await downloadDocument({
      ctx: { deps: c.get('deps'), actor: c.get('actor') },
      input: { consultationId: c.req.param('id'), documentId: c.req.param('documentId') },
    });
    return streamFile(c, doc.stream, doc.file.mediaType, doc.file.fileName || doc.name, doc.file.size);
  })
  .post('/consultations/:id/inscription', async (c) => {
    const form = await c.req.parseBody();
    verifyCsrf(c, form[CSRF_FIELD]);
    const values = { email: text(form['email'], 254), entreprise: text(form['entreprise']) };
    const outcome = await attempt(
      () =>
        registerCompany({
          ctx: { deps: c.get('deps'), actor: c.get('actor') },
          input: { consultationId: c.req.param('id'), email: values.email, companyName: values.entreprise },
        }),
      (field) => (field === 'companyName' ? 'entreprise' : 'email'),
      'email',
    );
    if (!outcome.ok) return showConsultation(c, { errors: outcome.errors, values }, outcome.status);
    return showConsultation(c, {
      done: `Inscription enregistrée : ${values.email} recevra les nouvelles versions des documents et les réponses.`,
    });
  })
  .post('/consultations/:id/questions', async (c) => {
    const form = await c.req.parseBody();
    verifyCsrf(c, form[CSRF_FIELD]);
    const question = text(form['question'], 5000);
    const outcome = await attempt(
      () =>
        askQuestion({
          ctx: { deps: c.get('deps'), actor: c.get('actor') },
          input: { consultationId: c.req.param('id'), question },
        }),
      () => 'question',
      'question',
    );
    if (!outcome.ok) return showConsultation(c, { errors: outcome.errors, values: { question } }, outcome.status);
    return showConsultation(
      c,
      { done: 'Question envoyée à l’acheteur : sa réponse sera publiée sur cette page.' },
      201,
    );
  });
