// A company's pages: the deposit of a bid for a lot, streamed through the sealed-deposit verb (the CSRF token is
// the form's first field, read before the files), then its receipt and the files that prove it; the letters.
import { Hono, type Context } from 'hono';
import { CSRF_FIELD, verifyCsrf } from '../../platform/auth/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { AppEnv } from '../../platform/http.ts';
import { requireViewerWith } from '../../web/guard.ts';
import { sendPage } from '../../web/render.ts';
import type { Viewer } from '../../web/viewer.ts';
import { readConsultation } from '../consultations/read-consultation.ts';
import { depositBid } from '../deposits/deposit-bid.ts';
import { getReceipt, getReceiptPdf } from '../deposits/receipts.ts';
import { receiveSealedFiles } from '../deposits/receive-sealed-files.ts';
import { sendBytes } from '../routes.ts';
import { DepositPage } from './deposit-page.tsx';
import { takeLeadingField } from './leading-field.ts';
import { companyLetters, readLetter } from '../letters/company-letters.ts';
import { streamFile } from '../routes-follow-up.ts';
import { LettersPage } from './letters-page.tsx';
import { ReceiptPage } from './receipt-page.tsx';

async function showDeposit(c: Context<AppEnv>, viewer: Viewer, error?: AppError): Promise<Response> {
  const deps = c.get('deps');
  const view = await readConsultation(deps, viewer.actor, c.req.param('id') ?? '');
  const lot = view.lots.find((l) => String(l.number) === c.req.param('lot'));
  if (!lot) throw notFound('Lot');
  return sendPage(
    c,
    <DepositPage viewer={viewer} view={view} lot={lot} now={deps.clock.now()} error={error?.message} />,
    (error?.status ?? 200) as 200,
  );
}

/** Refusals the deposit page shows with its form (the upload was refused; nothing was kept). */
const shownOnForm = (e: unknown): e is AppError =>
  e instanceof AppError && e.status < 500 && e.status !== 401 && e.status !== 404;

export const companyTenderPages = new Hono<AppEnv>()
  .get('/consultations/:id/lots/:lot/depot', async (c) => showDeposit(c, await requireViewerWith(c, 'supplier')))
  .post('/consultations/:id/lots/:lot/depot', async (c) => {
    const viewer = await requireViewerWith(c, 'supplier');
    const deps = c.get('deps');
    const store = deps.files;
    if (!store) throw new AppError('FILE_STORAGE_UNAVAILABLE', 'Le stockage des fichiers est indisponible.', 503);
    const lotNumber = Number(c.req.param('lot'));
    if (!Number.isInteger(lotNumber) || lotNumber < 1) throw notFound('Lot');
    try {
      const result = await depositBid({
        ctx: { deps, actor: viewer.actor },
        input: {
          consultationId: c.req.param('id'),
          lotNumber,
          receive: async (publicKeyPem, companyId, antivirus) => {
            const { value, request } = await takeLeadingField(c.req.raw, CSRF_FIELD);
            verifyCsrf(c, value);
            return receiveSealedFiles(request, { store, publicKeyPem, owningStructureId: companyId, antivirus });
          },
        },
      });
      return c.redirect(`/depots/${result.depositId}`, 303);
    } catch (error) {
      if (shownOnForm(error)) return showDeposit(c, viewer, error);
      throw error;
    }
  })
  .get('/mes-lettres', async (c) => {
    const viewer = await requireViewerWith(c, 'supplier');
    return sendPage(c, <LettersPage viewer={viewer} letters={await companyLetters(c.get('deps'), viewer.actor)} />);
  })
  .get('/mes-lettres/:letterId', async (c) => {
    const viewer = await requireViewerWith(c, 'supplier');
    const opened = await readLetter(c.get('deps'), viewer.actor, c.req.param('letterId'));
    return streamFile(c, opened.stream, 'application/pdf', opened.file.fileName, opened.file.size);
  })
  .get('/depots/:depositId', async (c) => {
    const viewer = await requireViewerWith(c, 'supplier', 'agent');
    const stored = await getReceipt(c.get('deps'), viewer.actor, c.req.param('depositId'));
    return sendPage(c, <ReceiptPage viewer={viewer} receipt={stored.receipt} />);
  })
  .get('/depots/:depositId/accuse.json', async (c) => {
    const id = c.req.param('depositId');
    const stored = await getReceipt(c.get('deps'), c.get('actor'), id);
    return sendBytes(c, stored.json, 'application/json', `accuse-${id}.json`);
  })
  .get('/depots/:depositId/jeton.tsr', async (c) => {
    const id = c.req.param('depositId');
    const stored = await getReceipt(c.get('deps'), c.get('actor'), id);
    return sendBytes(c, stored.token, 'application/timestamp-reply', `jeton-${id}.tsr`);
  })
  .get('/depots/:depositId/accuse.pdf', async (c) => {
    const id = c.req.param('depositId');
    return sendBytes(c, await getReceiptPdf(c.get('deps'), c.get('actor'), id), 'application/pdf', `accuse-${id}.pdf`);
  });
