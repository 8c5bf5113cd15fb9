// The one handler of the entrant's entry form, shared by the form's page action (a plain form
// post, without JavaScript) and the upload route the page's script posts the same form to with
// XMLHttpRequest (to show the upload's progress): read the multipart form with the file streamed
// to disk, parse it with the form's schema, save, withdraw, and say where to go or what to show.
// The caller has checked who asks (requireUser) and that the contest is public.
import { parseWithZod } from "@conform-to/zod";
import type { SubmissionResult } from "@conform-to/react";
import { requireUser } from "#app/modules/auth/session.server";
import { filePartError, withUploadForm } from "#app/modules/storage/multipart.server";
import { prisma } from "#app/utils/db.server";
import { notFound } from "#app/utils/http.server";
import { clientIp } from "#app/utils/request.server";
import { contestIdForEntries } from "./entries.server";
import { ONLINE_TEXT_MAX_BYTES, entryActionSchema } from "./submission.schema";
import { ENTRY_ERRORS, saveEntry, withdrawEntry, type EssayInput } from "./submission.server";

export type EntryFormOutcome =
  | { kind: "redirect"; to: string }
  | { kind: "reply"; status: number; result: SubmissionResult<string[]> }
  | { kind: "notFound" };

export interface EntryFormTarget {
  user: { id: string; locale: string; email: string };
  contestId: string;
  /** The entry being edited; none on the new-entry page. */
  entryId?: string;
}

/** Handles one post of the entry form (see the top of this file). */
export async function handleEntryForm(request: Request, target: EntryFormTarget): Promise<EntryFormOutcome> {
  const contest = await prisma.contest.findUnique({
    where: { id: target.contestId },
    select: { maxFileBytes: true, maxCoAuthors: true, allowOnlineText: true },
  });
  if (!contest) return { kind: "notFound" };
  const schema = entryActionSchema({ maxCoAuthors: contest.maxCoAuthors, allowOnlineText: contest.allowOnlineText });
  return withUploadForm(request, { maxBytes: contest.maxFileBytes, fieldBytes: { onlineText: ONLINE_TEXT_MAX_BYTES } }, async ({ fields, file }) => {
    const submission = parseWithZod(fields, { schema });
    // conform's list buttons (add or remove a co-author) without JavaScript: the form comes back changed.
    if (submission.status !== "success") {
      return { kind: "reply", status: submission.status === "error" ? 400 : 200, result: submission.reply() };
    }
    const values = submission.value;
    const ip = clientIp(request);
    if (values.intent === "withdraw") {
      if (!target.entryId) return { kind: "notFound" };
      const withdrawn = await withdrawEntry({ user: target.user, entryId: target.entryId, version: values.version, ip });
      if (withdrawn.ok) return { kind: "redirect", to: `/entries/${target.entryId}?done=withdrawn` };
      if (withdrawn.status === "notFound") return { kind: "notFound" };
      if (withdrawn.status === "stale") return { kind: "reply", status: 409, result: submission.reply({ formErrors: [ENTRY_ERRORS.stale] }) };
      return { kind: "reply", status: 400, result: submission.reply({ formErrors: [withdrawn.error] }) };
    }

    let essay: EssayInput = null;
    if (values.essayMode === "file") {
      const tooLarge = file.status === "tooLarge" ? filePartError(file, contest.maxFileBytes) : null;
      if (tooLarge) return { kind: "reply", status: 400, result: submission.reply({ fieldErrors: { file: [tooLarge] } }) };
      if (file.status === "received") essay = { kind: "file", file: file.received };
    } else if (values.onlineText.trim() || values.intent === "submit") {
      essay = { kind: "text", text: values.onlineText };
    }
    const saved = await saveEntry({ user: target.user, contestId: target.contestId, entryId: target.entryId, values, essay, ip });
    if (saved.ok) {
      if (saved.status !== "DRAFT" && (saved.submitted || saved.newVersion)) return { kind: "redirect", to: `/entries/${saved.entryId}/receipt` };
      return { kind: "redirect", to: `/entries/${saved.entryId}?done=${saved.status === "DRAFT" ? "draft" : "saved"}` };
    }
    if (saved.status === "notFound") return { kind: "notFound" };
    if (saved.status === "stale") return { kind: "reply", status: 409, result: submission.reply({ formErrors: [ENTRY_ERRORS.stale] }) };
    return { kind: "reply", status: 400, result: submission.reply({ formErrors: saved.formErrors, fieldErrors: saved.fieldErrors }) };
  });
}

/** A post of the new-entry form of /contests/:slug/enter: who asks, the contest, the handler. */
export async function postNewEntryForm(request: Request, slug: string): Promise<Exclude<EntryFormOutcome, { kind: "notFound" }>> {
  const user = await requireUser(request);
  const contestId = await contestIdForEntries(slug);
  if (!contestId) notFound();
  const outcome = await handleEntryForm(request, { user, contestId });
  if (outcome.kind === "notFound") notFound();
  return outcome;
}

/** A post of the form of the entrant's own entry (/entries/:entryId); another's entry is 404. */
export async function postEntryForm(request: Request, entryId: string): Promise<Exclude<EntryFormOutcome, { kind: "notFound" }>> {
  const user = await requireUser(request);
  const entry = await prisma.entry.findFirst({ where: { id: entryId, submitterId: user.id }, select: { contestId: true } });
  if (!entry) notFound();
  const outcome = await handleEntryForm(request, { user, contestId: entry.contestId, entryId });
  if (outcome.kind === "notFound") notFound();
  return outcome;
}
