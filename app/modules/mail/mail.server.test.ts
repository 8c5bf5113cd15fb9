// Without SMTP_URL, messages are written as .eml files that any mail program (and our reader) opens.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEml } from "#tests/factories/eml";
import { mailOutboxDir, recipientSlug, transmit } from "./mail.server";
import { invitationMail, passwordResetMail, signupLinkMail } from "./templates.server";

const TEXT = "Xin chào Nguyễn Thị Hương,\n\nBài dự thi của bạn đã được tiếp nhận. Đặng, Ưng, Ỷ, đường.";

describe("transmit without SMTP", () => {
  it("writes a parseable .eml with the recipient, the subject and the UTF-8 Vietnamese text", async () => {
    const sent = await transmit({
      to: "Huong.Nguyen@Example.vn",
      subject: "Xác nhận đăng ký — Cuộc thi chính luận «Bảo vệ nền tảng tư tưởng»",
      text: TEXT,
      html: "<p>Xin chào Nguyễn Thị Hương</p>",
      links: [],
    });
    expect(sent.file).toBeDefined();
    const file = sent.file!;
    expect(path.dirname(file)).toBe(mailOutboxDir());
    expect(path.basename(file)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z-huong-nguyen-example-vn\.eml$/);

    const raw = fs.readFileSync(file);
    // Headers are 7-bit (encoded words), as SMTP and every mail program expect.
    const head = raw.toString("latin1").split(/\r\n\r\n/)[0]!;
    expect(head).toMatch(/^[\x20-\x7e\r\n\t]*$/);
    expect(head).toMatch(/\r\n/);

    const email = await parseEml(raw, file);
    expect(email.to).toEqual(["huong.nguyen@example.vn"]);
    expect(email.subject).toBe("Xác nhận đăng ký — Cuộc thi chính luận «Bảo vệ nền tảng tư tưởng»");
    expect(email.text.replace(/\r\n/g, "\n").trim()).toBe(TEXT);
    expect(email.html).toContain("Nguyễn Thị Hương");
    expect(email.headers.get("content-type")).toMatch(/^multipart\/alternative/);
  });

  it("never overwrites: two messages to one address at once are two files", async () => {
    const message = { to: "a@example.vn", subject: "Một", text: "một", html: "<p>một</p>", links: [] };
    const [a, b] = await Promise.all([transmit(message), transmit({ ...message, subject: "Hai" })]);
    expect(a.file).not.toBe(b.file);
    const emails = await Promise.all([a.file!, b.file!].map((f) => parseEml(fs.readFileSync(f))));
    expect(emails.map((m) => m.subject).sort()).toEqual(["Hai", "Một"]);
  });

  it("makes a file-name slug of any address", () => {
    expect(recipientSlug("Trần.Đức+thi@Sở-GD.vn")).toBe("tran-duc-thi-so-gd-vn");
    expect(recipientSlug("@@@")).toBe("recipient");
  });
});

describe("templates", () => {
  it("translate into the recipient's language and carry their links in text and HTML", async () => {
    const url = "http://localhost:3000/signup/verify/abcDEF_123-xyz";
    const vi = signupLinkMail("vi", { url });
    const en = signupLinkMail("en", { url });
    expect(vi.subject).toBe("Xác nhận địa chỉ e-mail để đăng ký tài khoản");
    expect(en.subject).toBe("Confirm your e-mail address to create your account");
    expect(vi.links).toEqual([url]);
    const sent = await transmit({ to: "moi@example.vn", ...vi });
    const email = await parseEml(fs.readFileSync(sent.file!));
    expect(email.links).toEqual([url]);
    expect(email.text).toContain("Liên kết có hiệu lực trong 24 giờ");
    expect(email.html).toContain('lang="vi"');
  });

  it("escape what others typed (a contest title) in the HTML part", () => {
    const mail = invitationMail("vi", {
      url: "http://localhost:3000/invitations/t",
      role: "JUDGE",
      contestTitle: `Viết về <script>alert("x")</script> & "Đảng"`,
      inviterName: "Lê Văn <b>Tám</b>",
      validDays: 14,
    });
    expect(mail.subject).toBe(`Lời mời tham gia cuộc thi «Viết về <script>alert("x")</script> & "Đảng"» với vai trò Giám khảo`);
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).not.toContain("<b>Tám");
    expect(mail.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Đảng&quot;");
    expect(mail.text).toContain("Lê Văn <b>Tám</b>");
    expect(mail.text).toContain("14 ngày");
  });

  it("write the password-reset message in English for an English-speaking account", () => {
    const mail = passwordResetMail("en", { url: "http://localhost:3000/reset-password/t" });
    expect(mail.subject).toBe("Reset your password");
    expect(mail.text).toContain("valid for 1 hour");
    expect(mail.text).not.toMatch(/[ăâđêôơư]/i);
  });
});
