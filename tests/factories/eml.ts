// Reads the e-mails the portal writes as .eml files ($DATA_DIR/mail when SMTP_URL is unset):
// mailparser does the MIME decoding; this adds the recipients as plain addresses and the
// links in the message. Used by the browser tests and by any test that needs to follow an
// e-mailed link.
import fs from "node:fs";
import path from "node:path";
import { simpleParser, type AddressObject, type EmailAddress } from "mailparser";

export interface Email {
  file: string;
  /**
   * Header names in lower case; repeated headers keep the first value. Text headers (Subject…)
   * are decoded; address, date and parameter headers (To, Date, Content-Type…) keep their
   * unfolded raw text; use the fields below for the addresses.
   */
  headers: Map<string, string>;
  from: string[];
  to: string[];
  subject: string;
  /** Every text/plain part (not attachments), joined. */
  text: string;
  /** Every text/html part (not attachments), joined. */
  html: string;
  /** Absolute http(s) links from the text and the HTML parts, in order, without duplicates. */
  links: string[];
}

function htmlEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** The absolute http(s) links in a text and in HTML href attributes, in order, once each. */
export function extractLinks(text: string, html = ""): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/https?:\/\/[^\s<>"'()[\]]+/g)) found.push(m[0].replace(/[.,;:!?]+$/, ""));
  for (const m of html.matchAll(/href\s*=\s*("([^"]*)"|'([^']*)')/gi)) {
    const href = htmlEntities((m[2] ?? m[3] ?? "").trim());
    if (/^https?:\/\//i.test(href)) found.push(href);
  }
  return [...new Set(found)];
}

/** The mailboxes of one or more address headers (group members included), in lower case. */
function addresses(...headers: (AddressObject | AddressObject[] | undefined)[]): string[] {
  const mailboxes = (list: EmailAddress[]): string[] =>
    list.flatMap((a) => (a.group ? mailboxes(a.group) : a.address ? [a.address.toLowerCase()] : []));
  return headers.flat().flatMap((header) => (header ? mailboxes(header.value) : []));
}

export async function parseEml(raw: Buffer | string, file = ""): Promise<Email> {
  // Only the parts the message has: no text made from the HTML, nor HTML from the text.
  const mail = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true });
  const headers = new Map<string, string>();
  for (const { key, line } of mail.headerLines) {
    if (headers.has(key)) continue;
    const value = mail.headers.get(key);
    const rawValue = line.slice(line.indexOf(":") + 1).replace(/\r?\n[ \t]+/g, " ").trim();
    headers.set(key, typeof value === "string" ? value : rawValue);
  }
  const text = mail.text ?? "";
  const html = mail.html || "";
  return {
    file,
    headers,
    from: addresses(mail.from),
    to: addresses(mail.to, mail.cc),
    subject: mail.subject ?? "",
    text,
    html,
    links: extractLinks(text, html),
  };
}

/** Every .eml file under a folder (recursively), oldest first (by modification time, then name). */
export function listEmlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const files = (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile() && d.name.endsWith(".eml"))
    .map((d) => path.join(d.parentPath ?? dir, d.name));
  const stamped = files.map((file) => ({ file, mtime: fs.statSync(file).mtimeMs }));
  stamped.sort((a, b) => a.mtime - b.mtime || a.file.localeCompare(b.file));
  return stamped.map((s) => s.file);
}

/** The messages under a folder addressed to `to`, oldest first. */
export async function readEmails(dir: string, to: string): Promise<Email[]> {
  const wanted = to.toLowerCase();
  const emails = await Promise.all(listEmlFiles(dir).map(async (file) => parseEml(await fs.promises.readFile(file), file)));
  return emails.filter((email) => email.to.includes(wanted));
}
