import type { Translation } from "../types";
import type vi from "../vi/organize";

const organize: Translation<typeof vi> = {
  title: "Organize contests",
  heading: "My contests",
  empty: "You do not organize any contest yet.",
  entries: "{{count}} entries",
  deadline: "Deadline",
  noDeadline: "No deadline set",
  create: {
    heading: "Create a contest",
    title: "Contest title",
    slug: "Address (slug)",
    slugHelp: "Used in the contest page's address, for example: essay-2026.",
    submit: "Create contest",
  },
  nav: {
    label: "Contest sections",
    overview: "Overview",
    settings: "Rules and settings",
    categories: "Categories and prizes",
    team: "Team",
    rubrics: "Rubrics",
    rounds: "Rounds and panels",
    conflicts: "Conflicts of interest",
    originality: "Originality check",
    stats: "Statistics",
    audit: "Audit log",
  },
  phase: {
    DRAFT: "Draft",
    OPEN: "Open for entries",
    CLOSED: "Closed",
    JUDGING: "Judging",
    FINALIZING: "Finalizing",
    PUBLISHED: "Published",
    ARCHIVED: "Archived",
  },
  role: {
    ORGANIZER: "Organizer",
    SECRETARY: "Secretary",
    JUDGE: "Judge",
  },
  overview: {
    phase: "Phase",
    changePhase: "Change phase",
    timeZone: "Time zone",
    opensAt: "Entries open",
    closesAt: "Deadline",
    grace: "grace: {{count}} min",
    blind: "Blind judging",
    yes: "Yes",
    no: "No",
    notSet: "Not set",
    setup: {
      heading: "Setting up",
      progress: "{{done}} of {{total}} steps done.",
      done: "done",
      todo: "to do",
      categories: {
        title: "Categories and prizes",
        done: "{{categories}} categories, {{prizes}} prizes in all.",
        todo: "No category yet. At least one is needed before entries open.",
      },
      schedule: {
        title: "Rules and submission window",
        done: "The deadline is set.",
        todo: "No deadline yet.",
      },
      rubric: {
        title: "Rubric",
        done: "A rubric with {{criteria}} criteria.",
        todo: "No rubric yet. You can start from the political-essay template.",
      },
      team: {
        title: "Team: judges and secretaries",
        done: "{{judges}} judges, {{secretaries}} secretaries; {{invitations}} invitations waiting.",
        todo: "No judge has accepted yet ({{invitations}} invitations waiting).",
      },
      rounds: {
        title: "Rounds and panels",
        done: "{{rounds}} rounds, {{panels}} panels.",
        todo: "No round or panel yet.",
      },
      entries: {
        title: "Entries and eligibility",
        done: "{{submitted}} submitted, {{eligible}} eligible.",
        todo: "{{submitted}} submitted, {{eligible}} eligible, {{unchecked}} awaiting the eligibility check.",
      },
      conflicts: {
        title: "Conflicts of interest",
        done: "No suspected conflict awaits a decision.",
        todo: "{{pending}} suspected conflicts await a decision.",
      },
      assignment: {
        title: "Assignment of the first round",
        done: "Every eligible entry has a panel and enough judges.",
        todo: "{{withoutPanel}} entries without a panel, {{short}} entries short of judges.",
      },
    },
  },
  errors: {
    slugTaken: "This address is already used by another contest.",
  },
};
export default organize;
