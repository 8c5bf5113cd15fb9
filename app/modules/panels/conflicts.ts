// Likely conflicts of interest between judges and entries (DOMAIN.md, "Judging"; issue 3,
// item 6). Pure: the server side stores each detection as a ConflictOfInterest row with source
// DETECTED and status PENDING, and the secretary confirms or dismisses it; nothing here decides.
//
// Rules, each reported with its evidence (one detection per judge and entry, listing every
// rule that matched, because ConflictOfInterest is unique per judge and entry):
//   judgeIsAuthor    an author's account is the judge's account (same user id);
//   sameEmail        an author's e-mail is the judge's e-mail (trimmed, case-insensitive);
//   sameUnit         an author's unit is the judge's unit after normalizeUnit, unless the
//                    normalised unit is empty or only a generic word ("ubnd", "thpt"...);
//   sameEmailDomain  an author's e-mail domain is the judge's and the domain is a small
//                    organisation's: not a public webmail domain (PUBLIC_EMAIL_DOMAINS) and not
//                    one the organizer lists as large (options.largeDomains, e.g. a university).
import { isGenericUnit, normalizeUnit, stripDiacritics } from "#app/utils/vietnamese";

// ───────────────────────────── units ─────────────────────────────

// Units are compared after normalizeUnit (app/utils/vietnamese, shared with the masking of
// authors' identities): "Trường THPT Chu Văn An" and "truong thpt chu van an" meet at
// "thpt chu van an", "UBND" and "Ủy ban nhân dân" at "ubnd".
export { normalizeUnit, stripDiacritics };

// ───────────────────────────── e-mail ─────────────────────────────

/** Webmail and consumer mail domains, shared by unrelated people: never evidence of one organisation. */
export const PUBLIC_EMAIL_DOMAINS: ReadonlySet<string> = new Set([
  "gmail.com",
  "googlemail.com",
  "yahoo.com",
  "yahoo.com.vn",
  "ymail.com",
  "rocketmail.com",
  "outlook.com",
  "outlook.com.vn",
  "hotmail.com",
  "live.com",
  "msn.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "aol.com",
  "proton.me",
  "protonmail.com",
  "gmx.com",
  "mail.com",
  "zoho.com",
  "yandex.com",
  "mail.ru",
  "qq.com",
  "163.com",
  "naver.com",
  // Vietnamese consumer mail: VNPT's VNN mailboxes (national and regional).
  "vnn.vn",
  "hn.vnn.vn",
  "hcm.vnn.vn",
]);

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The domain of an e-mail address, lower-cased; "" when there is none. */
export function emailDomain(email: string): string {
  const e = normalizeEmail(email);
  const at = e.lastIndexOf("@");
  return at > 0 && at < e.length - 1 ? e.slice(at + 1) : "";
}

/** Whether a shared domain suggests a shared (small) organisation. */
export function isSmallOrganisationDomain(domain: string, largeDomains: ReadonlySet<string> = new Set()): boolean {
  const d = domain.trim().toLowerCase();
  return d !== "" && d.includes(".") && !PUBLIC_EMAIL_DOMAINS.has(d) && !largeDomains.has(d);
}

// ───────────────────────────── detection ─────────────────────────────

export const CONFLICT_RULES = ["judgeIsAuthor", "sameEmail", "sameUnit", "sameEmailDomain"] as const;
export type ConflictRule = (typeof CONFLICT_RULES)[number];

/** The i18n key naming each rule for the secretary. */
export const CONFLICT_RULE_KEYS: Record<ConflictRule, string> = {
  judgeIsAuthor: "contests:conflicts.rules.judgeIsAuthor",
  sameEmail: "contests:conflicts.rules.sameEmail",
  sameUnit: "contests:conflicts.rules.sameUnit",
  sameEmailDomain: "contests:conflicts.rules.sameEmailDomain",
};

/** The i18n key describing a match's evidence; the evidence object is its interpolation values. */
export const CONFLICT_EVIDENCE_KEYS: Record<ConflictRule, string> = {
  judgeIsAuthor: "contests:conflicts.evidence.judgeIsAuthor",
  sameEmail: "contests:conflicts.evidence.sameEmail",
  sameUnit: "contests:conflicts.evidence.sameUnit",
  sameEmailDomain: "contests:conflicts.evidence.sameEmailDomain",
};

export interface ConflictJudge {
  id: string; // the judge's user id
  email: string;
  unit: string | null;
}

export interface ConflictAuthor {
  email: string;
  unit: string;
  userId?: string | null;
}

export interface ConflictEntry {
  id: string;
  authors: ConflictAuthor[];
}

export type ConflictMatch =
  | { rule: "judgeIsAuthor"; authorIndex: number; evidence: { userId: string } }
  | { rule: "sameEmail"; authorIndex: number; evidence: { email: string } }
  | { rule: "sameUnit"; authorIndex: number; evidence: { judgeUnit: string; authorUnit: string; normalized: string } }
  | { rule: "sameEmailDomain"; authorIndex: number; evidence: { domain: string; judgeEmail: string; authorEmail: string } };

export interface DetectedConflict {
  judgeId: string;
  entryId: string;
  /** Every rule that matched, in the order of the entry's authors, then of CONFLICT_RULES. */
  matches: ConflictMatch[];
}

export interface DetectOptions {
  /** Domains of large organisations whose members are not presumed to know each other. */
  largeDomains?: Iterable<string>;
}

function push<K, V>(index: Map<K, V[]>, key: K, value: V) {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

/**
 * Likely conflicts between every judge and every entry, by the rules above. Runs in time
 * proportional to the authors plus the matches (judges are indexed), so a national contest's
 * 100k entries and 1k judges take milliseconds. Deterministic: entries in input order, judges in
 * input order within an entry.
 */
export function detectConflicts(judges: ConflictJudge[], entries: ConflictEntry[], options: DetectOptions = {}): DetectedConflict[] {
  const largeDomains = new Set([...(options.largeDomains ?? [])].map((d) => d.trim().toLowerCase()));
  const order = new Map<string, number>();
  const byId = new Map<string, ConflictJudge>();
  const byEmail = new Map<string, ConflictJudge[]>();
  const byDomain = new Map<string, ConflictJudge[]>();
  const byUnit = new Map<string, ConflictJudge[]>();
  for (const judge of judges) {
    if (order.has(judge.id)) continue;
    order.set(judge.id, order.size);
    byId.set(judge.id, judge);
    const email = normalizeEmail(judge.email);
    if (email) push(byEmail, email, judge);
    const domain = emailDomain(judge.email);
    if (isSmallOrganisationDomain(domain, largeDomains)) push(byDomain, domain, judge);
    const unit = normalizeUnit(judge.unit ?? "");
    if (!isGenericUnit(unit)) push(byUnit, unit, judge);
  }

  const result: DetectedConflict[] = [];
  for (const entry of entries) {
    const found = new Map<string, ConflictMatch[]>();
    const add = (judgeId: string, match: ConflictMatch) => {
      const list = found.get(judgeId);
      if (list) list.push(match);
      else found.set(judgeId, [match]);
    };
    entry.authors.forEach((author, authorIndex) => {
      if (author.userId && byId.has(author.userId)) {
        add(author.userId, { rule: "judgeIsAuthor", authorIndex, evidence: { userId: author.userId } });
      }
      const email = normalizeEmail(author.email);
      const sameAddress = new Set<string>();
      for (const judge of (email && byEmail.get(email)) || []) {
        sameAddress.add(judge.id);
        add(judge.id, { rule: "sameEmail", authorIndex, evidence: { email } });
      }
      const unit = normalizeUnit(author.unit);
      for (const judge of (unit && byUnit.get(unit)) || []) {
        add(judge.id, { rule: "sameUnit", authorIndex, evidence: { judgeUnit: judge.unit ?? "", authorUnit: author.unit, normalized: unit } });
      }
      const domain = emailDomain(author.email);
      for (const judge of (domain && byDomain.get(domain)) || []) {
        if (sameAddress.has(judge.id)) continue; // the same address already says more
        add(judge.id, {
          rule: "sameEmailDomain",
          authorIndex,
          evidence: { domain, judgeEmail: normalizeEmail(judge.email), authorEmail: email },
        });
      }
    });
    const judgeIds = [...found.keys()].sort((a, b) => order.get(a)! - order.get(b)!);
    for (const judgeId of judgeIds) result.push({ judgeId, entryId: entry.id, matches: found.get(judgeId)! });
  }
  return result;
}
