// The .eml reader against messages that nodemailer (the portal's mailer) really writes.
import fs from "node:fs";
import path from "node:path";
import nodemailer, { type SendMailOptions } from "nodemailer";
import { describe, expect, it } from "vitest";
import { extractLinks, parseEml, readEmails } from "./eml";

const LONG_LINK = `http://localhost:3100/reset-password/${"AbC_dEf-0123456789".repeat(4)}?lng=vi&next=%2Fa%2Fb`;
const TEXT = `Xin chào Nguyễn Thị Hương,\n\nĐể đặt lại mật khẩu, mở liên kết sau:\n${LONG_LINK}\n\nTrân trọng.`;

/** The raw message as app/modules/mail writes it: CRLF line breaks, quoted-printable text. */
async function render(options: SendMailOptions): Promise<Buffer> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  const info = await transport.sendMail({
    from: "Cổng thi <no-reply@localhost>",
    textEncoding: "quoted-printable",
    ...options,
  });
  return info.message as Buffer;
}

describe("parseEml", () => {
  it("reads back a text+html message with a Vietnamese subject, body and links", async () => {
    const raw = await render({
      to: '"Nguyễn Thị Hương" <Huong@Example.com>',
      cc: "Ban To Chuc <BTC@example.com>",
      subject: "Đặt lại mật khẩu — Cổng thi viết chính luận",
      text: TEXT,
      html: `<p>Xin chào Nguyễn Thị Hương,</p><p><a href="${LONG_LINK.replace(/&/g, "&amp;")}">Đặt lại mật khẩu</a></p>`,
    });
    // The link really is split on the wire, so the test goes through the decoding.
    expect(raw.toString("latin1")).not.toContain(LONG_LINK);

    const email = await parseEml(raw, "x.eml");
    expect(email.file).toBe("x.eml");
    expect(email.to).toEqual(["huong@example.com", "btc@example.com"]);
    expect(email.from).toEqual(["no-reply@localhost"]);
    expect(email.subject).toBe("Đặt lại mật khẩu — Cổng thi viết chính luận");
    expect(email.headers.get("subject")).toBe(email.subject);
    expect(email.headers.get("content-type")).toMatch(/^multipart\/alternative; boundary=/);
    expect(email.text.replace(/\r\n/g, "\n")).toBe(TEXT);
    expect(email.html).toContain("<p>Xin chào Nguyễn Thị Hương,</p>");
    expect(email.links).toEqual([LONG_LINK]);
  });
});

describe("extractLinks", () => {
  it("takes http(s) links from text and href attributes once each, without trailing punctuation", () => {
    expect(
      extractLinks("See https://a.example/x, and (http://b.example/y).", '<a href="https://a.example/x">x</a><a href="/relative">r</a><a href=\'http://c.example/?a=1&amp;b=2\'>c</a>'),
    ).toEqual(["https://a.example/x", "http://b.example/y", "http://c.example/?a=1&b=2"]);
  });
});

describe("readEmails", () => {
  it("returns a recipient's messages oldest first and skips other recipients", async () => {
    const dir = path.join(process.env.DATA_DIR!, "mail-read-test", "nested");
    fs.mkdirSync(dir, { recursive: true });
    const write = async (name: string, to: string, subject: string, mtime: number) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, await render({ to, subject, text: "x" }));
      fs.utimesSync(file, mtime, mtime);
    };
    // Names sort the other way round from the times, so the order must come from the times.
    await write("c.eml", "me@example.com", "first", 1_000);
    await write("b.eml", "someone@example.com", "other", 2_000);
    await write("a.eml", "ME@example.com", "second", 3_000);
    fs.writeFileSync(path.join(dir, "ignored.txt"), "To: me@example.com\n\nnot mail");

    const mails = await readEmails(path.dirname(dir), "Me@Example.com");
    expect(mails.map((m) => m.subject)).toEqual(["first", "second"]);
  });
});
