// The judge's scoresheet as the rubric builder previews it: each criterion with its description
// and level descriptors, a score input that respects the maximum and the step, and the running
// total (app/modules/rubrics/preview.ts, which leaves the arithmetic to scoresheetTotal).
// Nothing here is submitted: the inputs have no name and sit outside any form.
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { previewTotal, type PreviewCriterion } from "#app/modules/rubrics/preview";
import { formatNumber } from "#app/utils/format";
import { isLanguage } from "#app/utils/i18n";

export function RubricPreview({ criteria }: { criteria: readonly PreviewCriterion[] }) {
  const { t, i18n } = useTranslation();
  const lng = isLanguage(i18n.language) ? i18n.language : "vi";
  const id = useId();
  const [typed, setTyped] = useState<Record<string, string>>({});
  const { total, scale, problems } = previewTotal(criteria, typed);
  const num = (n: number) => (Number.isFinite(n) ? formatNumber(n, lng) : "?");
  return (
    <section aria-labelledby={`${id}-heading`} className="card space-y-4">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {t("rubrics:preview.heading")}
      </h2>
      <p className="text-sm text-stone-700">{t("rubrics:preview.intro")}</p>
      <ol className="space-y-5">
        {criteria.map((c, i) => {
          const name = c.name || t("rubrics:preview.unnamed");
          const inputId = `${id}-score-${i}`;
          const problem = problems[c.key];
          const validStep = Number.isFinite(c.step) && c.step > 0;
          return (
            <li key={c.key} className="space-y-2 border-b border-stone-200 pb-4 last:border-b-0">
              <h3 className="font-semibold">
                {i + 1}. {name}
              </h3>
              {c.description ? <p className="text-sm text-stone-700">{c.description}</p> : null}
              {c.weight !== 1 && Number.isFinite(c.weight) ? (
                <p className="text-sm text-stone-700">{t("rubrics:preview.weight", { weight: num(c.weight) })}</p>
              ) : null}
              {c.levels.length ? (
                <dl className="grid grid-cols-[max-content_1fr] gap-x-3 text-sm">
                  {c.levels.map((l, j) => (
                    <div key={j} className="contents">
                      <dt className="text-stone-700">{t("rubrics:preview.levelRange", { from: num(l.from), to: num(l.to) })}</dt>
                      <dd>{l.label}</dd>
                    </div>
                  ))}
                </dl>
              ) : null}
              <div className="space-y-1">
                <label htmlFor={inputId} className="block text-sm font-medium">
                  {t("rubrics:preview.score", { name })}
                </label>
                <input
                  id={inputId}
                  type="number"
                  inputMode="decimal"
                  min={0}
                  max={Number.isFinite(c.maxPoints) ? c.maxPoints : undefined}
                  step={validStep ? c.step : "any"}
                  value={typed[c.key] ?? ""}
                  onChange={(e) => setTyped((prev) => ({ ...prev, [c.key]: e.target.value }))}
                  className="input w-32"
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={`${inputId}-range${problem ? ` ${inputId}-problem` : ""}`}
                />
                <p id={`${inputId}-range`} className="text-sm text-stone-600">
                  {t("rubrics:preview.range", { max: num(c.maxPoints), step: num(c.step) })}
                </p>
                {problem ? (
                  <p id={`${inputId}-problem`} className="text-sm text-red-800">
                    {t(`rubrics:preview.problems.${problem}`, { max: num(c.maxPoints), step: num(c.step) })}
                  </p>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
      <p aria-live="polite" aria-atomic="true" className="rounded-md bg-stone-100 p-3 text-lg font-semibold">
        {total !== null && scale !== null ? t("rubrics:preview.total", { total: num(total), scale: num(scale) }) : t("rubrics:preview.totalUnknown")}
      </p>
    </section>
  );
}
