// All translations, bundled for the server and the browser alike (two languages, small).
// Each feature owns one namespace file per language; add new namespaces here.
import enAdmin from "./en/admin";
import enAudit from "./en/audit";
import enAuth from "./en/auth";
import enCommon from "./en/common";
import enContests from "./en/contests";
import enMail from "./en/mail";
import enOrganize from "./en/organize";
import enRubrics from "./en/rubrics";
import enFiles from "./en/files";
import enJudge from "./en/judge";
import enRounds from "./en/rounds";
import enTeam from "./en/team";
import enEditor from "./en/editor";
import enMasking from "./en/masking";
import enScoring from "./en/scoring";
import enOriginality from "./en/originality";
import enResults from "./en/results";
import enEntries from "./en/entries";
import enChair from "./en/chair";
import enStats from "./en/stats";
import enDocuments from "./en/documents";
import viAdmin from "./vi/admin";
import viAudit from "./vi/audit";
import viAuth from "./vi/auth";
import viCommon from "./vi/common";
import viContests from "./vi/contests";
import viMail from "./vi/mail";
import viOrganize from "./vi/organize";
import viRubrics from "./vi/rubrics";
import viFiles from "./vi/files";
import viJudge from "./vi/judge";
import viRounds from "./vi/rounds";
import viTeam from "./vi/team";
import viEditor from "./vi/editor";
import viMasking from "./vi/masking";
import viScoring from "./vi/scoring";
import viOriginality from "./vi/originality";
import viResults from "./vi/results";
import viEntries from "./vi/entries";
import viChair from "./vi/chair";
import viStats from "./vi/stats";
import viDocuments from "./vi/documents";

export const resources = {
  vi: {
    common: viCommon,
    admin: viAdmin,
    auth: viAuth,
    mail: viMail,
    organize: viOrganize,
    contests: viContests,
    audit: viAudit,
    rubrics: viRubrics,
    files: viFiles,
    judge: viJudge,
    rounds: viRounds,
    team: viTeam,
    editor: viEditor,
    masking: viMasking,
    scoring: viScoring,
    originality: viOriginality,
    results: viResults,
    entries: viEntries,
    chair: viChair,
    stats: viStats,
    documents: viDocuments,
  },
  en: {
    common: enCommon,
    admin: enAdmin,
    auth: enAuth,
    mail: enMail,
    organize: enOrganize,
    contests: enContests,
    audit: enAudit,
    rubrics: enRubrics,
    files: enFiles,
    judge: enJudge,
    rounds: enRounds,
    team: enTeam,
    editor: enEditor,
    masking: enMasking,
    scoring: enScoring,
    originality: enOriginality,
    results: enResults,
    entries: enEntries,
    chair: enChair,
    stats: enStats,
    documents: enDocuments,
  },
} as const;

export type Namespace = keyof (typeof resources)["vi"];
export const namespaces = Object.keys(resources.vi) as Namespace[];
