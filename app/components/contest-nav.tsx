// The sections of a contest's back office (/organize/:contestId/...), one line each, and the
// roles that see them. Each section's own loader still checks its policy: this only hides links.
import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ContestRole } from "#app/generated/sqlite/enums";
import type organizeTexts from "#app/locales/vi/organize";

interface Section {
  /** Path below /organize/:contestId ("" is the overview). */
  path: string;
  /** Its label: a key in the "organize" namespace, under nav. */
  label: Exclude<keyof (typeof organizeTexts)["nav"], "label">;
  roles: readonly ContestRole[];
}

export const ORGANIZER: readonly ContestRole[] = ["ORGANIZER"];
export const STAFF: readonly ContestRole[] = ["ORGANIZER", "SECRETARY"];

export const CONTEST_SECTIONS: readonly Section[] = [
  { path: "", label: "overview", roles: ORGANIZER },
  { path: "settings", label: "settings", roles: ORGANIZER },
  { path: "categories", label: "categories", roles: ORGANIZER },
  { path: "team", label: "team", roles: ORGANIZER },
  { path: "rubrics", label: "rubrics", roles: ORGANIZER },
  { path: "conflicts", label: "conflicts", roles: STAFF },
  { path: "entries", label: "entries", roles: STAFF },
  { path: "originality", label: "originality", roles: STAFF },
  { path: "rounds", label: "rounds", roles: ORGANIZER },
  { path: "paper", label: "paper", roles: STAFF },
  { path: "results", label: "results", roles: ORGANIZER },
  { path: "stats", label: "stats", roles: STAFF },
  { path: "audit", label: "audit", roles: ORGANIZER },
];

/** Where a contest's back office opens for someone with these roles: the first section they see. */
export function contestHome(contestId: string, roles: readonly ContestRole[]): string {
  const first = CONTEST_SECTIONS.find((s) => s.roles.some((r) => roles.includes(r)));
  return `/organize/${contestId}${first?.path ? `/${first.path}` : ""}`;
}

const sectionClass = ({ isActive }: { isActive: boolean }) =>
  `block rounded px-3 py-1.5 text-sm ${isActive ? "bg-brand-700 font-semibold text-white" : "text-stone-800 hover:bg-stone-200"}`;

export function ContestNav({ contestId, roles }: { contestId: string; roles: readonly ContestRole[] }) {
  const { t } = useTranslation();
  const visible = CONTEST_SECTIONS.filter((s) => s.roles.some((r) => roles.includes(r)));
  return (
    <nav aria-label={t("organize:nav.label")}>
      <ul className="flex flex-wrap gap-1 md:flex-col">
        {visible.map((s) => (
          <li key={s.label}>
            <NavLink to={`/organize/${contestId}${s.path ? `/${s.path}` : ""}`} end={s.path === ""} className={sectionClass}>
              {t(`organize:nav.${s.label}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
