// /judge/desk: the judge's desk. Every round and panel the judge sits on in the contests they
// judge, with the deadline, a progress bar, the assigned entries by anonymous code and (masked)
// title with their state, the next entry to read, and the entries they recused from. Nothing else
// of a contest. For unrevoked judges (anyone else: 403; signed out: 403).
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "#app/components/notice";
import { requireUser } from "#app/modules/auth/session.server";
import { requireJudge } from "#app/modules/scoring/policies.server";
import { getJudgeDesk, type DeskItem, type DeskPanel } from "#app/modules/scoring/scoresheets.server";
import { formatDateTime, formatNumber } from "#app/utils/format";
import { isLanguage, type Language } from "#app/utils/i18n";
import { pageMeta } from "#app/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t("scoring:desk.title"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await requireJudge(user);
  const desk = await getJudgeDesk(user.id);
  // After a recusal the recusal page comes back here with the assignment's id; the notice names
  // the entry only if it is one of this judge's recusals.
  const recusedId = new URL(request.url).searchParams.get("recused");
  const recused = recusedId
    ? (desk.contests.flatMap((c) => c.rounds.flatMap((r) => r.panels.flatMap((p) => p.recused))).find((r) => r.assignmentId === recusedId) ?? null)
    : null;
  return { desk, recusedCode: recused?.anonymousCode ?? null };
}

const sheetPath = (assignmentId: string) => `/judge/sheets/${assignmentId}`;

const STATE_STYLE: Record<DeskItem["state"], string> = {
  notStarted: "bg-stone-100 text-stone-800",
  draft: "bg-amber-100 text-amber-900",
  submitted: "bg-green-100 text-green-900",
  onHold: "bg-red-50 text-red-900",
};

function ItemRow({ item }: { item: DeskItem }) {
  const { t, i18n } = useTranslation();
  const lng: Language = isLanguage(i18n.language) ? i18n.language : "vi";
  const openLabel = item.state === "onHold" ? null : t(`scoring:desk.open.${item.state}`);
  return (
    <tr className="border-b border-stone-200 align-top">
      <th scope="row" className="whitespace-nowrap p-2 text-left font-mono font-semibold">
        {item.anonymousCode}
      </th>
      <td className="p-2">{item.title ?? <span className="text-stone-600">{t("scoring:desk.noTitle")}</span>}</td>
      <td className="p-2">{item.category}</td>
      <td className="p-2">
        <span className={`inline-block rounded px-2 py-0.5 text-sm ${STATE_STYLE[item.state]}`}>{t(`scoring:desk.states.${item.state}`)}</span>
      </td>
      <td className="whitespace-nowrap p-2 text-right tabular-nums">{item.total !== null && item.state !== "notStarted" ? formatNumber(item.total, lng) : ""}</td>
      <td className="p-2">
        <div className="flex flex-wrap gap-2">
          {openLabel ? (
            <Link to={sheetPath(item.assignmentId)} className="btn-secondary" aria-label={`${openLabel}: ${item.anonymousCode}`}>
              {openLabel}
            </Link>
          ) : null}
          {item.canRecuse ? (
            <Link to={`${sheetPath(item.assignmentId)}/recuse`} className="link self-center text-sm" aria-label={`${t("scoring:desk.recuse")}: ${item.anonymousCode}`}>
              {t("scoring:desk.recuse")}
            </Link>
          ) : null}
        </div>
      </td>
    </tr>
  );
}

function PanelSection({ panel }: { panel: DeskPanel }) {
  const { t } = useTranslation();
  const headingId = `panel-${panel.id}`;
  const { counts } = panel;
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h4 id={headingId} className="text-lg font-semibold">
          {panel.name}
        </h4>
        {panel.isChair ? (
          <>
            <span className="rounded bg-brand-50 px-2 py-0.5 text-sm text-brand-800">{t("scoring:desk.chair")}</span>
            <Link to={`/judge/panels/${panel.id}`} className="link text-sm">
              {t("scoring:desk.chairView")}
            </Link>
          </>
        ) : null}
      </div>
      {panel.items.length === 0 ? (
        <p className="text-stone-700">{t("scoring:desk.noAssignments")}</p>
      ) : (
        <>
          <div className="space-y-1">
            <div className="flex flex-wrap justify-between gap-2 text-sm">
              <span id={`${headingId}-progress`} className="font-medium">
                {t("scoring:desk.progress", { submitted: counts.submitted, assigned: counts.assigned })}
              </span>
              <span className="text-stone-700">{t("scoring:desk.progressDetail", { draft: counts.draft, notStarted: counts.notStarted })}</span>
            </div>
            <progress
              className="h-3 w-full accent-brand-700"
              value={counts.submitted}
              max={Math.max(1, counts.assigned)}
              aria-label={t("scoring:desk.progressLabel", { panel: panel.name })}
              aria-describedby={`${headingId}-progress`}
            />
            {counts.onHold > 0 ? <p className="text-sm text-red-900">{t("scoring:desk.onHold", { count: counts.onHold })}</p> : null}
          </div>
          {panel.next ? (
            <p>
              <Link to={sheetPath(panel.next.assignmentId)} className="link">
                {t("scoring:desk.nextLink")}: {panel.next.anonymousCode}
              </Link>
            </p>
          ) : null}
          <div className="overflow-x-auto">
            <table className="w-full border-collapse bg-white text-left text-sm">
              <caption className="sr-only">{t("scoring:desk.caption", { panel: panel.name })}</caption>
              <thead>
                <tr className="border-b border-stone-300">
                  <th scope="col" className="p-2">{t("scoring:desk.columns.code")}</th>
                  <th scope="col" className="p-2">{t("scoring:desk.columns.title")}</th>
                  <th scope="col" className="p-2">{t("scoring:desk.columns.category")}</th>
                  <th scope="col" className="p-2">{t("scoring:desk.columns.state")}</th>
                  <th scope="col" className="p-2 text-right">{t("scoring:desk.columns.total")}</th>
                  <th scope="col" className="p-2">{t("scoring:desk.columns.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {panel.items.map((item) => (
                  <ItemRow key={item.assignmentId} item={item} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {panel.recused.length ? (
        <div className="space-y-1">
          <h5 className="font-medium">{t("scoring:desk.recused.heading")}</h5>
          <ul className="list-inside list-disc text-sm text-stone-800">
            {panel.recused.map((r) => (
              <li key={r.assignmentId}>{t("scoring:desk.recused.item", { code: r.anonymousCode, reason: r.reason })}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

export default function JudgeDeskPage() {
  const { desk, recusedCode } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng: Language = isLanguage(i18n.language) ? i18n.language : "vi";
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{t("scoring:desk.heading")}</h1>
        <p className="text-stone-700">{t("scoring:desk.intro")}</p>
        <p>
          <Link to="/judge" className="link">
            {t("judge:heading")}
          </Link>
        </p>
      </div>
      {recusedCode ? <Notice>{t("scoring:desk.recusedNotice", { code: recusedCode })}</Notice> : null}
      {desk.contests.some((c) => c.judging) ? (
        desk.next ? (
          <p className="card flex flex-wrap items-center justify-between gap-3">
            <span>{t("scoring:desk.next", { code: desk.next.anonymousCode, round: desk.next.round, panel: desk.next.panel })}</span>
            <Link to={sheetPath(desk.next.assignmentId)} className="btn-primary">
              {t("scoring:desk.nextLink")}
            </Link>
          </p>
        ) : (
          <p className="card">{t("scoring:desk.allDone")}</p>
        )
      ) : null}
      {desk.contests.map((contest) => {
        const headingId = `contest-${contest.id}`;
        return (
          <section key={contest.id} aria-labelledby={headingId} className="card space-y-6">
            <h2 id={headingId} className="text-xl font-semibold">
              {contest.title}
            </h2>
            {!contest.judging ? (
              <p className="text-stone-700">{t("scoring:desk.notJudging", { phase: t(`organize:phase.${contest.phase}`) })}</p>
            ) : contest.rounds.length === 0 ? (
              <p className="text-stone-700">{t("scoring:desk.noPanels")}</p>
            ) : (
              <>
                {contest.phase === "FINALIZING" ? <p className="text-stone-700">{t("scoring:desk.finalizing")}</p> : null}
                {contest.rounds.map((round) => (
                  <section key={round.id} aria-labelledby={`round-${round.id}`} className="space-y-4 border-t border-stone-200 pt-4">
                    <div>
                      <h3 id={`round-${round.id}`} className="text-lg font-semibold">
                        {round.name}
                      </h3>
                      <p className={`text-sm ${round.deadlinePassed ? "text-red-900" : "text-stone-700"}`}>
                        {round.deadline
                          ? round.deadlinePassed
                            ? t("scoring:desk.deadlinePassed", { date: formatDateTime(round.deadline, lng, contest.timeZone) })
                            : t("scoring:desk.deadline", { date: formatDateTime(round.deadline, lng, contest.timeZone) })
                          : t("scoring:desk.noDeadline")}
                      </p>
                    </div>
                    {round.panels.map((panel) => (
                      <PanelSection key={panel.id} panel={panel} />
                    ))}
                  </section>
                ))}
              </>
            )}
          </section>
        );
      })}
    </div>
  );
}
