import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
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

export async function connectClient(target: TemporalTarget): Promise<Client> {
  const tls = tlsOptions(target);
  const connection = await Connection.connect({
    address: target.address,
    ...(tls ? { tls } : {}),
    ...(target.apiKey ? { apiKey: target.apiKey } : {}),
  });
  return new Client({ connection, namespace: target.namespace });
}

export async function connectWorker(target: TemporalTarget): Promise<NativeConnection> {
  const tls = tlsOptions(target);
  return NativeConnection.connect({
    address: target.address,
    ...(tls ? { tls } : {}),
    ...(target.apiKey ? { apiKey: target.apiKey } : {}),
  });
}
