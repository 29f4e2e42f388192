// A small SMTP client (RFC 5321) for the hub's notification e-mails: plain text in UTF-8, one recipient per message.
// smtp://[user:password@]host[:port] upgrades with STARTTLS when the server offers it; smtps:// is TLS from the start.
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export interface SmtpSettings {
  /** smtp://user:password@host:587 or smtps://host:465 */
  url: string;
  /** Sender address (From and envelope). */
  from: string;
  /** Milliseconds of silence before the exchange is abandoned (default 20 s). */
  timeoutMs?: number;
  /** Extra options for TLS (e.g. a private CA in tests). */
  tlsOptions?: tls.ConnectionOptions;
}

export class SmtpError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'SmtpError';
  }
}

const ADDRESS = /^[^\s<>@,;"\r\n]+@[^\s<>@,;"\r\n]+$/;

/** A reply of the server: its code and its (possibly multi-line) text. */
interface Reply {
  code: number;
  lines: string[];
}

class Conversation {
  private buffer = '';
  private replies: Reply[] = [];
  private partial: string[] = [];
  private waiting: ((reply: Reply) => void) | undefined;
  private failure: Error | undefined;
  private failed: ((error: Error) => void) | undefined;

  constructor(
    public socket: net.Socket,
    private readonly timeoutMs: number,
  ) {
    this.attach(socket);
  }

  attach(socket: net.Socket): void {
    this.socket = socket;
    socket.setEncoding('utf8');
    socket.setTimeout(this.timeoutMs);
    socket.on('data', (chunk: string) => this.receive(chunk));
    socket.on('timeout', () => this.fail(new Error('SMTP : le serveur ne répond plus.')));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('SMTP : connexion fermée par le serveur.')));
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let index: number;
    while ((index = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, index).replace(/\r$/, '');
      this.buffer = this.buffer.slice(index + 1);
      const match = /^(\d{3})([ -])(.*)$/.exec(line);
      if (!match) continue;
      this.partial.push(match[3] ?? '');
      if (match[2] === ' ') {
        const reply = { code: Number(match[1]), lines: this.partial };
        this.partial = [];
        if (this.waiting) {
          const resolve = this.waiting;
          this.waiting = undefined;
          this.failed = undefined;
          resolve(reply);
        } else this.replies.push(reply);
      }
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    if (this.failed) {
      const reject = this.failed;
      this.waiting = undefined;
      this.failed = undefined;
      reject(error);
    }
  }

  /** Detaches from the plain socket before it is wrapped in TLS. */
  detach(): void {
    this.socket.removeAllListeners('data');
    this.socket.removeAllListeners('timeout');
    this.socket.removeAllListeners('error');
    this.socket.removeAllListeners('close');
    this.socket.setTimeout(0);
  }

  read(): Promise<Reply> {
    const queued = this.replies.shift();
    if (queued) return Promise.resolve(queued);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failed = reject;
    });
  }

  async expect(command: string | undefined, accepted: number[], shown = command): Promise<Reply> {
    if (command !== undefined) this.socket.write(`${command}\r\n`);
    const reply = await this.read();
    if (!accepted.includes(reply.code)) {
      throw new SmtpError(reply.code, `SMTP : ${shown ?? 'accueil'} refusé (${reply.code} ${reply.lines.join(' ')})`);
    }
    return reply;
  }
}

function connect(url: URL, options: tls.ConnectionOptions | undefined): Promise<net.Socket> {
  const secure = url.protocol === 'smtps:';
  const host = url.hostname;
  const port = Number(url.port || (secure ? 465 : 25));
  return new Promise((resolve, reject) => {
    const socket = secure
      ? tls.connect({ host, port, servername: net.isIP(host) ? undefined : host, ...options }, () => resolve(socket))
      : net.connect({ host, port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

function upgrade(socket: net.Socket, host: string, options: tls.ConnectionOptions | undefined): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const secured = tls.connect({ socket, servername: net.isIP(host) ? undefined : host, ...options }, () =>
      resolve(secured),
    );
    secured.once('error', reject);
  });
}

const encodeHeader = (value: string): string =>
  /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;

function rfc5322Date(at: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${days[at.getUTCDay()]}, ${pad(at.getUTCDate())} ${months[at.getUTCMonth()]} ${at.getUTCFullYear()} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())} +0000`;
}

/** The message as sent after DATA: headers, a base64 UTF-8 body, dot-stuffed, CRLF line ends. */
export function formatMessage(from: string, message: MailMessage, at: Date): string {
  const domain = from.split('@')[1] ?? 'localhost';
  const body = (
    Buffer.from(message.text.replace(/\r?\n/g, '\r\n'), 'utf8')
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');
  const lines = [
    `From: ${from}`,
    `To: ${message.to}`,
    `Subject: ${encodeHeader(message.subject.replace(/[\r\n]+/g, ' '))}`,
    `Date: ${rfc5322Date(at)}`,
    `Message-ID: <${randomUUID()}@${domain}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    body,
  ];
  return lines.map((line) => (line.startsWith('.') ? `.${line}` : line)).join('\r\n');
}

export function createSmtpMailer(settings: SmtpSettings): Mailer {
  const url = new URL(settings.url);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw new Error(`SMTP_URL doit commencer par smtp:// ou smtps:// (${url.protocol})`);
  if (!ADDRESS.test(settings.from)) throw new Error(`Adresse d’expéditeur invalide : ${settings.from}`);
  const timeoutMs = settings.timeoutMs ?? 20_000;

  return {
    async send(message) {
      if (!ADDRESS.test(message.to)) throw new SmtpError(0, `Adresse de destinataire invalide : ${message.to}`);
      const socket = await connect(url, settings.tlsOptions);
      const smtp = new Conversation(socket, timeoutMs);
      try {
        await smtp.expect(undefined, [220]);
        let hello = await smtp.expect('EHLO hub.localhost', [250]);
        const offersTls = hello.lines.some((l) => /^STARTTLS\b/i.test(l));
        if (url.protocol === 'smtp:' && offersTls) {
          await smtp.expect('STARTTLS', [220]);
          smtp.detach();
          smtp.attach(await upgrade(smtp.socket, url.hostname, settings.tlsOptions));
          hello = await smtp.expect('EHLO hub.localhost', [250]);
        }
        if (url.username) {
          const credentials = Buffer.from(
            `\0${decodeURIComponent(url.username)}\0${decodeURIComponent(url.password)}`,
            'utf8',
          ).toString('base64');
          await smtp.expect(`AUTH PLAIN ${credentials}`, [235], 'AUTH PLAIN');
        }
        await smtp.expect(`MAIL FROM:<${settings.from}>`, [250]);
        await smtp.expect(`RCPT TO:<${message.to}>`, [250, 251]);
        await smtp.expect('DATA', [354]);
        await smtp.expect(`${formatMessage(settings.from, message, new Date())}\r\n.`, [250], 'message');
        await smtp.expect('QUIT', [221]).catch(() => undefined);
      } finally {
        smtp.socket.destroy();
      }
    },
  };
}
