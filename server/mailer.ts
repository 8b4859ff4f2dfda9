import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

/**
 * Sends through SMTP_URL. Without it (demo only; production requires it) mails are written to the
 * log instead, so the demo never calls out.
 */
export function createMailer(smtpUrl: string | undefined, from: string, log: Logger): Mailer {
  const transport: Transporter = smtpUrl
    ? nodemailer.createTransport(smtpUrl)
    : nodemailer.createTransport({ jsonTransport: true });
  return {
    async send(mail) {
      const info = await transport.sendMail({ from, ...mail });
      if (!smtpUrl) log.info({ to: mail.to, subject: mail.subject }, 'mail not sent (no SMTP_URL); logged only');
      else log.debug({ messageId: info.messageId }, 'mail sent');
    },
    close() {
      transport.close();
    },
  };
}
