// /organize/:contestId/results/:roundId: a round's ranking for the contest's organizers (anyone
// else 404, signed out 403): per category, raw mean and adjusted score side by side with the score
// the round ranks by, reads against plan, prizes (last round) or who advances, the ties to decide
// (with a reason), advancing to the next round, and each judge's estimated severity. Each category's
// ranking and its entries not ranked yet are shown a page at a time (?page.<categoryId>=N,
// ?unranked.<categoryId>=N); ?q=<code> opens the page holding that entry and marks its row.
import { getFormProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList, FormErrors, SelectField, TextareaField, useSchemaForm } from "#app/components/forms";
import { Notice } from "#app/components/notice";
import { AuthorList, useLanguage, useScore, useSigned, useStepLabel } from "#app/components/results";
import { requireUser } from "#app/modules/auth/session.server";
import { requireManagedContest } from "#app/modules/contests/policies.server";
import { replyRefusal } from "#app/modules/panels/replies.server";
import { SEVERITY_PRIOR_READS } from "#app/modules/rankings/aggregate";
import { advanceRound, decideTie } from "#app/modules/rankings/decisions.server";
import { roundPageQuery, roundResultsPage, type RoundResultsPage } from "#app/modules/rankings/results-page.server";
import { ENTRY_SEARCH_MAX, roundResultsActionSchema } from "#app/modules/rankings/results.schema";
import { formatNumber } from "#app/utils/format";
import { orNotFound } from "#app/utils/http.server";
import { pageMeta } from "#app/utils/meta";
import { clientIp } from "#app/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ matches, data: page }) =>
  pageMeta(matches, (t) => t("results:round.heading", { round: page?.round.name ?? "" }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireManagedContest(user, contestId);
  return orNotFound(await roundResultsPage(contestId, params.roundId ?? "", roundPageQuery(new URL(request.url).searchParams)));
}

type Notice = { key: string; values: Record<string, string | number> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  const roundId = params.roundId ?? "";
  await requireManagedContest(user, contestId);
  const submission = parseWithZod(await request.formData(), { schema: roundResultsActionSchema });
  if (submission.status !== "success") {
    const payload = submission.payload;
    const form = payload.intent === "decide" ? `decide-${String(payload.categoryId)}-${JSON.stringify(payload.entryIds)}` : "advance";
    return data({ form, result: submission.reply(), notice: null as Notice | null }, { status: 400 });
  }
  const input = submission.value;
  const who = { contestId, roundId, actorId: user.id, ip: clientIp(request) };
  if (input.intent === "decide") {
    const form = `decide-${input.categoryId}-${JSON.stringify(input.entryIds)}`;
    const decided = await decideTie({ ...who, categoryId: input.categoryId, entryIds: input.entryIds, places: input.places, reason: input.reason, fingerprint: input.fingerprint });
    if (!decided.ok) return replyRefusal(submission, decided, form);
    return { form, result: submission.reply({ resetForm: true }), notice: { key: "results:ties.decided", values: { count: decided.entries } } as Notice };
  }
  const advanced = await advanceRound({ ...who, manual: input.manual, fingerprint: input.fingerprint });
  if (!advanced.ok) return replyRefusal(submission, advanced, "advance");
  const notice: Notice = { key: "results:advance.done", values: { advanced: advanced.advanced, eliminated: advanced.eliminated, round: advanced.nextRound } };
  return { form: "advance", result: submission.reply({ resetForm: true }), notice };
}

type Category = RoundResultsPage["categories"][number];
type Row = Category["ranked"]["rows"][number];
type List = "page" | "unranked";

export default function RoundResults() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const stepLabel = useStepLabel();
  const { round } = page;
  const notice = actionData?.notice ?? null;
  const resultOf = (form: string) => (actionData && !actionData.notice && actionData.form === form ? actionData.result : undefined);
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <p>
          <Link to={`/organize/${page.contest.id}/results`} className="link">
            {t("results:round.back")}
          </Link>
        </p>
        <h1 className="text-2xl font-bold">{t("results:round.heading", { round: round.name })}</h1>
        {page.rounds.length > 1 ? (
          <nav aria-label={t("results:round.otherRounds")}>
            <ul className="flex flex-wrap gap-3 text-sm">
              {page.rounds.map((r) => (
                <li key={r.id}>
                  {r.id === round.id ? (
                    <span aria-current="page" className="font-semibold">
                      {r.name}
                    </span>
                  ) : (
                    <Link to={`/organize/${page.contest.id}/results/${r.id}`} className="link">
                      {r.name}
                    </Link>
                  )}
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <div className="space-y-1 text-sm text-stone-700">
          <p>
            {t("results:round.method", { method: t(`rounds:aggregation.${round.aggregation}`) })} {t("results:round.planned", { count: round.readsPerEntry })}
          </p>
          <p>{t("results:round.rounding")}</p>
          <p>{page.chain.length ? t("results:round.chain", { steps: page.chain.map(stepLabel).join("; ") }) : t("results:round.noChain")}</p>
          {page.isFinal ? <p>{t("results:round.final")}</p> : null}
        </div>
        {!page.identified ? <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">{t("results:round.blind")}</p> : null}
        {page.pendingReads > 0 ? <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">{t("results:round.pending", { count: page.pendingReads })}</p> : null}
        {page.components > 1 ? <p className="text-sm text-stone-700">{t("results:round.components", { count: page.components })}</p> : null}
      </div>
      {notice ? <Notice>{t(notice.key as "results:ties.decided", notice.values)}</Notice> : null}
      {page.categories.length === 0 ? <p>{t("results:round.empty")}</p> : <EntrySearch page={page} />}
      {page.categories.map((c) => (
        <CategorySection key={c.id} page={page} category={c} resultOf={resultOf} />
      ))}
      {page.advance && page.nextRound ? <Advance page={page} lastResult={resultOf("advance")} /> : null}
      <Judges page={page} />
      <RoundDocuments page={page} />
    </div>
  );
}

function EntryCell({ row, found = false }: { row: Pick<Row, "label" | "identity">; found?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="space-y-1">
      <span className="font-mono">{row.label}</span>
      {found ? <span className="block text-xs font-semibold text-amber-900">{t("results:search.marker")}</span> : null}
      {row.identity ? (
        <>
          <span className="block font-medium">{row.identity.title}</span>
          <div className="text-stone-700">
            <AuthorList authors={row.identity.authors} />
          </div>
        </>
      ) : null}
    </div>
  );
}

function ReadsCell({ row, planned }: { row: Pick<Row, "reads" | "short" | "pendingReads">; planned: number }) {
  const { t } = useTranslation();
  return (
    <div>
      <span className={row.short ? "font-semibold text-red-800" : undefined}>{t("results:table.readsValue", { reads: row.reads, planned })}</span>
      {row.short ? <span className="block text-xs text-red-800">{t("results:table.short")}</span> : null}
      {row.pendingReads > 0 ? <span className="block text-xs text-amber-800">{t("results:table.pendingReads", { count: row.pendingReads })}</span> : null}
    </div>
  );
}

function CategorySection({ page, category, resultOf }: { page: RoundResultsPage; category: Category; resultOf: (form: string) => SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const score = useScore();
  const stepLabel = useStepLabel();
  const { round } = page;
  const trimmed = round.aggregation === "TRIMMED_MEAN";
  const headingId = `category-${category.id}`;
  const foundId = page.search?.found?.categoryId === category.id ? page.search.found.entryId : null;
  // The row of the entry searched for is marked (and scrolled to, see EntrySearch).
  const rowProps = (entryId: string) =>
    entryId === foundId
      ? { id: foundRowId(entryId), "aria-current": true as const, className: "border-b border-stone-200 bg-amber-100 align-top outline outline-2 outline-amber-500" }
      : { className: "border-b border-stone-200 align-top" };
  const detailsLink = (row: { entryId: string; label: string }) => (
    <Link to={`/organize/${page.contest.id}/results/${round.id}/${row.entryId}`} className="link" aria-label={t("results:table.detailsOf", { entry: row.label })}>
      {t("results:table.details")}
    </Link>
  );
  const outcome = (row: Row) => {
    if (page.isFinal) {
      if (!row.prize) return "—";
      if ("pending" in row.prize) return <span className="font-semibold text-amber-800">{t("results:table.prizePending")}</span>;
      if ("none" in row.prize) return t("results:table.noPrize");
      return <span className="font-semibold">{row.prize.name}</span>;
    }
    return row.advance ? t(`results:table.advanceState.${row.advance}`) : "—";
  };
  return (
    <section aria-labelledby={headingId} className="space-y-4">
      <h2 id={headingId} className="text-xl font-semibold">
        {category.name}
      </h2>
      {page.isFinal ? (
        <p className="text-sm text-stone-700">
          {category.tiers.length === 0
            ? t("results:table.noTiers")
            : t("results:table.tiers", { tiers: category.tiers.map((tier) => t("results:table.tier", { name: tier.name, awarded: tier.awarded, count: tier.count })).join(", ") })}
        </p>
      ) : null}
      <div className="overflow-x-auto">
        <table className="w-full border-collapse bg-white text-left text-sm">
          <caption className="sr-only">{t("results:table.caption", { name: category.name })}</caption>
          <thead>
            <tr className="border-b border-stone-300">
              <th scope="col" className="p-2">{t("results:table.rank")}</th>
              <th scope="col" className="p-2">{t("results:table.entry")}</th>
              <th scope="col" className="p-2">{t("results:table.panel")}</th>
              <th scope="col" className="p-2">{t("results:table.reads")}</th>
              <th scope="col" className="p-2 text-right">{t("results:table.rawMean")}</th>
              {trimmed ? <th scope="col" className="p-2 text-right">{t("results:table.trimmedMean")}</th> : null}
              <th scope="col" className="p-2 text-right">{t("results:table.adjusted")}</th>
              <th scope="col" className="p-2 text-right">{t("results:table.score")}</th>
              <th scope="col" className="p-2">{page.isFinal ? t("results:table.prize") : t("results:table.advance")}</th>
              <th scope="col" className="p-2">{t("results:table.details")}</th>
            </tr>
          </thead>
          <tbody>
            {category.ranked.rows.map((row) => (
              <tr key={row.entryId} {...rowProps(row.entryId)}>
                <td className="p-2">
                  <span className="font-semibold">{row.rank}</span>
                  {row.tied ? <span className="block text-xs text-amber-800">{t("results:table.tied")}</span> : null}
                  {row.separatedBy?.by === "step" && page.chain[row.separatedBy.step] ? (
                    <span className="block text-xs text-stone-600">{t("results:table.by.step", { step: stepLabel(page.chain[row.separatedBy.step]!) })}</span>
                  ) : null}
                  {row.separatedBy?.by === "decision" ? <span className="block text-xs text-stone-600">{t("results:table.by.decision")}</span> : null}
                </td>
                <th scope="row" className="p-2 text-left font-normal">
                  <EntryCell row={row} found={row.entryId === foundId} />
                </th>
                <td className="p-2">{row.panelName ?? "—"}</td>
                <td className="p-2">
                  <ReadsCell row={row} planned={round.readsPerEntry} />
                </td>
                <td className="p-2 text-right tabular-nums">{score(row.rawMean)}</td>
                {trimmed ? (
                  <td className="p-2 text-right tabular-nums">
                    {score(row.trimmedMean)}
                    {!row.trimmed ? <span className="block text-xs text-stone-600">{t("results:table.untrimmed")}</span> : null}
                  </td>
                ) : null}
                <td className="p-2 text-right tabular-nums">{score(row.adjusted)}</td>
                <td className="p-2 text-right font-semibold tabular-nums">{score(row.score)}</td>
                <td className="p-2">{outcome(row)}</td>
                <td className="p-2">{detailsLink(row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager category={category} list="page" />
      {category.unranked.total > 0 ? (
        <section aria-labelledby={`${headingId}-unranked`} className="space-y-2">
          <h3 id={`${headingId}-unranked`} className="font-semibold">
            {t("results:table.unrankedHeading")}
          </h3>
          <div className="overflow-x-auto">
            <table className="w-full border-collapse bg-white text-left text-sm">
              <caption className="sr-only">{t("results:table.unrankedCaption", { name: category.name })}</caption>
              <thead>
                <tr className="border-b border-stone-300">
                  <th scope="col" className="p-2">{t("results:table.entry")}</th>
                  <th scope="col" className="p-2">{t("results:table.panel")}</th>
                  <th scope="col" className="p-2">{t("results:table.reads")}</th>
                  <th scope="col" className="p-2">{t("results:table.details")}</th>
                </tr>
              </thead>
              <tbody>
                {category.unranked.rows.map((row) => (
                  <tr key={row.entryId} {...rowProps(row.entryId)}>
                    <th scope="row" className="p-2 text-left font-normal">
                      <EntryCell row={row} found={row.entryId === foundId} />
                    </th>
                    <td className="p-2">{row.panelName ?? "—"}</td>
                    <td className="p-2">
                      <ReadsCell row={row} planned={round.readsPerEntry} />
                    </td>
                    <td className="p-2">{detailsLink(row)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager category={category} list="unranked" />
        </section>
      ) : null}
      {category.ties.length > 0 ? (
        <section aria-labelledby={`${headingId}-ties`} className="card space-y-4">
          <h3 id={`${headingId}-ties`} className="font-semibold">
            {t("results:ties.headingFor", { name: category.name })}
          </h3>
          {!page.canDecide ? <p className="text-sm">{t("results:ties.notNow")}</p> : null}
          {category.ties.map((tie) => {
            const form = `decide-${category.id}-${JSON.stringify(tie.entries.map((e) => e.id))}`;
            return <DecideForm key={form} formId={form} page={page} category={category} tie={tie} lastResult={resultOf(form)} />;
          })}
        </section>
      ) : null}
    </section>
  );
}

function DecideForm({
  formId,
  page,
  category,
  tie,
  lastResult,
}: {
  formId: string;
  page: RoundResultsPage;
  category: Category;
  tie: Category["ties"][number];
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(formId, roundResultsActionSchema, lastResult, { defaultValue: { intent: "decide", reason: tie.reason } });
  const groupLabel = t("results:ties.group", { rank: tie.rank, entries: tie.entries.map((e) => e.label).join(", ") });
  const places = Array.from({ length: tie.entries.length }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }));
  return (
    <div className="space-y-3 border-t border-stone-200 pt-3 first-of-type:border-0 first-of-type:pt-0">
      <h4 className="font-medium">{groupLabel}</h4>
      <ul className="list-disc pl-6 text-sm">
        {tie.reasons.map((r) => (
          <li key={r}>{t(`results:ties.reasons.${r}`)}</li>
        ))}
      </ul>
      <p className="text-sm">{tie.decision === "applied" ? t("results:ties.state.applied", { reason: tie.reason }) : t(`results:ties.state.${tie.decision}`)}</p>
      {page.canDecide ? (
        <Form method="post" {...getFormProps(form)} aria-label={groupLabel} className="space-y-3">
          <input type="hidden" name="intent" value="decide" />
          <input type="hidden" name="categoryId" value={category.id} />
          <input type="hidden" name="fingerprint" value={page.fingerprint} />
          {tie.entries.map((e, i) => (
            <input key={e.id} type="hidden" name={`entryIds[${i}]`} value={e.id} />
          ))}
          <FormErrors errors={form.errors} />
          <p className="text-sm text-stone-700">{t("results:ties.placeHelp")}</p>
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {tie.entries.map((e, i) => (
              <SelectField
                key={e.id}
                label={t("results:ties.place", { entry: e.label })}
                selectProps={{ name: `places[${i}]`, id: `${formId}-place-${i}`, defaultValue: e.place ? String(e.place) : "" }}
                options={[{ value: "", label: t("results:ties.choose") }, ...places]}
              />
            ))}
          </div>
          <ErrorList errors={fields.places.errors} />
          <TextareaField
            label={t("results:ties.reason")}
            help={t("results:ties.reasonHelp")}
            errors={fields.reason.errors}
            textareaProps={{ ...getTextareaProps(fields.reason), rows: 2 }}
          />
          <button type="submit" className={tie.decision === "applied" ? "btn-secondary" : "btn-primary"}>
            {tie.decision === "applied" ? t("results:ties.revise") : t("results:ties.submit")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

function Advance({ page, lastResult }: { page: RoundResultsPage; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm("advance", roundResultsActionSchema, lastResult);
  const advance = page.advance!;
  const next = page.nextRound!;
  const manual = page.round.advanceRule === "MANUAL";
  const lng = useLanguage();
  const blocked = advance.nextRoundHasAssignments || page.pendingReads > 0 || advance.undecided > 0 || !page.canDecide;
  // The rows shown above (every entry of a round that fits on a page); the entries of other pages
  // advancing now are sent as they are, so applying the list changes only these rows' choices.
  const rows = page.categories.flatMap((c) => [...c.ranked.rows, ...c.unranked.rows].map((r) => ({ ...r, category: c.name })));
  const paged = rows.length < advance.entries;
  return (
    <section aria-labelledby="advance-heading" className="card space-y-4">
      <h2 id="advance-heading" className="text-lg font-semibold">
        {t("results:advance.heading", { round: next.name })}
      </h2>
      <p>{t("results:advance.rule", { rule: t(`rounds:advanceSummary.${page.round.advanceRule}`, { value: page.round.advanceValue ?? "" }) })}</p>
      {!manual ? <p>{t("results:advance.counts", { advancing: advance.advancing, eliminated: advance.eliminated })}</p> : null}
      {advance.undecided > 0 ? <p className="font-medium text-amber-800">{t("results:advance.undecided", { count: advance.undecided })}</p> : null}
      {page.pendingReads > 0 ? <p className="text-sm">{t("results:advance.pending")}</p> : null}
      {advance.nextRoundHasAssignments ? <p className="text-sm">{t("results:advance.started")}</p> : advance.applied ? <p className="text-sm">{t("results:advance.applied")}</p> : null}
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <input type="hidden" name="intent" value="advance" />
        <input type="hidden" name="fingerprint" value={page.fingerprint} />
        <FormErrors errors={form.errors} />
        {manual ? (
          <fieldset className="space-y-2">
            <legend className="font-medium">{t("results:advance.manualLegend")}</legend>
            {paged ? (
              <p className="text-sm text-stone-700">
                {t("results:advance.manualPaged", { shown: formatNumber(rows.length, lng), entries: formatNumber(advance.entries, lng), kept: formatNumber(advance.keep.length, lng) })}
              </p>
            ) : null}
            {advance.keep.map((id) => (
              <input key={id} type="hidden" name="manual" value={id} />
            ))}
            {rows.map((r) => (
              <div key={r.entryId} className="flex items-center gap-2">
                <input
                  type="checkbox"
                  id={`advance-${r.entryId}`}
                  name="manual"
                  value={r.entryId}
                  defaultChecked={r.status === "ADVANCED"}
                  disabled={advance.nextRoundHasAssignments}
                  className="size-4 accent-brand-700"
                />
                <label htmlFor={`advance-${r.entryId}`} className="text-sm">
                  {t("results:advance.manualOption", { entry: r.label })} ({r.category})
                </label>
              </div>
            ))}
            <ErrorList errors={fields.manual.errors} />
          </fieldset>
        ) : null}
        <button type="submit" className="btn-primary" disabled={blocked}>
          {t("results:advance.submit", { round: next.name })}
        </button>
      </Form>
      <p>
        <Link to={`/organize/${page.contest.id}/rounds/${next.id}`} className="link">
          {t("results:advance.toRound", { round: next.name })}
        </Link>
      </p>
    </section>
  );
}

const foundRowId = (entryId: string) => `found-${entryId}`;

/** The search by the code the table shows (GET ?q=): the pages of other categories stay as they are. */
function EntrySearch({ page }: { page: RoundResultsPage }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const search = page.search;
  const found = search?.found ?? null;
  useEffect(() => {
    if (found) document.getElementById(foundRowId(found.entryId))?.scrollIntoView({ block: "center" });
  }, [found]);
  const kept = [...params.entries()].filter(([key]) => key !== "q" && (key.startsWith("page.") || key.startsWith("unranked.")));
  const by = page.identified ? "entryCode" : "anonymousCode";
  return (
    <div className="space-y-3">
      <Form method="get" role="search" aria-label={t(`results:search.heading.${by}`)} className="flex flex-wrap items-end gap-3">
        {kept.map(([key, value]) => (
          <input key={key} type="hidden" name={key} value={value} />
        ))}
        <div className="min-w-64 space-y-1">
          <label htmlFor="entry-search" className="block text-sm font-medium">
            {t(`results:search.label.${by}`)}
          </label>
          <input
            id="entry-search"
            name="q"
            type="search"
            required
            maxLength={ENTRY_SEARCH_MAX}
            defaultValue={search?.query ?? ""}
            key={search?.query ?? ""}
            autoCapitalize="characters"
            spellCheck={false}
            aria-describedby={["entry-search-help", search && !found ? "entry-search-error" : null].filter(Boolean).join(" ")}
            aria-invalid={search && !found ? true : undefined}
            className="input font-mono"
          />
          <p id="entry-search-help" className="text-sm text-stone-600">
            {t("results:search.help")}
          </p>
        </div>
        <button type="submit" className="btn-secondary">
          {t("results:search.submit")}
        </button>
      </Form>
      {search && found ? (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          {t(`results:search.found.${found.list}`, { entry: found.label, category: found.category, page: found.page })}{" "}
          <a href={`#${foundRowId(found.entryId)}`} className="link">
            {t("results:search.toRow")}
          </a>
        </p>
      ) : null}
      {search && !found ? (
        <p id="entry-search-error" role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {t("results:search.notFound", { code: search.query })} {!page.identified ? t("results:search.blindHint") : null}
        </p>
      ) : null}
    </div>
  );
}

/** The page numbers a pager offers: the first, the last, and two either side of the current one (null: a gap). */
function pageNumbers(page: number, pages: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let n = 1; n <= pages; n++) {
    if (n === 1 || n === pages || Math.abs(n - page) <= 2) out.push(n);
    else if (out.at(-1) !== null) out.push(null);
  }
  return out;
}

/** The counts of a list and, when it holds more than a page, links to its other pages (the address keeps the other lists' pages). */
function Pager({ category, list }: { category: Category; list: List }) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const [params] = useSearchParams();
  const slice = list === "page" ? category.ranked : category.unranked;
  const hash = list === "page" ? `#category-${category.id}` : `#category-${category.id}-unranked`;
  const href = (n: number) => {
    const next = new URLSearchParams(params);
    next.delete("q");
    const key = `${list}.${category.id}`;
    if (n === 1) next.delete(key);
    else next.set(key, String(n));
    const query = next.toString();
    return `${query ? `?${query}` : "?"}${hash}`;
  };
  const count = (n: number) => formatNumber(n, lng);
  const showing = <p className="text-sm text-stone-700">{t("results:pager.showing", { first: count(slice.first), last: count(slice.last), total: count(slice.total) })}</p>;
  if (slice.pages <= 1) return slice.total > 0 ? showing : null;
  const label = list === "page" ? t("results:pager.label", { name: category.name }) : t("results:pager.unrankedLabel", { name: category.name });
  return (
    <nav aria-label={label} className="space-y-2">
      {showing}
      <ul className="flex flex-wrap items-center gap-2 text-sm">
        <li>
          {slice.page > 1 ? (
            <Link to={href(slice.page - 1)} className="link" rel="prev">
              {t("results:pager.previous")}
            </Link>
          ) : (
            <span className="text-stone-600" aria-disabled="true">{t("results:pager.previous")}</span>
          )}
        </li>
        {pageNumbers(slice.page, slice.pages).map((n, i) =>
          n === null ? (
            <li key={`gap-${i}`} aria-hidden="true">
              …
            </li>
          ) : (
            <li key={n}>
              {n === slice.page ? (
                <span aria-current="page" className="rounded bg-brand-700 px-2 py-1 font-semibold text-white">
                  {count(n)}
                </span>
              ) : (
                <Link to={href(n)} className="link px-1" aria-label={t("results:pager.page", { page: count(n) })}>
                  {count(n)}
                </Link>
              )}
            </li>
          ),
        )}
        <li>
          {slice.page < slice.pages ? (
            <Link to={href(slice.page + 1)} className="link" rel="next">
              {t("results:pager.next")}
            </Link>
          ) : (
            <span className="text-stone-600" aria-disabled="true">{t("results:pager.next")}</span>
          )}
        </li>
      </ul>
      <p className="text-sm text-stone-700">
        {t("results:pager.pageOf", { page: count(slice.page), pages: count(slice.pages) })}
      </p>
    </nav>
  );
}

function Judges({ page }: { page: RoundResultsPage }) {
  const { t } = useTranslation();
  const signed = useSigned();
  return (
    <section aria-labelledby="judges-heading" className="space-y-3">
      <h2 id="judges-heading" className="text-lg font-semibold">
        {t("results:judges.heading")}
      </h2>
      <p className="text-sm text-stone-700">{t("results:judges.intro")}</p>
      {page.judges.length === 0 ? (
        <p>{t("results:judges.none")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left text-sm">
            <caption className="sr-only">{t("results:judges.caption")}</caption>
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="p-2">{t("results:judges.judge")}</th>
                <th scope="col" className="p-2">{t("results:judges.reads")}</th>
                <th scope="col" className="p-2 text-right">{t("results:judges.effect")}</th>
                {page.components > 1 ? <th scope="col" className="p-2">{t("results:judges.group")}</th> : null}
                <th scope="col" className="p-2">{t("results:judges.note")}</th>
              </tr>
            </thead>
            <tbody>
              {page.judges.map((j) => (
                <tr key={j.judgeId} className="border-b border-stone-200 align-top">
                  <th scope="row" className="p-2 text-left font-medium">
                    {j.name}
                  </th>
                  <td className="p-2">{j.reads}</td>
                  <td className="p-2 text-right tabular-nums">{signed(j.effect)}</td>
                  {page.components > 1 ? <td className="p-2">{j.component + 1}</td> : null}
                  <td className="p-2">
                    {Math.abs(j.effect) < 0.5 ? t("results:judges.even") : j.effect > 0 ? t("results:judges.lenient") : t("results:judges.harsh")}
                    {j.shrunk ? <span className="block text-xs text-stone-600">{t("results:judges.shrunk", { count: SEVERITY_PRIOR_READS })}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function RoundDocuments({ page }: { page: RoundResultsPage }) {
  const { t } = useTranslation();
  const base = `/organize/${page.contest.id}/results/${page.round.id}`;
  return (
    <section aria-labelledby="documents-heading" className="space-y-3">
      <h2 id="documents-heading" className="text-lg font-semibold">
        {t("documents:links.heading")}
      </h2>
      <p className="text-sm text-stone-700">{t("documents:links.intro")}</p>
      <ul className="list-disc space-y-1 pl-6">
        <li>
          <a href={`${base}/export?format=xlsx`} className="link" download>
            {t("documents:links.xlsx")}
          </a>
        </li>
        <li>
          <a href={`${base}/export?format=csv`} className="link" download>
            {t("documents:links.csv")}
          </a>
        </li>
        {page.panels.map((p) => (
          <li key={p.id}>
            <a href={`${base}/minutes/${p.id}`} className="link" download>
              {t("documents:links.minutesOf", { panel: p.name })}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
