// /judge/sheets/:assignmentId: reading and scoring side by side (stacked on a narrow screen). The
// entry's masked text with its category and word count; beside it the rubric form: each criterion
// with its descriptors, a score box (7,5 or 7.5), the running total, the private note and the
// feedback; autosaved while typing (./judge.sheets.$assignmentId_.autosave.ts), kept in the browser
// until saved, with a conflict banner when another tab or device saved meanwhile. Without
// JavaScript the form posts here: "save" keeps a draft, "submit" submits.
// Only the judge of the assignment (readable: ACTIVE, unconflicted, judging): anyone else 404,
// signed out 403.
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "#app/components/notice";
import { ForgetLocalCopy, OthersScores, ReadingPane, ReadOnlyReason, ReadOnlySheet, ScoresheetEditor, type SheetReply } from "#app/components/scoresheet";
import { requireUser } from "#app/modules/auth/session.server";
import { requireAssignmentReader } from "#app/modules/scoring/policies.server";
import { scoresheetFormSchema, type SheetValues } from "#app/modules/scoring/scoresheet.schema";
import { openScoresheet, saveScoresheet } from "#app/modules/scoring/scoresheets.server";
import { formatDateTime } from "#app/utils/format";
import { notFound, orNotFound } from "#app/utils/http.server";
import { isLanguage } from "#app/utils/i18n";
import { pageMeta } from "#app/utils/meta";
import { clientIp } from "#app/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ matches, data: loaded }) =>
  pageMeta(matches, (t) => t("scoring:sheet.title", { code: loaded?.opened.entry.anonymousCode ?? "" }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const assignmentId = params.assignmentId ?? "";
  await requireAssignmentReader(user, assignmentId);
  return { opened: orNotFound(await openScoresheet(user.id, assignmentId)) };
}

/** What was posted, as the boxes show it again after a refusal. */
function postedValues(payload: Record<string, unknown>): SheetValues {
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  const scores = typeof payload.scores === "object" && payload.scores !== null ? (payload.scores as Record<string, unknown>) : {};
  return {
    scores: Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, text(v)])),
    privateNote: text(payload.privateNote),
    feedback: text(payload.feedback),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const assignmentId = params.assignmentId ?? "";
  await requireAssignmentReader(user, assignmentId);
  const submission = parseWithZod(await request.formData(), { schema: scoresheetFormSchema });
  if (submission.status !== "success") {
    const reply: SheetReply = { result: submission.reply(), outcome: { status: "invalid" }, posted: postedValues(submission.payload) };
    return data(reply, { status: 400 });
  }
  const outcome = await saveScoresheet({ judgeId: user.id, assignmentId, form: submission.value, ip: clientIp(request) });
  const posted = postedValues(submission.payload);
  if (outcome.ok) return { result: submission.reply(), outcome: { status: outcome.status }, posted: null } satisfies SheetReply;
  switch (outcome.status) {
    case "notFound":
      return notFound();
    case "invalid":
      return data({ result: submission.reply({ fieldErrors: outcome.fieldErrors }), outcome: { status: "invalid" }, posted } satisfies SheetReply, { status: 400 });
    case "conflict":
      return data({ result: submission.reply(), outcome: { status: "conflict", current: outcome.current }, posted } satisfies SheetReply, { status: 409 });
    case "readOnly":
      return data(
        { result: submission.reply(), outcome: { status: "readOnly", reason: outcome.reason, current: outcome.current }, posted } satisfies SheetReply,
        { status: 409 },
      );
  }
}

export default function ScoresheetPage() {
  const { opened } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as SheetReply | undefined;
  const { t, i18n } = useTranslation();
  const lng = isLanguage(i18n.language) ? i18n.language : "vi";
  const code = opened.entry.anonymousCode;
  const status = reply?.outcome.status;
  return (
    <div className="space-y-6">
      <a href="#scoresheet" className="sr-only focus:not-sr-only focus:inline-block focus:rounded focus:bg-white focus:p-2 focus:underline">
        {t("scoring:sheet.skipToForm")}
      </a>
      <div className="space-y-1">
        <p>
          <Link to="/judge/desk" className="link">
            {t("scoring:sheet.backToDesk")}
          </Link>
        </p>
        <h1 className="text-2xl font-bold">{t("scoring:sheet.heading", { code })}</h1>
        <p className="text-stone-700">
          {opened.contest.title} · {t("scoring:sheet.where", { round: opened.round.name, panel: opened.panel.name })}
        </p>
        {opened.round.deadline ? (
          <p className="text-sm text-stone-700">{t("scoring:sheet.deadline", { date: formatDateTime(opened.round.deadline, lng, opened.contest.timeZone) })}</p>
        ) : null}
      </div>
      {status === "submitted" ? <Notice>{t("scoring:sheet.submitted", { code })}</Notice> : null}
      {status === "saved" ? <Notice>{t("scoring:sheet.saved")}</Notice> : null}
      {opened.reopened && opened.access.write ? (
        <p className="rounded-md border border-amber-400 bg-amber-50 p-3">
          {t("scoring:sheet.reopened", { date: formatDateTime(opened.reopened.at, lng, opened.contest.timeZone), reason: opened.reopened.reason })}
        </p>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(22rem,27rem)] lg:items-start">
        <ReadingPane opened={opened} />
        {/* While scoring, the form stays beside the text as the judge reads on (its own scroll holds its fields). */}
        <div className={`space-y-6 ${opened.access.write ? "lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto lg:pr-1" : ""}`}>
          <section id="scoresheet" tabIndex={-1} aria-labelledby="scoresheet-heading" className="card space-y-4 p-4 sm:p-6">
            <h2 id="scoresheet-heading" className="text-xl font-semibold">
              {t("scoring:sheet.formHeading")}
            </h2>
            {opened.access.write ? (
              <ScoresheetEditor key={opened.assignmentId} opened={opened} reply={reply ?? null} />
            ) : (
              <>
                {opened.access.reason === "submitted" ? <ForgetLocalCopy assignmentId={opened.assignmentId} /> : null}
                <ReadOnlyReason opened={opened} />
                <ReadOnlySheet opened={opened} />
              </>
            )}
            {opened.canRecuse ? (
              <p>
                <Link to={`/judge/sheets/${opened.assignmentId}/recuse`} className="link text-sm">
                  {t("scoring:sheet.recuse")}
                </Link>
              </p>
            ) : null}
          </section>
          <OthersScores opened={opened} />
        </div>
      </div>
    </div>
  );
}
