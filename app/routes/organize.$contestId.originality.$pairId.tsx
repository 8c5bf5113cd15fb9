// /organize/:contestId/originality/:pairId: two similar entries side by side for the contest's
// staff: the passages they share, aligned, then both texts with the passages highlighted and
// numbered. Anyone else, and a pair of another contest, gets 404.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "#app/modules/auth/session.server";
import { requireContestStaff } from "#app/modules/contests/policies.server";
import { EXCERPT_WORDS } from "#app/modules/entries/originality.schema";
import { getSimilarityPair, type PairSide } from "#app/modules/entries/originality.server";
import { formatDateTime, formatPercent } from "#app/utils/format";
import { orNotFound } from "#app/utils/http.server";
import { isLanguage, type Language } from "#app/utils/i18n";
import { pageMeta } from "#app/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageMeta(matches, (t) => t("originality:compare.title"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireContestStaff(user, contestId);
  return { pair: orNotFound(await getSimilarityPair(contestId, params.pairId ?? "")) };
}

type Side = "entry" | "other";

function SideFacts({ side, which, lng }: { side: PairSide; which: Side; lng: Language }) {
  const { t } = useTranslation();
  const code = side.code ?? t("originality:noCode");
  return (
    <div className="card space-y-2" data-testid={`side-${which}`}>
      <h3 className="font-semibold">
        <span className="font-mono">{code}</span> – {side.title}
      </h3>
      <p className="text-sm text-stone-700">
        {side.contestTitle ? t("originality:compare.earlierContest", { contest: side.contestTitle }) : t("originality:compare.thisContest")}
      </p>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="font-medium">{t("originality:compare.share")}</dt>
        <dd>{formatPercent(side.share, lng)}</dd>
        <dt className="font-medium">{t("originality:compare.words")}</dt>
        <dd>{side.words}</dd>
        <dt className="font-medium">{t("originality:compare.version")}</dt>
        <dd>{side.versionNumber !== null ? t("originality:compare.versionNumber", { number: side.versionNumber }) : "—"}</dd>
      </dl>
      {side.versionNumber === null ? (
        <p className="text-sm text-amber-900">{t("originality:compare.missing")}</p>
      ) : !side.current ? (
        <p className="text-sm text-amber-900">{t("originality:compare.notCurrent", { number: side.versionNumber })}</p>
      ) : null}
    </div>
  );
}

function FullText({ side, which }: { side: PairSide; which: Side }) {
  const { t } = useTranslation();
  const code = side.code ?? t("originality:noCode");
  const seen = new Set<number>();
  const label = t("originality:compare.textOf", { code });
  return (
    <section aria-label={label} className="min-w-0">
      <h3 className="mb-2 font-semibold">{label}</h3>
      <div className="space-y-3 rounded-lg border border-stone-200 bg-white p-4 leading-relaxed" data-testid={`text-${which}`}>
        {side.paragraphs.map((paragraph, i) => (
          <p key={i} className="whitespace-pre-line">
            {paragraph.map((segment, j) => {
              if (segment.passage === null) return <span key={j}>{segment.text}</span>;
              const first = !seen.has(segment.passage);
              seen.add(segment.passage);
              return (
                <mark key={j} id={first ? `${which}-p${segment.passage}` : undefined} className="rounded-sm bg-amber-200 text-stone-900" data-passage={segment.passage}>
                  {first ? (
                    <>
                      <span className="sr-only">{t("originality:compare.passage", { n: segment.passage })}: </span>
                      <sup aria-hidden="true" className="mr-0.5 font-semibold text-brand-800">
                        {segment.passage}
                      </sup>
                    </>
                  ) : null}
                  {segment.text}
                </mark>
              );
            })}
          </p>
        ))}
      </div>
    </section>
  );
}

export default function ComparePair() {
  const { pair } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = isLanguage(i18n.language) ? i18n.language : "vi";
  const entryCode = pair.entry.code ?? t("originality:noCode");
  const otherCode = pair.other.code ?? t("originality:noCode");
  return (
    <div className="space-y-6">
      <Link to={`/organize/${pair.contest.id}/originality`} className="link text-sm">
        {t("originality:compare.back")}
      </Link>
      <h1 className="text-2xl font-bold">{t("originality:compare.heading")}</h1>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1">
        <dt className="font-medium">{t("originality:compare.score")}</dt>
        <dd className="font-semibold" data-testid="pair-score">
          {formatPercent(pair.score, lng)}
        </dd>
        <dt className="font-medium">{t("originality:compare.computedAt")}</dt>
        <dd>{formatDateTime(pair.computedAt, lng, pair.contest.timeZone)}</dd>
      </dl>

      <section aria-labelledby="sides-heading" className="space-y-3">
        <h2 id="sides-heading" className="text-lg font-semibold">
          {t("originality:compare.sides")}
        </h2>
        <div className="grid gap-4 md:grid-cols-2">
          <SideFacts side={pair.entry} which="entry" lng={lng} />
          <SideFacts side={pair.other} which="other" lng={lng} />
        </div>
      </section>

      <section aria-labelledby="passages-heading" className="space-y-3">
        <h2 id="passages-heading" className="text-lg font-semibold">
          {t("originality:compare.passages")}
        </h2>
        {pair.passages.length === 0 ? (
          <p>{t("originality:compare.noPassages")}</p>
        ) : (
          <>
            <p className="text-sm text-stone-700">{t("originality:compare.excerptNote", { words: EXCERPT_WORDS })}</p>
            <div className="overflow-x-auto">
              <table className="w-full table-fixed border-collapse bg-white text-left text-sm">
                <thead>
                  <tr className="border-b border-stone-300">
                    <th scope="col" className="w-20 p-2">{t("originality:compare.passageColumn")}</th>
                    <th scope="col" className="p-2 font-mono">{entryCode}</th>
                    <th scope="col" className="p-2 font-mono">{otherCode}</th>
                    <th scope="col" className="w-20 p-2">{t("originality:compare.passageWords")}</th>
                  </tr>
                </thead>
                <tbody>
                  {pair.passages.map((p) => (
                    <tr key={p.n} className="border-b border-stone-200 align-top">
                      <th scope="row" className="p-2 font-semibold">
                        {p.n}
                      </th>
                      <td className="p-2">
                        <blockquote className="border-l-4 border-amber-300 pl-2">{p.entry}</blockquote>
                        <a href={`#entry-p${p.n}`} className="link mt-1 inline-block text-xs">
                          {t("originality:compare.showInText", { n: p.n, code: entryCode })}
                        </a>
                      </td>
                      <td className="p-2">
                        <blockquote className="border-l-4 border-amber-300 pl-2">{p.other}</blockquote>
                        <a href={`#other-p${p.n}`} className="link mt-1 inline-block text-xs">
                          {t("originality:compare.showInText", { n: p.n, code: otherCode })}
                        </a>
                      </td>
                      <td className="p-2">{p.words}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <section aria-labelledby="texts-heading" className="space-y-3">
        <h2 id="texts-heading" className="text-lg font-semibold">
          {t("originality:compare.texts")}
        </h2>
        <div className="grid gap-4 md:grid-cols-2">
          <FullText side={pair.entry} which="entry" />
          <FullText side={pair.other} which="other" />
        </div>
      </section>
    </div>
  );
}
