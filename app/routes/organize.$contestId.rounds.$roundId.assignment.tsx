// /organize/:contestId/rounds/:roundId/assignment: the assignment of judges to a round's entries
// for the contest's organizers: preview an automatic run (a GET with its seed: the table of
// changes, the loads before and after, blocked pairs, or the entries that cannot be covered),
// apply it with the preview's fingerprint, and adjust the current assignment by hand. Anyone
// else gets 404.
import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, useSchemaForm } from "#app/components/forms";
import { LoadChart } from "#app/components/load-chart";
import { Notice } from "#app/components/notice";
import { requireUser } from "#app/modules/auth/session.server";
import { requireManagedContest } from "#app/modules/contests/policies.server";
import { addManualAssignment, removeManualAssignment, type BoardCell } from "#app/modules/panels/assignment-manual.server";
import { assignmentActionSchema, assignmentQuerySchema, DEFAULT_ASSIGNMENT_SEED, previewFormSchema, SEED_MAX } from "#app/modules/panels/assignment-screen.schema";
import { applyRoundAssignment, getAssignmentScreen, type AssignmentScreen } from "#app/modules/panels/assignment-screen.server";
import { replyRefusal } from "#app/modules/panels/replies.server";
import { orNotFound } from "#app/utils/http.server";
import { pageMeta } from "#app/utils/meta";
import { clientIp } from "#app/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageMeta(matches, (t) => (data ? t("rounds:assignment.title", { name: data.screen.round.name }) : t("rounds:title")));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireManagedContest(user, contestId);
  const submission = parseWithZod(new URL(request.url).searchParams, { schema: assignmentQuerySchema });
  const query = submission.status === "success" ? submission.value : {};
  const seed = query.seed ?? DEFAULT_ASSIGNMENT_SEED;
  const screen = orNotFound(
    await getAssignmentScreen({
      contestId,
      roundId: params.roundId ?? "",
      // An invalid query shows its errors and no preview, rather than a preview it did not ask for.
      previewSeed: submission.status === "success" && query.preview ? seed : null,
      changesPage: query.page,
      panelId: query.panel ?? null,
      boardPage: query.board,
    }),
  );
  const body = { screen, seed, query: submission.status === "success" ? query : {}, result: submission.status === "success" ? null : submission.reply() };
  return submission.status === "success" ? body : data(body, { status: 400 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireManagedContest(user, contestId);
  const roundId = params.roundId ?? "";
  const submission = parseWithZod(await request.formData(), { schema: assignmentActionSchema });
  if (submission.status !== "success") return data({ form: "assignment", result: submission.reply(), notice: null }, { status: 400 });
  const input = submission.value;
  const who = { contestId, roundId, actorId: user.id, ip: clientIp(request) };
  if (input.intent === "apply") {
    const result = await applyRoundAssignment({ ...who, seed: input.seed, fingerprint: input.fingerprint });
    if (!result.ok) return replyRefusal(submission, result, "assignment");
    return {
      form: "assignment",
      result: submission.reply(),
      notice: { key: "rounds:notices.applied", values: { added: result.added, removed: result.removed, kept: result.kept } },
    };
  }
  const pair = { ...who, entryId: input.entryId, judgeId: input.judgeId };
  const result = input.intent === "manualAdd" ? await addManualAssignment(pair) : await removeManualAssignment(pair);
  if (!result.ok) return replyRefusal(submission, result, "assignment");
  return {
    form: "assignment",
    result: submission.reply(),
    notice: { key: input.intent === "manualAdd" ? "rounds:notices.manualAdded" : "rounds:notices.manualRemoved", values: {} },
  };
}

const REASON_KEYS = {
  "too-few-eligible-judges": "rounds:assignment.reasons.tooFewEligibleJudges",
  "insufficient-capacity": "rounds:assignment.reasons.insufficientCapacity",
  "too-many-fixed": "rounds:assignment.reasons.tooManyFixed",
  "fixed-over-cap": "rounds:assignment.reasons.fixedOverCap",
} as const;

type Query = { preview?: "1"; seed?: number; page?: number; panel?: string; board?: number };

/** This page's address with some query parameters changed. */
function href(query: Query, change: Query) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, ...change })) if (value !== undefined && value !== "") params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : "?";
}

function Pager({ label, page, pages, link }: { label: string; page: number; pages: number; link: (page: number) => string }) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  return (
    <nav aria-label={label} className="flex items-center gap-4 text-sm">
      {page > 1 ? (
        <Link to={link(page - 1)} className="link" preventScrollReset>
          {t("rounds:pager.previous")}
        </Link>
      ) : null}
      <span>{t("rounds:pager.position", { page, pages })}</span>
      {page < pages ? (
        <Link to={link(page + 1)} className="link" preventScrollReset>
          {t("rounds:pager.next")}
        </Link>
      ) : null}
    </nav>
  );
}

function PreviewSection({ screen, query }: { screen: AssignmentScreen; query: Query }) {
  const { t } = useTranslation();
  const location = useLocation();
  const preview = screen.preview;
  if (!preview) return null;
  if (!preview.ok) {
    return (
      <section aria-labelledby="infeasible-heading" className="space-y-3 rounded-md border border-red-300 bg-red-50 p-4">
        <h3 id="infeasible-heading" className="text-lg font-semibold text-red-900">
          {t("rounds:assignment.infeasibleHeading", { count: preview.uncoveredCount, k: screen.round.readsPerEntry })}
        </h3>
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left text-sm">
            <caption className="sr-only">{t("rounds:assignment.uncoveredCaption")}</caption>
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="p-2">{t("rounds:assignment.entryCode")}</th>
                <th scope="col" className="p-2">{t("rounds:assignment.entryTitle")}</th>
                <th scope="col" className="p-2">{t("rounds:assignment.panel")}</th>
                <th scope="col" className="p-2">{t("rounds:assignment.reason")}</th>
                <th scope="col" className="p-2">{t("rounds:assignment.eligibleJudges")}</th>
              </tr>
            </thead>
            <tbody>
              {preview.uncovered.map((u) => (
                <tr key={u.entryId} className="border-b border-stone-200">
                  <td className="p-2">{u.entryCode ?? "—"}</td>
                  <td className="p-2">{u.title}</td>
                  <td className="p-2">{u.panelName}</td>
                  <td className="p-2">{t(REASON_KEYS[u.reason])}</td>
                  <td className="p-2">{t("rounds:assignment.eligibleOf", { count: u.eligibleJudges, k: screen.round.readsPerEntry })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {preview.uncoveredCount > preview.uncovered.length ? <p className="text-sm">{t("rounds:assignment.more", { count: preview.uncoveredCount - preview.uncovered.length })}</p> : null}
        <p className="font-medium">{t("rounds:assignment.whatToDo")}</p>
        <ul className="list-disc pl-5 text-sm">
          <li>{t("rounds:assignment.fixAddJudges")}</li>
          <li>{t("rounds:assignment.fixRaiseCaps")}</li>
          <li>{t("rounds:assignment.fixLowerK")}</li>
        </ul>
        <Link to=".." relative="path" className="link">
          {t("rounds:assignment.toRound")}
        </Link>
      </section>
    );
  }
  const noChanges = preview.added === 0 && preview.removed === 0;
  return (
    <section aria-labelledby="preview-heading" className="space-y-6">
      <h3 id="preview-heading" className="text-lg font-semibold">
        {t("rounds:assignment.previewHeading", { seed: preview.seed })}
      </h3>
      <p>{t("rounds:assignment.summary", { added: preview.added, removed: preview.removed, kept: preview.kept })}</p>
      {preview.fixed > 0 ? <p>{t("rounds:assignment.fixedKept", { count: preview.fixed })}</p> : null}
      {noChanges ? <p>{t("rounds:assignment.noChanges")}</p> : null}
      <Calibration calibration={preview.calibration} />

      {preview.blockedCount > 0 ? (
        <div role="alert" className="space-y-2 rounded-md border border-red-300 bg-red-50 p-3">
          <p className="font-medium">{t("rounds:assignment.blocked", { count: preview.blockedCount })}</p>
          <ul className="list-disc pl-5 text-sm">
            {preview.blocked.map((b) => (
              <li key={`${b.entryId}-${b.judgeId}`}>{t("rounds:assignment.pair", { code: b.entryCode ?? "—", title: b.title, judge: b.judgeName, panel: b.panelName })}</li>
            ))}
          </ul>
          <p className="text-sm">{t("rounds:assignment.blockedHelp")}</p>
        </div>
      ) : null}

      <section aria-labelledby="loads-heading" className="space-y-4">
        <h4 id="loads-heading" className="font-semibold">
          {t("rounds:assignment.loadsHeading")}
        </h4>
        {preview.panels.map((panel) => (
          <figure key={panel.panelId} className="card space-y-3">
            <figcaption className="font-medium">{t("rounds:assignment.loadsOf", { name: panel.name, added: panel.added, removed: panel.removed })}</figcaption>
            {panel.judges.length > 0 ? (
              <div className="grid gap-4 lg:grid-cols-2">
                <LoadChart
                  bars={panel.judges.map((j) => ({ name: j.name, before: j.before, after: j.after }))}
                  beforeLabel={t("rounds:assignment.before")}
                  afterLabel={t("rounds:assignment.after")}
                />
                <table className="w-full border-collapse text-left text-sm">
                  <caption className="sr-only">{t("rounds:assignment.loadsTable", { name: panel.name })}</caption>
                  <thead>
                    <tr className="border-b border-stone-300">
                      <th scope="col" className="p-2">{t("rounds:assignment.judge")}</th>
                      <th scope="col" className="p-2">{t("rounds:assignment.before")}</th>
                      <th scope="col" className="p-2">{t("rounds:assignment.after")}</th>
                      <th scope="col" className="p-2">{t("rounds:assignment.cap")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {panel.judges.map((j) => (
                      <tr key={j.judgeId} className="border-b border-stone-200">
                        <th scope="row" className="p-2 text-left font-medium">
                          {j.name}
                          {j.isChair ? <span className="block text-xs font-normal text-stone-600">{t("rounds:panels.chair")}</span> : null}
                          {j.left ? <span className="block text-xs font-normal text-stone-600">{t("rounds:board.leftPanel")}</span> : null}
                        </th>
                        <td className="p-2">{j.before}</td>
                        <td className="p-2">{j.after}</td>
                        <td className="p-2">{j.left ? "—" : (j.cap ?? t("rounds:panels.noCap"))}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p className="text-sm">{t("rounds:panels.noJudges")}</p>
            )}
          </figure>
        ))}
      </section>

      {preview.changes.total > 0 ? (
        <section aria-labelledby="changes-heading" className="space-y-3">
          <h4 id="changes-heading" className="font-semibold">
            {t("rounds:assignment.changesHeading", { count: preview.changes.total })}
          </h4>
          <div className="overflow-x-auto">
            <table className="w-full border-collapse bg-white text-left text-sm">
              <caption className="sr-only">{t("rounds:assignment.changesCaption")}</caption>
              <thead>
                <tr className="border-b border-stone-300">
                  <th scope="col" className="p-2">{t("rounds:assignment.change")}</th>
                  <th scope="col" className="p-2">{t("rounds:assignment.entryCode")}</th>
                  <th scope="col" className="p-2">{t("rounds:assignment.entryTitle")}</th>
                  <th scope="col" className="p-2">{t("rounds:assignment.judge")}</th>
                  <th scope="col" className="p-2">{t("rounds:assignment.panel")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.changes.rows.map((r) => (
                  <tr key={`${r.kind}-${r.entryId}-${r.judgeId}`} className="border-b border-stone-200">
                    <td className="p-2">
                      {r.kind === "added" ? t("rounds:assignment.added") : t("rounds:assignment.removed")}
                      {r.blocked ? <span className="block text-xs text-red-800">{t("rounds:assignment.scored")}</span> : null}
                    </td>
                    <td className="p-2">{r.entryCode ?? "—"}</td>
                    <td className="p-2">{r.title}</td>
                    <td className="p-2">{r.judgeName}</td>
                    <td className="p-2">{r.panelName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            label={t("rounds:assignment.changesPages")}
            page={preview.changes.page}
            pages={preview.changes.pages}
            link={(page) => href(query, { preview: "1", seed: preview.seed, page })}
          />
        </section>
      ) : null}

      {noChanges ? null : (
        <Form method="post" action={location.pathname} className="flex flex-wrap items-center gap-3">
          <input type="hidden" name="intent" value="apply" />
          <input type="hidden" name="seed" value={preview.seed} />
          <input type="hidden" name="fingerprint" value={preview.fingerprint} />
          <button type="submit" className="btn-primary" disabled={preview.blockedCount > 0}>
            {t("rounds:assignment.apply")}
          </button>
          <span className="text-sm text-stone-700">{t("rounds:assignment.applyHelp")}</span>
        </Form>
      )}
    </section>
  );
}

function CellControl({ cell, entry, judge, action }: { cell: BoardCell; entry: { entryId: string; entryCode: string | null; open: boolean }; judge: { id: string; name: string; seated: boolean }; action: string }) {
  const { t } = useTranslation();
  const target = t("rounds:board.pairTarget", { judge: judge.name, code: entry.entryCode ?? "—" });
  const button = (intent: "manualAdd" | "manualRemove", label: string) => (
    <Form method="post" action={action} preventScrollReset>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="entryId" value={entry.entryId} />
      <input type="hidden" name="judgeId" value={judge.id} />
      <button type="submit" className="btn-secondary px-2 py-0.5 text-xs" aria-label={t("rounds:a11y.forTarget", { action: label, target })}>
        {label}
      </button>
    </Form>
  );
  switch (cell.kind) {
    case "active":
      return (
        <div className="space-y-1">
          <span className="block font-medium text-green-800">
            {t("rounds:board.assigned")}
            {cell.source === "MANUAL" ? ` ${t("rounds:board.manual")}` : ""}
          </span>
          {cell.scored ? <span className="block text-xs text-stone-600">{t("rounds:board.scored")}</span> : button("manualRemove", t("rounds:board.remove"))}
        </div>
      );
    case "conflict":
      return <span className="text-red-800">{t("rounds:board.conflict")}</span>;
    case "recused":
      return <span className="text-stone-600">{t("rounds:board.recused")}</span>;
    case "removed":
    case "none":
      return (
        <div className="space-y-1">
          {cell.kind === "removed" && cell.manual ? <span className="block text-xs text-stone-600">{t("rounds:board.removedByHand")}</span> : null}
          {judge.seated && entry.open ? button("manualAdd", t("rounds:board.add")) : <span className="text-stone-500">—</span>}
        </div>
      );
  }
}

function BoardSection({ screen, query }: { screen: AssignmentScreen; query: Query }) {
  const { t } = useTranslation();
  const location = useLocation();
  const { board } = screen;
  const panel = board.panel;
  return (
    <section aria-labelledby="board-heading" className="space-y-4">
      <h2 id="board-heading" className="text-lg font-semibold">
        {t("rounds:board.heading")}
      </h2>
      <p className="text-sm text-stone-700">{t("rounds:board.intro")}</p>
      {board.panels.length === 0 ? (
        <p>{t("rounds:board.noPanels")}</p>
      ) : (
        <nav aria-label={t("rounds:board.panelsNav")}>
          <ul className="flex flex-wrap gap-2">
            {board.panels.map((p) => (
              <li key={p.id}>
                <Link
                  to={href(query, { panel: p.id, board: undefined })}
                  aria-current={p.id === panel?.id ? "page" : undefined}
                  className={`block rounded px-3 py-1 text-sm ${p.id === panel?.id ? "bg-brand-700 font-semibold text-white" : "border border-stone-300 bg-white hover:bg-stone-100"}`}
                  preventScrollReset
                >
                  {t("rounds:board.panelTab", { name: p.name, count: p.entries })}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {panel ? (
        panel.entries.length === 0 ? (
          <p>{t("rounds:board.noEntries")}</p>
        ) : (
          <>
            <div className="overflow-x-auto">
              <table className="w-full border-collapse bg-white text-left text-sm">
                <caption className="sr-only">{t("rounds:board.caption", { name: panel.name })}</caption>
                <thead>
                  <tr className="border-b border-stone-300 align-bottom">
                    <th scope="col" className="p-2">{t("rounds:assignment.entryCode")}</th>
                    <th scope="col" className="p-2">{t("rounds:assignment.entryTitle")}</th>
                    <th scope="col" className="p-2">{t("rounds:board.reads", { k: screen.round.readsPerEntry })}</th>
                    {panel.judges.map((j) => (
                      <th key={j.id} scope="col" className="p-2">
                        {j.name}
                        <span className="block text-xs font-normal text-stone-600">
                          {[j.isChair ? t("rounds:panels.chair") : null, j.seated ? null : t("rounds:board.leftPanel"), t("rounds:board.load", { count: j.load })]
                            .filter(Boolean)
                            .join(" · ")}
                        </span>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {panel.entries.map((e) => (
                    <tr key={e.entryId} className="border-b border-stone-200 align-top">
                      <th scope="row" className="p-2 text-left font-medium">
                        {e.entryCode ?? "—"}
                      </th>
                      <td className="p-2">{e.title}</td>
                      <td className={`p-2 ${e.reads < screen.round.readsPerEntry ? "font-semibold text-red-800" : ""}`}>
                        {e.reads}/{screen.round.readsPerEntry}
                      </td>
                      {panel.judges.map((j, i) => (
                        <td key={j.id} className="p-2">
                          <CellControl cell={e.cells[i]!} entry={e} judge={j} action={location.pathname + location.search} />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager label={t("rounds:board.pages")} page={panel.page} pages={panel.pages} link={(page) => href(query, { panel: panel.id, board: page })} />
          </>
        )
      ) : null}
    </section>
  );
}

type PreviewView = Extract<NonNullable<AssignmentScreen["preview"]>, { ok: true }>;

/** Which panels can be calibrated against each other through judges who read in several of them. */
function Calibration({ calibration }: { calibration: PreviewView["calibration"] }) {
  const { t } = useTranslation();
  const names = (panels: { name: string }[]) => panels.map((p) => p.name).join(", ");
  if (calibration.components.length === 0 && calibration.isolatedPanels.length <= 1) return null;
  return (
    <section aria-labelledby="calibration-heading" className="card space-y-2">
      <h4 id="calibration-heading" className="font-semibold">
        {t("rounds:assignment.calibration.heading")}
      </h4>
      <p className="text-sm text-stone-700">{t("rounds:assignment.calibration.intro")}</p>
      <ul className="list-disc space-y-1 pl-5 text-sm">
        {calibration.components.map((c) => (
          <li key={c.panels.map((p) => p.panelId).join()}>
            {c.readGroups.length <= 1
              ? t("rounds:assignment.calibration.linked", { panels: names(c.panels), judges: c.sharedJudges.map((j) => j.name).join(", ") })
              : t("rounds:assignment.calibration.split", { groups: c.readGroups.map((g) => `(${names(g)})`).join(", ") })}
            {c.unlinkedSeats.length > 0
              ? ` ${t("rounds:assignment.calibration.unlinked", { seats: c.unlinkedSeats.map((s) => `${s.judgeName} — ${s.panelName}`).join("; ") })}`
              : null}
          </li>
        ))}
      </ul>
      {calibration.isolatedPanels.length > 0 ? (
        <p role="note" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          {t("rounds:assignment.calibration.isolated", { panels: names(calibration.isolatedPanels) })}
        </p>
      ) : null}
    </section>
  );
}

export default function Assignment() {
  const { screen, seed, query, result } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm("preview", previewFormSchema, result);
  const notice = actionData?.notice;
  const errors = actionData?.result.error?.[""];
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <Link to=".." relative="path" className="link text-sm">
          {t("rounds:assignment.toRound")}
        </Link>
        <h1 className="text-2xl font-bold">{t("rounds:assignment.title", { name: screen.round.name })}</h1>
        <p className="text-stone-700">{t("rounds:assignment.intro", { k: screen.round.readsPerEntry })}</p>
      </div>
      {notice ? <Notice>{t(notice.key, notice.values)}</Notice> : null}
      <FormErrors errors={errors} />

      <section aria-labelledby="auto-heading" className="card space-y-4">
        <h2 id="auto-heading" className="text-lg font-semibold">
          {t("rounds:assignment.autoHeading")}
        </h2>
        <p className="text-sm text-stone-700">{t("rounds:assignment.autoIntro")}</p>
        <Form method="get" {...getFormProps(form)} key={String(seed)} className="flex max-w-xl flex-wrap items-end gap-3" preventScrollReset>
          <input type="hidden" name="preview" value="1" />
          {query.panel ? <input type="hidden" name="panel" value={query.panel} /> : null}
          <FormErrors errors={form.errors} />
          <Field
            label={t("rounds:assignment.seed")}
            help={t("rounds:assignment.seedHelp")}
            errors={fields.seed.errors}
            inputProps={{ ...getInputProps(fields.seed, { type: "number" }), min: 0, max: SEED_MAX, step: 1, defaultValue: String(seed) }}
          />
          <button type="submit" className="btn-primary">
            {t("rounds:assignment.preview")}
          </button>
        </Form>
        <PreviewSection screen={screen} query={query} />
      </section>

      <BoardSection screen={screen} query={query} />
    </div>
  );
}
