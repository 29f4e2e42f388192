// A PES sent over HTTP (JSON API or S²LOW import): streamed to the file store under the 128 MiB cap, then handed to
// the verb. When the verb throws before recording the flow (no rights, too large, storage down), the file goes.
import { requireActorPresent, type Actor } from '../../platform/auth/index.ts';
import { AppError } from '../../platform/errors.ts';
import { accountingSettings, type AccountingDeps } from '../settings.ts';
import { receivePesUpload } from '../upload/receive-pes-upload.ts';
import { depositPes, resolveDepositStructure, type DepositPesInput, type DepositPesResult } from './deposit-pes.ts';

export async function depositUploadedPes(
  deps: AccountingDeps,
  actor: Actor | undefined,
  request: Request,
  options: { field: string; channel: DepositPesInput['channel']; structureId?: string },
): Promise<DepositPesResult> {
  const store = deps.files;
  if (!store) throw new AppError('FILE_STORAGE_UNAVAILABLE', 'Le stockage des fichiers est indisponible.', 503);
  // Rights first: a caller who may not deposit is not made to send 128 MiB for nothing.
  const structureId = resolveDepositStructure(requireActorPresent(actor), options.structureId);
  const { file } = await receivePesUpload(request, store, {
    field: options.field,
    maxBytes: accountingSettings(deps).maxFileBytes,
  });
  try {
    return await depositPes({
      ctx: { deps, actor },
      input: { fileId: file.id, structureId, channel: options.channel },
    });
  } catch (error) {
    await store.delete(file.id).catch(() => false);
    throw error;
  }
}
