// UI pieces of the results pages: a tie-break step in words, a score as people of the reader's
// language write it, and the winners table the publish preview and the public page share (so the
// organizer previews exactly what the public will read).
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { SnapshotWinner } from "#app/modules/rankings/snapshot.schema";
import type { TieBreakStep } from "#app/modules/rankings/tie-break.schema";
import { formatNumber } from "#app/utils/format";
import { isLanguage, type Language } from "#app/utils/i18n";

export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.language) ? i18n.language : "vi";
}

/** A tie-break step in the reader's words. */
export function useStepLabel() {
  const { t } = useTranslation();
  return (step: TieBreakStep) =>
    step.kind === "criterion" ? t("results:tieBreak.criterion", { name: step.name }) : step.kind === "topMarks" ? t("results:tieBreak.topMarks") : t("results:tieBreak.chair");
}

/** A score with two decimals ("82,33" in Vietnamese), or a dash. */
export function useScore() {
  const lng = useLanguage();
  return (value: number | null | undefined) => (value === null || value === undefined ? "—" : formatNumber(value, lng, 2));
}

/** A judge's severity with its sign ("+2,00", "−1,50", "0,00"), or a dash. */
export function useSigned() {
  const lng = useLanguage();
  return (value: number | null | undefined) => {
    if (value === null || value === undefined) return "—";
    const rounded = Math.round(value * 100) / 100;
    return `${rounded > 0 ? "+" : rounded < 0 ? "−" : ""}${formatNumber(Math.abs(rounded), lng, 2)}`;
  };
}

/** The authors of an entry with their units, one per line. */
export function AuthorList({ authors }: { authors: readonly { name: string; unit: string }[] }) {
  const { t } = useTranslation();
  return (
    <ul>
      {authors.map((a, i) => (
        <li key={`${a.name}-${i}`}>{a.unit ? t("results:table.authorUnit", { name: a.name, unit: a.unit }) : a.name}</li>
      ))}
    </ul>
  );
}

/** The winners of one category: prize, rank, entry code, title, authors, units, and scores when shown. */
export function WinnersTable({
  caption,
  winners,
  scores,
}: {
  caption: string;
  winners: readonly SnapshotWinner[];
  /** The scores to show (by entry id), or null when scores are not shown. */
  scores: Readonly<Record<string, number | null>> | null;
}) {
  const { t } = useTranslation();
  const score = useScore();
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse bg-white text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-stone-300">
            <th scope="col" className="p-2">{t("results:public.prize")}</th>
            <th scope="col" className="p-2">{t("results:public.rank")}</th>
            <th scope="col" className="p-2">{t("results:public.entryCode")}</th>
            <th scope="col" className="p-2">{t("results:public.entryTitle")}</th>
            <th scope="col" className="p-2">{t("results:public.authors")}</th>
            {scores ? <th scope="col" className="p-2 text-right">{t("results:public.score")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {winners.map((w) => (
            <tr key={w.entryId} className="border-b border-stone-200 align-top">
              <td className="p-2 font-semibold">{w.prize.name}</td>
              <td className="p-2">{w.rank}</td>
              <td className="p-2 font-mono">{w.entryCode}</td>
              <th scope="row" className="p-2 text-left font-medium">
                {w.title}
              </th>
              <td className="p-2">
                <AuthorList authors={w.authors} />
              </td>
              {scores ? <td className="p-2 text-right tabular-nums">{score(scores[w.entryId])}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The certificate verification form (GET /verify?code=…), on the results and verification pages. */
export function VerifyForm({ defaultValue = "", errorId }: { defaultValue?: string; errorId?: string }) {
  const { t } = useTranslation();
  return (
    <Form method="get" action="/verify" className="flex flex-wrap items-end gap-3">
      <div className="min-w-64 flex-1 space-y-1">
        <label htmlFor="certificate-code" className="block text-sm font-medium">
          {t("results:verify.code")}
        </label>
        <input
          id="certificate-code"
          name="code"
          required
          defaultValue={defaultValue}
          autoCapitalize="characters"
          spellCheck={false}
          aria-describedby={["certificate-code-help", errorId].filter(Boolean).join(" ")}
          aria-invalid={errorId ? true : undefined}
          className="input font-mono"
        />
        <p id="certificate-code-help" className="text-sm text-stone-600">
          {t("results:verify.codeHelp")}
        </p>
      </div>
      <button type="submit" className="btn-primary">
        {t("results:verify.submit")}
      </button>
    </Form>
  );
}
