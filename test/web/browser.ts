// What the portal's browser tests share: the hub on a free port with a real worker, Debian's Chromium, screenshots.
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import type { Client } from '@temporalio/client';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp } from '../../src/app.ts';
import type { InvoiceDeps } from '../../src/invoices/index.ts';
import { portalRoutes } from '../../src/portal/routes.ts';
import { startWorker, type RunningWorker } from '../invoices/lifecycle-fixtures.ts';
import { testDeps, testTemporalClient } from '../helpers/test-deps.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import type { Mailer } from '../../src/platform/mail/smtp.ts';

export const SCREENSHOTS = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url));

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface RunningHub {
  baseUrl: string;
  deps: InvoiceDeps;
  browser: Browser;
  stop(): Promise<void>;
}

export interface HubOptions {
  /** Sends the outbox's e-mails (a fake SMTP server's address). */
  mailer?: Mailer;
  /** Adds routes before the first request (a handler that fails, to see the error page). */
  extend?: (app: ReturnType<typeof createApp>) => void;
}

/** The hub's app with the portal mounted, served on a free port, a worker on its own task queue, and a browser. */
export async function startHub(handle: DatabaseHandle, options: HubOptions = {}): Promise<RunningHub> {
  const temporal: Client = await testTemporalClient();
  // One legal day lasts a minute: the 30-day delay runs for half an hour, longer than the test.
  const deps: InvoiceDeps = {
    ...testDeps(handle, { temporal }),
    invoices: { timing: { dayMs: 60_000, reminderDaysBefore: [] } },
  };
  const worker: RunningWorker = await startWorker({ ...deps, mailer: options.mailer }, deps.taskQueue!);
  const app = createApp(deps);
  app.route('/', portalRoutes);
  options.extend?.(app);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  // Links written in e-mails point at this server.
  deps.publicUrl = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  await mkdir(SCREENSHOTS, { recursive: true });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    deps,
    browser,
    async stop() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await worker.stop();
      await temporal.connection.close();
    },
  };
}

/** Logs in through the login page; the page ends on the home page. */
export async function logIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/connexion`);
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(`${baseUrl}/`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const path = `${SCREENSHOTS}${name}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Form fields a person can fill that have no label (RGAA 11.1): their ids, names or types. */
export async function unlabelledFields(page: Page): Promise<string[]> {
  // Runs in the page (the project's types do not include the DOM).
  return page.evaluate<string[]>(`[...document.querySelectorAll('input, select, textarea')]
    .filter((el) => !(el.tagName === 'INPUT' && ['hidden', 'submit', 'button'].includes(el.type)))
    .filter((el) => (el.labels ? el.labels.length : 0) === 0 && !el.getAttribute('aria-label'))
    .map((el) => el.id || el.getAttribute('name') || el.tagName)`);
}
