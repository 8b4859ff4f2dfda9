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
 * Sends through SMTP_URL. Without it (demo only; production requires it) nothing leaves the machine:
 * the log notes that a mail was not sent (subject only, never the recipient).
 */
export function createMailer(smtpUrl: string | undefined, from: string, log: Logger): Mailer {
  const transport: Transporter = smtpUrl
    ? nodemailer.createTransport(smtpUrl)
    : nodemailer.createTransport({ jsonTransport: true });
  return {
    async send(mail) {
      const info = await transport.sendMail({ from, ...mail });
      // the recipient is not logged: a navigator user's address must not outlive the sending
      if (!smtpUrl) log.info({ subject: mail.subject }, 'mail not sent (no SMTP_URL is configured)');
      else log.debug({ messageId: info.messageId }, 'mail sent');
    },
    close() {
      transport.close();
    },
  };
}
