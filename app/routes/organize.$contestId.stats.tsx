// /organize/:contestId/stats: the contest's statistics for its staff. Organizers see
// participation and the judging of a round (?round=, by default the last one with a submitted
// sheet); secretaries see participation only (they know the authors and never see scores).
// Anyone else gets 404. Read only.
import { getFormProps, getSelectProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, useSchemaForm } from "#app/components/forms";
import { AgreementChart, COLORS, DeviationChart, HorizontalBars, JudgeBoxPlot, TimelineChart } from "#app/components/stats-charts";
import { requireUser } from "#app/modules/auth/session.server";
import { iccReading, type Icc1 } from "#app/modules/stats/agreement";
import { deviationReading } from "#app/modules/stats/judging";
import { requireStatsAccess } from "#app/modules/stats/policies.server";
import { statsQuerySchema } from "#app/modules/stats/stats.schema";
import { getContestStats, type ContestStats, type PanelStats, type RoundStats } from "#app/modules/stats/stats.server";
import { formatDay, formatNumber, formatPercent } from "#app/utils/format";
import { orNotFound } from "#app/utils/http.server";
import { isLanguage, type Language } from "#app/utils/i18n";
import { pageMeta } from "#app/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageMeta(matches, (t) => t("stats:title"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  const { scoring } = await requireStatsAccess(user, contestId);
  const submission = parseWithZod(new URL(request.url).searchParams, { schema: statsQuerySchema });
  const valid = submission.status === "success";
  const stats = orNotFound(await getContestStats({ contestId, scoring, roundId: valid && scoring ? (submission.value.round ?? null) : null }));
  if (!valid) {
    // An invalid query shows its error and no round, rather than a round it did not ask for.
    const body = { stats: { ...stats, scoring: stats.scoring ? { ...stats.scoring, round: null } : null }, result: submission.reply() };
    return data(body, { status: 400 });
  }
  return { stats, result: null };
}

type Stats = ContestStats;

/** Formatting in the reader's language: counts, decimals, shares. */
function useFormat() {
  const { t, i18n } = useTranslation();
  const lng: Language = isLanguage(i18n.language) ? i18n.language : "vi";
  const count = (v: number) => formatNumber(v, lng, 0);
  const decimal = (v: number, digits = 1) => formatNumber(v, lng, digits);
  const share = (part: number, whole: number) => formatPercent(whole > 0 ? part / whole : 0, lng, 1);
  return { t, lng, count, decimal, share };
}

const th = "p-2 text-left font-semibold";
const td = "whitespace-nowrap p-2 tabular-nums";

function Section({ id, heading, children }: { id: string; heading: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-4">
      <h2 id={id} className="text-xl font-semibold">
        {heading}
      </h2>
      {children}
    </section>
  );
}

function Figure({ id, heading, children }: { id: string; heading: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="card space-y-4">
      <h3 id={id} className="text-lg font-semibold">
        {heading}
      </h3>
      {children}
    </section>
  );
}

function Participation({ stats }: { stats: Stats }) {
  const { t, lng, count, share } = useFormat();
  const p = stats.participation;
  if (p.totals.received === 0) {
    return (
      <Section id="participation-heading" heading={t("stats:participation.heading")}>
        <p>{t("stats:participation.empty")}</p>
      </Section>
    );
  }
  const statusSeries = [
    { key: "eligible", label: t("stats:participation.eligible"), color: COLORS.eligible },
    { key: "awaiting", label: t("stats:participation.awaiting"), color: COLORS.awaiting },
    { key: "disqualified", label: t("stats:participation.disqualified"), color: COLORS.disqualified },
  ] as const;
  const peak = p.timeline.days.reduce<(typeof p.timeline.days)[number] | null>((best, d) => (!best || d.count > best.count ? d : best), null);
  return (
    <Section id="participation-heading" heading={t("stats:participation.heading")}>
      <dl className="card grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]" data-testid="participation-totals">
        {(["received", "eligible", "awaiting", "disqualified", "withdrawn", "drafts"] as const).map((key) => (
          <div key={key} className="contents">
            <dt className="font-medium">{t(`stats:participation.${key}`)}</dt>
            <dd className="tabular-nums">{count(p.totals[key])}</dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-stone-700">{t("stats:participation.receivedNote")}</p>

      <Figure id="categories-heading" heading={t("stats:categories.heading")}>
        <HorizontalBars
          name={t("stats:categories.chart")}
          testId="chart-categories"
          rows={p.categories.map((c) => ({ name: c.name, eligible: c.eligible, awaiting: c.awaiting, disqualified: c.disqualified }))}
          series={statusSeries}
          stacked
          lng={lng}
        />
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm">
            <caption className="sr-only">{t("stats:categories.caption")}</caption>
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className={th}>{t("stats:categories.category")}</th>
                <th scope="col" className={th}>{t("stats:participation.received")}</th>
                {statusSeries.map((s) => (
                  <th key={s.key} scope="col" className={th}>{s.label}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {p.categories.map((c) => (
                <tr key={c.categoryId} className="border-b border-stone-200">
                  <th scope="row" className={th}>{c.name}</th>
                  <td className={td}>{count(c.received)}</td>
                  <td className={td}>{count(c.eligible)}</td>
                  <td className={td}>{count(c.awaiting)}</td>
                  <td className={td}>{count(c.disqualified)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" className={th}>{t("stats:categories.total")}</th>
                <td className={`${td} font-semibold`}>{count(p.totals.received)}</td>
                <td className={`${td} font-semibold`}>{count(p.totals.eligible)}</td>
                <td className={`${td} font-semibold`}>{count(p.totals.awaiting)}</td>
                <td className={`${td} font-semibold`}>{count(p.totals.disqualified)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </Figure>

      <Figure id="units-heading" heading={t("stats:units.heading")}>
        <p className="text-sm text-stone-700">{t("stats:units.summary", { units: count(p.units.units), withoutUnit: count(p.units.withoutUnit) })}</p>
        {p.units.top.length > 0 ? (
          <>
            <HorizontalBars
              name={t("stats:units.chart")}
              testId="chart-units"
              rows={p.units.top.map((u) => ({ name: u.label, entries: u.entries }))}
              series={[{ key: "entries", label: t("stats:units.entries"), color: COLORS.main }]}
              lng={lng}
            />
            <div className="overflow-x-auto">
              <table className="w-full border-collapse text-sm">
                <caption className="sr-only">{t("stats:units.caption")}</caption>
                <thead>
                  <tr className="border-b border-stone-300">
                    <th scope="col" className={th}>{t("stats:units.unit")}</th>
                    <th scope="col" className={th}>{t("stats:units.entries")}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.units.top.map((u) => (
                    <tr key={u.key} className="border-b border-stone-200">
                      <th scope="row" className={th}>{u.label}</th>
                      <td className={td}>{count(u.entries)}</td>
                    </tr>
                  ))}
                  {p.units.others.units > 0 ? (
                    <tr className="border-b border-stone-200">
                      <th scope="row" className={`${th} italic`}>{t("stats:units.others", { units: count(p.units.others.units) })}</th>
                      <td className={td}>{count(p.units.others.entries)}</td>
                    </tr>
                  ) : null}
                </tbody>
              </table>
            </div>
          </>
        ) : null}
        <p className="text-sm text-stone-700">{t("stats:units.note")}</p>
      </Figure>

      <Figure id="days-heading" heading={t("stats:days.heading")}>
        {peak ? <p>{t("stats:days.peak", { day: formatDay(peak.day, lng), entries: count(peak.count) })}</p> : null}
        {p.surge ? (
          <p>
            {t("stats:days.surge", {
              lastDay: count(p.surge.lastDay),
              lastDayShare: share(p.surge.lastDay, p.surge.total),
              lastThreeDays: count(p.surge.lastThreeDays),
              lastThreeDaysShare: share(p.surge.lastThreeDays, p.surge.total),
              lastWeek: count(p.surge.lastWeek),
              lastWeekShare: share(p.surge.lastWeek, p.surge.total),
            })}
            {p.surge.late > 0 ? ` ${t("stats:days.late", { entries: count(p.surge.late) })}` : null}
          </p>
        ) : null}
        <TimelineChart
          name={t("stats:days.perDayChart")}
          testId="chart-per-day"
          days={p.timeline.days}
          deadlineDay={p.timeline.deadlineDay}
          deadlineLabel={t("stats:days.deadline")}
          seriesLabel={t("stats:days.count")}
          cumulative={false}
          lng={lng}
        />
        <TimelineChart
          name={t("stats:days.cumulativeChart")}
          testId="chart-cumulative"
          days={p.timeline.days}
          deadlineDay={p.timeline.deadlineDay}
          deadlineLabel={t("stats:days.deadline")}
          seriesLabel={t("stats:days.cumulative")}
          cumulative
          lng={lng}
        />
        <details className="space-y-2">
          <summary className="link cursor-pointer">{t("stats:days.show")}</summary>
          <div className="max-h-96 overflow-auto">
            <table className="w-full border-collapse text-sm">
              <caption className="sr-only">{t("stats:days.caption", { timeZone: stats.contest.timeZone })}</caption>
              <thead>
                <tr className="border-b border-stone-300">
                  <th scope="col" className={th}>{t("stats:days.day")}</th>
                  <th scope="col" className={th}>{t("stats:days.count")}</th>
                  <th scope="col" className={th}>{t("stats:days.cumulative")}</th>
                </tr>
              </thead>
              <tbody>
                {p.timeline.days.map((d) => (
                  <tr key={d.day} className="border-b border-stone-200" data-day={d.day}>
                    <th scope="row" className={`${th} font-normal`}>
                      {formatDay(d.day, lng)}
                      {d.day === p.timeline.deadlineDay ? <span className="ml-2 text-xs font-semibold text-brand-700">({t("stats:days.deadlineMark")})</span> : null}
                    </th>
                    <td className={td}>{count(d.count)}</td>
                    <td className={td}>{count(d.cumulative)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </Figure>
    </Section>
  );
}

function PanelJudges({ panel, round }: { panel: PanelStats; round: RoundStats }) {
  const { t, lng, count, decimal } = useFormat();
  const id = `judges-${panel.panelId}`;
  if (panel.judges.length === 0) {
    return (
      <Figure id={id} heading={panel.name}>
        <p>{t("stats:judges.noSheets")}</p>
      </Figure>
    );
  }
  const signed = (v: number) => (v > 0 ? `+${decimal(v)}` : decimal(v));
  return (
    <Figure id={id} heading={panel.name}>
      <div className="grid gap-4 xl:grid-cols-2">
        <JudgeBoxPlot
          name={t("stats:judges.boxChart", { panel: panel.name })}
          testId={`chart-box-${panel.panelId}`}
          rows={panel.judges.map((j) => ({ name: j.name, min: j.totals.min, q1: j.totals.q1, median: j.totals.median, q3: j.totals.q3, max: j.totals.max, mean: j.totals.mean }))}
          scaleMax={round.scaleMax}
          lng={lng}
        />
        <DeviationChart
          name={t("stats:judges.deviationChart", { panel: panel.name })}
          testId={`chart-deviation-${panel.panelId}`}
          rows={panel.judges.map((j) => ({
            name: j.name,
            deviation: j.deviation?.mean ?? 0,
            error: j.deviation?.ci ? (j.deviation.ci[1] - j.deviation.ci[0]) / 2 : null,
          }))}
          lng={lng}
          harshLabel={t("stats:judges.legendHarsh")}
          lenientLabel={t("stats:judges.legendLenient")}
        />
      </div>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">{t("stats:judges.caption", { panel: panel.name })}</caption>
          <thead>
            <tr className="border-b border-stone-300">
              <th scope="col" className={th}>{t("stats:judges.judge")}</th>
              <th scope="col" className={th}>{t("stats:judges.sheets")}</th>
              <th scope="col" className={th}>{t("stats:judges.mean")}</th>
              <th scope="col" className={th}>{t("stats:judges.median")}</th>
              <th scope="col" className={th}>{t("stats:judges.quartiles")}</th>
              <th scope="col" className={th}>{t("stats:judges.extremes")}</th>
              <th scope="col" className={th}>{t("stats:judges.deviation")}</th>
              <th scope="col" className={th}>{t("stats:judges.interval")}</th>
              <th scope="col" className={th}>{t("stats:judges.compared")}</th>
              <th scope="col" className={th}>{t("stats:judges.reading")}</th>
            </tr>
          </thead>
          <tbody>
            {panel.judges.map((j) => {
              const reading = deviationReading(j.deviation);
              return (
                <tr key={j.judgeId} className="border-b border-stone-200">
                  <th scope="row" className={th}>{j.name}</th>
                  <td className={td}>{count(j.totals.count)}</td>
                  <td className={td}>{decimal(j.totals.mean)}</td>
                  <td className={td}>{decimal(j.totals.median)}</td>
                  <td className={td}>{t("stats:range", { from: decimal(j.totals.q1), to: decimal(j.totals.q3) })}</td>
                  <td className={td}>{t("stats:range", { from: decimal(j.totals.min), to: decimal(j.totals.max) })}</td>
                  <td className={td}>{j.deviation ? signed(j.deviation.mean) : t("stats:none")}</td>
                  <td className={td}>{j.deviation?.ci ? t("stats:range", { from: signed(j.deviation.ci[0]), to: signed(j.deviation.ci[1]) }) : t("stats:none")}</td>
                  <td className={td}>{count(j.deviation?.entries ?? 0)}</td>
                  <td className="p-2">{t(reading === "notEnough" ? "stats:notEnough" : `stats:judges.${reading}`)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Figure>
  );
}

function AgreementRow({ name, entries, icc, w, block }: { name: string; entries: number; icc: Icc1 | null; w: string | null; block: string | null }) {
  const { t, count, decimal } = useFormat();
  return (
    <tr className="border-b border-stone-200">
      <th scope="row" className={th}>{name}</th>
      <td className={td}>{count(entries)}</td>
      <td className={td}>{icc ? decimal(icc.single, 2) : t("stats:notEnough")}</td>
      <td className={td}>{icc ? t("stats:range", { from: decimal(icc.singleCi[0], 2), to: decimal(icc.singleCi[1], 2) }) : t("stats:none")}</td>
      <td className={td}>{icc?.average != null ? decimal(icc.average, 2) : t("stats:none")}</td>
      <td className={td}>{w ?? t("stats:notEnough")}</td>
      <td className={td}>{block ?? t("stats:none")}</td>
      <td className="p-2">{icc ? t(`stats:agreement.${iccReading(icc.single)}`) : t("stats:none")}</td>
    </tr>
  );
}

function Judging({ scoring }: { scoring: NonNullable<Stats["scoring"]> }) {
  const { t, lng, count, decimal, share } = useFormat();
  const { result } = useLoaderData<typeof loader>();
  const [form, fields] = useSchemaForm("stats-round", statsQuerySchema, result);
  const round = scoring.round;
  return (
    <Section id="judging-heading" heading={t("stats:judging.heading")}>
      {scoring.rounds.length === 0 ? (
        <p>{t("stats:judging.noRounds")}</p>
      ) : (
        <Form method="get" {...getFormProps(form)} className="flex flex-wrap items-end gap-3">
          <FormErrors errors={form.errors} />
          <div className="min-w-64">
            <SelectField
              label={t("stats:judging.round")}
              errors={fields.round.errors}
              selectProps={{ ...getSelectProps(fields.round), defaultValue: round?.id ?? scoring.rounds[0]?.id }}
              options={scoring.rounds.map((r) => ({ value: r.id, label: r.name }))}
            />
          </div>
          <button type="submit" className="btn-secondary">
            {t("stats:judging.show")}
          </button>
        </Form>
      )}
      {round ? (
        <>
          <p data-testid="judging-summary">
            {t("stats:judging.summary", { submitted: count(round.submitted), assigned: count(round.assigned), entries: count(round.entriesScored) })}{" "}
            <span className="text-sm text-stone-700">{t("stats:judging.basis", { max: formatNumber(round.scaleMax, lng) })}</span>
          </p>
          {round.submitted === 0 ? (
            <p>{t("stats:judging.noSheets")}</p>
          ) : (
            <>
              <section aria-labelledby="judges-heading" className="space-y-4">
                <h3 id="judges-heading" className="text-lg font-semibold">
                  {t("stats:judges.heading")}
                </h3>
                <p className="text-sm text-stone-700">{t("stats:judges.help")}</p>
                <p className="text-sm text-stone-700">{t("stats:judges.deviationHelp")}</p>
                {round.panels.map((panel) => (
                  <PanelJudges key={panel.panelId} panel={panel} round={round} />
                ))}
              </section>

              <Figure id="criteria-heading" heading={t("stats:criteria.heading")}>
                <p className="text-sm text-stone-700">{t("stats:criteria.help")}</p>
                <HorizontalBars
                  name={t("stats:criteria.chart")}
                  testId="chart-criteria"
                  rows={round.criteria.map((c) => ({ name: c.name, share: c.share === null ? 0 : c.share * 100 }))}
                  series={[{ key: "share", label: t("stats:criteria.share"), color: COLORS.main }]}
                  percent
                  lng={lng}
                />
                <div className="overflow-x-auto">
                  <table className="w-full border-collapse text-sm">
                    <caption className="sr-only">{t("stats:criteria.caption")}</caption>
                    <thead>
                      <tr className="border-b border-stone-300">
                        <th scope="col" className={th}>{t("stats:criteria.criterion")}</th>
                        <th scope="col" className={th}>{t("stats:criteria.max")}</th>
                        <th scope="col" className={th}>{t("stats:criteria.mean")}</th>
                        <th scope="col" className={th}>{t("stats:criteria.share")}</th>
                        <th scope="col" className={th}>{t("stats:criteria.count")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {round.criteria.map((c) => (
                        <tr key={c.criterionId} className="border-b border-stone-200">
                          <th scope="row" className={th}>{c.name}</th>
                          <td className={td}>{formatNumber(c.maxPoints, lng)}</td>
                          <td className={td}>{c.mean === null ? t("stats:none") : decimal(c.mean, 2)}</td>
                          <td className={td}>{c.mean === null ? t("stats:none") : share(c.mean, c.maxPoints)}</td>
                          <td className={td}>{count(c.count)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </Figure>

              <Figure id="agreement-heading" heading={t("stats:agreement.heading")}>
                <p className="text-sm text-stone-700">{t("stats:agreement.help")}</p>
                <p className="text-sm text-stone-700">{t("stats:agreement.scale")}</p>
                <AgreementChart
                  name={t("stats:agreement.chart")}
                  testId="chart-agreement"
                  rows={round.panels.map((p) => ({
                    name: p.name,
                    icc: p.agreement.icc?.single ?? null,
                    iccError: p.agreement.icc ? [p.agreement.icc.single - p.agreement.icc.singleCi[0], p.agreement.icc.singleCi[1] - p.agreement.icc.single] : null,
                    w: p.agreement.w?.w ?? null,
                  }))}
                  lng={lng}
                  iccLabel={t("stats:agreement.icc")}
                  wLabel={t("stats:agreement.w")}
                />
                <div className="overflow-x-auto">
                  <table className="w-full border-collapse text-sm">
                    <caption className="sr-only">{t("stats:agreement.caption")}</caption>
                    <thead>
                      <tr className="border-b border-stone-300">
                        <th scope="col" className={th}>{t("stats:agreement.panel")}</th>
                        <th scope="col" className={th}>{t("stats:agreement.entries")}</th>
                        <th scope="col" className={th}>{t("stats:agreement.icc")}</th>
                        <th scope="col" className={th}>{t("stats:agreement.interval")}</th>
                        <th scope="col" className={th}>{t("stats:agreement.average")}</th>
                        <th scope="col" className={th}>{t("stats:agreement.w")}</th>
                        <th scope="col" className={th}>{t("stats:agreement.block")}</th>
                        <th scope="col" className={th}>{t("stats:agreement.reading")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {round.panels.map((p) => (
                        <AgreementRow
                          key={p.panelId}
                          name={p.name}
                          entries={p.agreement.entriesShared}
                          icc={p.agreement.icc}
                          w={p.agreement.w ? decimal(p.agreement.w.w, 2) : null}
                          block={p.agreement.w ? t("stats:agreement.blockOf", { judges: count(p.agreement.w.judges), entries: count(p.agreement.w.entries) }) : null}
                        />
                      ))}
                    </tbody>
                    <tfoot>
                      <AgreementRow
                        name={t("stats:agreement.wholeRound")}
                        entries={round.agreement?.entries ?? round.panels.reduce((s, p) => s + p.agreement.entriesShared, 0)}
                        icc={round.agreement}
                        w={t("stats:agreement.notApplicable")}
                        block={null}
                      />
                    </tfoot>
                  </table>
                </div>
              </Figure>
            </>
          )}
        </>
      ) : null}
    </Section>
  );
}

export default function ContestStatsPage() {
  const { stats } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="space-y-10">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{t("stats:heading")}</h1>
        <p className="text-stone-700">{t("stats:intro")}</p>
      </div>
      <Participation stats={stats} />
      {stats.scoring ? <Judging scoring={stats.scoring} /> : null}
    </div>
  );
}
