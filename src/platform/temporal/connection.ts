import { readFileSync } from 'node:fs';
import { Client } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Config } from '../config.ts';

export interface TemporalTarget {
  address: string;
  namespace: string;
  apiKey?: string | undefined;
  tls?: Config['temporal']['tls'];
}

function tlsOptions(target: TemporalTarget) {
  if (target.tls) {
    return {
      clientCertPair: { crt: readFileSync(target.tls.certPath), key: readFileSync(target.tls.keyPath) },
      ...(target.tls.serverCaPath ? { serverRootCACertificate: readFileSync(target.tls.serverCaPath) } : {}),
    };
  }
  // Temporal Cloud with an API key always speaks TLS.
  return target.apiKey ? true : undefined;
}

/**
 * The hub's Temporal client, on the SDK's native (Rust) connection rather than the pure-JavaScript gRPC one: every
 * deposit starts a workflow, and the JavaScript transport spent a millisecond or more of the event loop per call.
 * The connection is independent of the worker's; install the runtime's logger first (installTemporalRuntimeLogger).
 */
export async function connectClient(target: TemporalTarget): Promise<Client> {
  return new Client({ connection: await connectWorker(target), namespace: target.namespace });
}

export async function connectWorker(target: TemporalTarget): Promise<NativeConnection> {
  const tls = tlsOptions(target);
  return NativeConnection.connect({
    address: target.address,
    ...(tls ? { tls } : {}),
    ...(target.apiKey ? { apiKey: target.apiKey } : {}),
  });
}
