// A real SMTP server on 127.0.0.1 that keeps every message it accepts, parsed back with
// mailparser, and a nodemailer transport that sends to it: what digest tests assert on.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { createTransport, type Transporter } from 'nodemailer';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  /** The envelope's recipients. */
  to: string[];
  mail: ParsedMail;
}

export interface SmtpCapture {
  port: number;
  mails: CapturedMail[];
  mailer: Transporter;
  close(): Promise<void>;
}

export async function startSmtpCapture(): Promise<SmtpCapture> {
  const mails: CapturedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  const mailer = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  return {
    port,
    mails,
    mailer,
    close: async () => {
      mailer.close();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    },
  };
}
