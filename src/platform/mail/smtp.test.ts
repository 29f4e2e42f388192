import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSmtpServer, type FakeSmtpServer } from '../../../test/invoices/fake-smtp-server.ts';
import { createSmtpMailer, formatMessage, SmtpError } from './smtp.ts';

let server: FakeSmtpServer;
beforeAll(async () => {
  server = await startFakeSmtpServer();
});
afterAll(async () => {
  await server.close();
});

const decodeBody = (data: string) =>
  Buffer.from(data.split('\r\n\r\n')[1]!.replace(/\r\n/g, ''), 'base64').toString('utf8');

describe('SMTP mailer', () => {
  it('authenticates, sends one UTF-8 message and its envelope', async () => {
    const mailer = createSmtpMailer({ url: server.url, from: 'hub@megalis.example' });
    await mailer.send({
      to: 'comptable@rennes.example',
      subject: 'Facture F-1 : échéance dans 3 jours',
      text: 'Bonjour,\n.ligne qui commence par un point\nÉchéance le 01/12/2026.',
    });
    const mail = server.received.at(-1)!;
    expect(mail).toMatchObject({
      from: 'hub@megalis.example',
      to: ['comptable@rennes.example'],
      auth: '\0hub\0secret pw',
    });
    expect(mail.data).toContain('Subject: =?UTF-8?B?');
    expect(mail.data).toMatch(/^Date: \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/m);
    expect(mail.data).toContain('Content-Type: text/plain; charset=utf-8');
    const subject = /Subject: =\?UTF-8\?B\?(.*)\?=/.exec(mail.data)?.[1];
    expect(Buffer.from(subject!, 'base64').toString('utf8')).toBe('Facture F-1 : échéance dans 3 jours');
    expect(decodeBody(mail.data)).toBe('Bonjour,\r\n.ligne qui commence par un point\r\nÉchéance le 01/12/2026.');
  });

  it('reports a refused recipient with the server reply', async () => {
    const mailer = createSmtpMailer({ url: server.url, from: 'hub@megalis.example' });
    const error = await mailer.send({ to: 'refuse@x.example', subject: 's', text: 't' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmtpError);
    expect((error as SmtpError).code).toBe(550);
    expect((error as Error).message).toContain('RCPT TO:<refuse@x.example> refusé (550');
  });

  it('refuses header injection in addresses and strips line breaks from subjects', async () => {
    const mailer = createSmtpMailer({ url: server.url, from: 'hub@megalis.example' });
    await expect(mailer.send({ to: 'a@b.example\r\nBcc: x@y.example', subject: 's', text: 't' })).rejects.toThrow(
      /invalide/,
    );
    const formatted = formatMessage(
      'hub@megalis.example',
      { to: 'a@b.example', subject: 'one\r\nBcc: x@y.example', text: 't' },
      new Date(0),
    );
    expect(formatted).toContain('Subject: one Bcc: x@y.example\r\n');
    expect(formatted).not.toMatch(/^Bcc:/m);
  });

  it('fails clearly when nobody listens', async () => {
    const mailer = createSmtpMailer({ url: 'smtp://127.0.0.1:1', from: 'hub@megalis.example' });
    await expect(mailer.send({ to: 'a@b.example', subject: 's', text: 't' })).rejects.toThrow(/ECONNREFUSED/);
  });
});
