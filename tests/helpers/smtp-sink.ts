import { SMTPServer } from 'smtp-server';

export interface SinkMail {
  from: string;
  to: string[];
  raw: string;
  subject: string;
  /** The decoded text body (quoted-printable undone). */
  text: string;
}

export interface SmtpSink {
  url: string;
  mails: SinkMail[];
  /** Waits until a mail matching `match` arrived. */
  waitFor(match: (m: SinkMail) => boolean, timeoutMs?: number): Promise<SinkMail>;
  close(): Promise<void>;
}

/** Quoted-printable to text (UTF-8). */
function fromQuotedPrintable(s: string): string {
  const bytes: number[] = [];
  const flat = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < flat.length; i++) {
    const hex = flat.slice(i + 1, i + 3);
    if (flat[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(flat[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function decode(raw: string): { subject: string; text: string } {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const subject = (head.match(/^Subject: (.*(?:\r?\n[ \t].*)*)/m)?.[1] ?? '')
    .replace(/\r?\n[ \t]/g, ' ')
    .replace(/=\?utf-8\?Q\?(.*?)\?=\s*/gi, (_m, q: string) => fromQuotedPrintable(q.replace(/_/g, ' ')))
    .replace(/=\?utf-8\?B\?(.*?)\?=\s*/gi, (_m, b: string) => Buffer.from(b, 'base64').toString('utf8'))
    .trim();
  let text = rest.join('\n\n');
  if (/Content-Transfer-Encoding: quoted-printable/i.test(head)) text = fromQuotedPrintable(text);
  else if (/Content-Transfer-Encoding: base64/i.test(head)) text = Buffer.from(text.replace(/\s/g, ''), 'base64').toString('utf8');
  return { subject, text };
}

/** A local SMTP server that keeps what it receives: the product's mails really go over SMTP. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: SinkMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          ...decode(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async waitFor(match, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        const m = mails.find(match);
        if (m) return m;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no matching mail among ${mails.length}: ${mails.map((m) => m.subject).join(' | ')}`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
