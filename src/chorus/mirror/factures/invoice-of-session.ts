// The hub invoice behind a Chorus `idFacture` / `identifiantFactureCPP`, if the session may see it.
import { findVisibleInvoice } from '../../../invoices/index.ts';
import { AppError } from '../../../platform/errors.ts';
import type { AppDeps } from '../../../platform/http.ts';
import { hubIdOf } from '../../ids.ts';
import { notFoundInvoice } from '../refusal.ts';
import type { MirrorSession } from '../session.ts';

export async function invoiceOfSession(
  deps: AppDeps,
  session: MirrorSession,
  cppId: unknown,
): Promise<{ invoiceId: string; cppId: number }> {
  const invoiceId = await hubIdOf(deps.db, 'invoice', cppId);
  if (invoiceId === undefined) throw notFoundInvoice();
  try {
    await findVisibleInvoice(deps, session.actor, invoiceId);
  } catch (error) {
    if (error instanceof AppError && (error.status === 404 || error.status === 403)) throw notFoundInvoice();
    throw error;
  }
  return { invoiceId, cppId: cppId as number };
}
