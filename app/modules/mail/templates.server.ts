// The portal's e-mails. Each template takes the recipient's language and returns the
// translated subject, plain text, HTML and the links it carries (namespace "mail").
import type { TFunction } from "i18next";
import type { InvitationRole } from "#app/generated/sqlite/enums";
import { formatDateTime } from "#app/utils/format";
import { getFixedT, type Language } from "#app/utils/i18n";

export interface MailContent {
  subject: string;
  text: string;
  html: string;
  links: string[];
}

export type Block = { paragraph: string } | { link: { label: string; url: string } };

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** One layout for every message: greeting, blocks, then the footer lines. */
export function compose(t: TFunction, lng: Language, subject: string, blocks: Block[], footer: string[]): MailContent {
  const all: Block[] = [{ paragraph: t("mail:greeting") }, ...blocks, ...footer.map((paragraph) => ({ paragraph }))];
  const text = all
    .map((b) => ("paragraph" in b ? b.paragraph : `${b.link.label}:\n${b.link.url}`))
    .join("\n\n");
  const body = all
    .map((b) => {
      if ("paragraph" in b) return `<p style="margin:0 0 16px">${escapeHtml(b.paragraph)}</p>`;
      const url = escapeHtml(b.link.url);
      return (
        `<p style="margin:0 0 8px"><a href="${url}" style="display:inline-block;padding:10px 16px;` +
        `background:#9f1239;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold">` +
        `${escapeHtml(b.link.label)}</a></p>` +
        `<p style="margin:0 0 16px;font-size:13px;color:#57534e">${escapeHtml(t("mail:linkFallback"))}<br>` +
        `<span style="word-break:break-all">${url}</span></p>`
      );
    })
    .join("\n");
  const html =
    `<!doctype html>\n<html lang="${lng}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>\n` +
    `<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1c1917">\n` +
    `<div style="max-width:600px;margin:0 auto;padding:16px">\n${body}\n</div>\n</body></html>`;
  const links = all.flatMap((b) => ("link" in b ? [b.link.url] : []));
  return { subject, text, html, links };
}

export function footer(t: TFunction, ignorable: boolean): string[] {
  const appName = t("appName");
  return [...(ignorable ? [t("mail:ignore")] : []), t("mail:automatic", { appName })];
}

/** Step 1 of sign-up for a new address: the link that proves the address. */
export function signupLinkMail(lng: Language, { url }: { url: string }): MailContent {
  const t = getFixedT(lng);
  const appName = t("appName");
  return compose(
    t,
    lng,
    t("mail:signup.subject"),
    [
      { paragraph: t("mail:signup.body", { appName }) },
      { link: { label: t("mail:signup.action"), url } },
      { paragraph: t("mail:signup.expiry") },
    ],
    footer(t, true),
  );
}

/** Step 1 of sign-up for an address that already has an account. */
export function accountExistsMail(lng: Language, { signInUrl, resetUrl }: { signInUrl: string; resetUrl: string }) {
  const t = getFixedT(lng);
  const appName = t("appName");
  return compose(
    t,
    lng,
    t("mail:accountExists.subject"),
    [
      { paragraph: t("mail:accountExists.body", { appName }) },
      { link: { label: t("mail:accountExists.signIn"), url: signInUrl } },
      { paragraph: t("mail:accountExists.resetIntro") },
      { link: { label: t("mail:accountExists.reset"), url: resetUrl } },
    ],
    footer(t, true),
  );
}

export function passwordResetMail(lng: Language, { url }: { url: string }): MailContent {
  const t = getFixedT(lng);
  const appName = t("appName");
  return compose(
    t,
    lng,
    t("mail:passwordReset.subject"),
    [
      { paragraph: t("mail:passwordReset.body", { appName }) },
      { link: { label: t("mail:passwordReset.action"), url } },
      { paragraph: t("mail:passwordReset.expiry") },
    ],
    footer(t, true),
  );
}

export interface InvitationMailInput {
  url: string;
  role: InvitationRole;
  contestTitle: string | null;
  inviterName: string | null;
  validDays: number;
}

export function invitationMail(lng: Language, input: InvitationMailInput): MailContent {
  const t = getFixedT(lng);
  const appName = t("appName");
  const role = t(`auth:roles.${input.role}`);
  const contest = input.contestTitle;
  return compose(
    t,
    lng,
    contest ? t("mail:invitation.subjectContest", { contest, role }) : t("mail:invitation.subject", { appName, role }),
    [
      { paragraph: contest ? t("mail:invitation.bodyContest", { contest, role, appName }) : t("mail:invitation.body", { appName, role }) },
      ...(input.inviterName ? [{ paragraph: t("mail:invitation.invitedBy", { name: input.inviterName }) }] : []),
      { link: { label: t("mail:invitation.action"), url: input.url } },
      { paragraph: t("mail:invitation.expiry", { days: input.validDays }) },
    ],
    footer(t, false),
  );
}

export interface ResultsMailEntry {
  title: string;
  entryCode: string | null;
  /** The prize's name as the contest calls it, or null when the entry won none. */
  prize: string | null;
  /** The entrant's own result page. */
  url: string;
}

export interface ResultsMailInput {
  contestTitle: string;
  version: number;
  /** The correction's reason (versions after the first). */
  reason: string;
  resultsUrl: string;
  entries: ResultsMailEntry[];
}

/** Results published (or corrected): the entrant's own entries' results, with links (namespace "results"). */
export function resultsPublishedMail(lng: Language, input: ResultsMailInput): MailContent {
  const t = getFixedT(lng);
  const contest = input.contestTitle;
  const correction = input.version > 1;
  const lines: Block[] = input.entries.flatMap((e): Block[] => {
    const code = e.entryCode ?? "";
    const line = e.prize
      ? t("results:mail.entryPrize", { title: e.title, code, prize: e.prize })
      : t("results:mail.entryNoPrize", { title: e.title, code });
    return [{ paragraph: line }, { link: { label: t("results:mail.entryAction", { code }), url: e.url } }];
  });
  return compose(
    t,
    lng,
    correction ? t("results:mail.subjectCorrection", { contest, version: input.version }) : t("results:mail.subject", { contest }),
    [
      { paragraph: correction ? t("results:mail.bodyCorrection", { contest, version: input.version }) : t("results:mail.body", { contest }) },
      ...(correction ? [{ paragraph: t("results:mail.reason", { reason: input.reason }) }] : []),
      ...lines,
      { link: { label: t("results:mail.resultsAction"), url: input.resultsUrl } },
    ],
    footer(t, false),
  );
}

export interface ReceiptMailInput {
  entryCode: string;
  title: string;
  category: string;
  contestTitle: string;
  timeZone: string;
  receivedAt: Date;
  versionNumber: number;
  sha256: string;
  fileName: string | null;
  /** The receipt page. */
  url: string;
}

/** The receipt of a submitted entry (or of a new version of its essay), in the entrant's language. */
export function receiptMail(lng: Language, input: ReceiptMailInput): MailContent {
  const t = getFixedT(lng);
  const time = formatDateTime(input.receivedAt, lng, input.timeZone);
  const lines = [
    t("entries:receipt.entryCode", { code: input.entryCode }),
    t("entries:receipt.titleLine", { title: input.title }),
    t("entries:receipt.category", { category: input.category }),
    t("entries:receipt.receivedAt", { time, zone: input.timeZone }),
    t("entries:receipt.version", { number: input.versionNumber }),
    input.fileName ? t("entries:receipt.file", { name: input.fileName }) : t("entries:receipt.onlineText"),
    t("entries:receipt.sha256", { hash: input.sha256 }),
  ];
  return compose(
    t,
    lng,
    t("entries:mail.subject", { code: input.entryCode, contest: input.contestTitle }),
    [
      { paragraph: input.versionNumber > 1 ? t("entries:mail.bodyVersion", { contest: input.contestTitle }) : t("entries:mail.body", { contest: input.contestTitle }) },
      ...lines.map((paragraph) => ({ paragraph })),
      { paragraph: t("entries:mail.keep") },
      { link: { label: t("entries:mail.action"), url: input.url } },
    ],
    footer(t, false),
  );
}
