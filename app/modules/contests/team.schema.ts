// The contest team page's forms (/organize/:contestId/team), shared by the browser and the
// server. Messages are i18n keys of the "team" namespace (app/locales/*/team.ts).
import { z } from "zod";
import { emailField } from "#app/modules/auth/auth.schema";

/** The roles an organizer invites people to a contest as. */
export const TEAM_ROLES = ["ORGANIZER", "SECRETARY", "JUDGE"] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];
/** The order of the team page's sections (and of its member list). */
export const ROLE_ORDER: readonly TeamRole[] = ["ORGANIZER", "SECRETARY", "JUDGE"];

/** Addresses one invitation form may send to (a national jury is invited in a few batches). */
export const INVITE_BATCH_MAX = 100;
/** Characters of pasted text the form accepts: room for the batch with names around the addresses. */
export const INVITE_TEXT_MAX = 20_000;

export interface RejectedAddress {
  /** 1-based line of the pasted text. */
  line: number;
  value: string;
}

export interface ParsedAddresses {
  /** Valid addresses, lower-cased, each once, in the order first written. */
  emails: string[];
  rejected: RejectedAddress[];
}

/** "Nguyễn Văn A <a@example.vn>" as mail programs copy it: the address between the brackets. */
const NAMED_ADDRESS = /^[^<>]*<([^<>]+)>$/;

/** A line split at commas and semicolons outside double quotes ("Trần, Bình" <b@x.vn> is one item). */
function splitItems(line: string): string[] {
  const items: string[] = [];
  let current = "";
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === "," || ch === ";")) {
      items.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  items.push(current);
  return items;
}

/**
 * Addresses pasted into the invitation form: one per line, or several on a line separated by
 * commas or semicolons (as mail programs copy them), each optionally as "Name <address>".
 * Blank items are skipped; an item that is not a valid address is rejected with its line.
 */
export function parseAddressList(text: string): ParsedAddresses {
  const emails: string[] = [];
  const seen = new Set<string>();
  const rejected: RejectedAddress[] = [];
  text.split(/\r\n|\r|\n/).forEach((lineText, index) => {
    for (const raw of splitItems(lineText)) {
      const item = raw.trim();
      if (!item) continue;
      const candidate = NAMED_ADDRESS.exec(item)?.[1]?.trim() ?? item;
      const parsed = emailField.safeParse(candidate);
      if (!parsed.success) {
        rejected.push({ line: index + 1, value: item });
        continue;
      }
      if (seen.has(parsed.data)) continue;
      seen.add(parsed.data);
      emails.push(parsed.data);
    }
  });
  return { emails, rejected };
}

/** The field error naming one rejected item (translated by useErrorText). */
export function rejectedAddressError(item: RejectedAddress): string {
  return `team:invite.errors.invalidLine|${JSON.stringify(item)}`;
}

const id = z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(64, "validation.invalid");

const addressesField = z
  .string({ required_error: "team:invite.errors.empty" })
  .max(INVITE_TEXT_MAX, `validation.tooLong|{"max":${INVITE_TEXT_MAX}}`)
  .transform((text, ctx) => {
    const parsed = parseAddressList(text);
    if (parsed.emails.length === 0 && parsed.rejected.length === 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "team:invite.errors.empty" });
      return z.NEVER;
    }
    if (parsed.emails.length > INVITE_BATCH_MAX) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `team:invite.errors.tooMany|{"max":${INVITE_BATCH_MAX}}` });
      return z.NEVER;
    }
    return parsed;
  });

/**
 * The page's actions, by `intent`: invite addresses as a role; resend or revoke an open
 * invitation; revoke a membership (one role of one person).
 */
export const teamActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("invite"),
    role: z.enum(TEAM_ROLES, { errorMap: () => ({ message: "team:invite.errors.role" }) }),
    addresses: addressesField,
  }),
  z.object({ intent: z.literal("resend"), invitationId: id }),
  z.object({ intent: z.literal("revokeInvitation"), invitationId: id }),
  z.object({ intent: z.literal("revokeMember"), memberId: id }),
]);
export type TeamAction = z.infer<typeof teamActionSchema>;
