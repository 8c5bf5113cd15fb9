// The mail transport. With SMTP_URL set, messages go out through that SMTP server. Without it
// (development, tests, a first local try) each message is written as an .eml file under
// $DATA_DIR/mail/ and one JSON line on stdout names the recipient, the subject and the links,
// so a local user can follow them.
//
// Callers never send from here: they queue a message with queueMail (outbox.server.ts), in the
// transaction of the change it tells about, and the outbox worker calls transmit. nodemailer is
// loaded when the first message is sent, never in a server that sends none.
import fs from "node:fs";
import path from "node:path";
import type { Transporter } from "nodemailer";
import { env } from "#app/utils/env.server";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The links the message carries, logged when no SMTP server is configured. */
  links: string[];
}

export interface SentMail {
  messageId: string;
  /** The .eml file written when no SMTP server is configured. */
  file?: string;
}

let smtp: { url: string; transport: Transporter } | undefined;
let composer: Transporter | undefined;

/**
 * The SMTP server's transport, or without one the composer, which builds the raw message without
 * sending it (CRLF line breaks as in any .eml file).
 */
async function transport(smtpUrl: string | undefined): Promise<Transporter> {
  const { default: nodemailer } = await import("nodemailer");
  if (!smtpUrl) return (composer ??= nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" }));
  if (smtp?.url !== smtpUrl) smtp = { url: smtpUrl, transport: nodemailer.createTransport(smtpUrl) };
  return smtp.transport;
}

export function mailOutboxDir(): string {
  return path.join(env().dataDir, "mail");
}

/** "2026-11-29T11-43-32-123Z": an ISO timestamp with characters every file system accepts. */
function fileStamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, "-");
}

/** "An.Nguyen+x@Example.vn" → "an-nguyen-x-example-vn". */
export function recipientSlug(address: string): string {
  const slug = address
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
  return slug || "recipient";
}

function writeEml(to: string, raw: Buffer): string {
  const dir = mailOutboxDir();
  fs.mkdirSync(dir, { recursive: true });
  const base = `${fileStamp(new Date())}-${recipientSlug(to)}`;
  // Two messages to one address in the same millisecond get -2, -3, …; "wx" never overwrites.
  for (let n = 1; ; n++) {
    const file = path.join(dir, `${base}${n === 1 ? "" : `-${n}`}.eml`);
    try {
      fs.writeFileSync(file, raw, { flag: "wx", mode: 0o600 });
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
}

export interface TransmitOptions {
  /** The Message-ID header ("<id@host>"), the same on every attempt, so a receiver can drop a repeat. */
  messageId?: string;
}

/** Hands one message to the transport now (the outbox worker's step; callers use queueMail). */
export async function transmit({ to, subject, text, html, links }: OutgoingMail, options: TransmitOptions = {}): Promise<SentMail> {
  const config = env();
  // Quoted-printable keeps the ASCII parts (links included) readable in a raw .eml file.
  const message = {
    from: config.mailFrom,
    to,
    subject,
    text,
    html,
    textEncoding: "quoted-printable" as const,
    ...(options.messageId ? { messageId: options.messageId } : {}),
  };
  if (config.smtpUrl) {
    const info = (await (await transport(config.smtpUrl)).sendMail(message)) as { messageId: string };
    return { messageId: info.messageId };
  }
  const info = (await (await transport(undefined)).sendMail(message)) as { messageId: string; message: Buffer };
  const file = writeEml(to, info.message);
  if (config.logLevel !== "silent") {
    console.info(JSON.stringify({ mail: { to, subject, links, file } }));
  }
  return { messageId: info.messageId, file };
}
