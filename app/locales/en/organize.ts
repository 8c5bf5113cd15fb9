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
    timeZone: "Time zone",
    opensAt: "Opens for entries",
    closesAt: "Submission deadline",
    blind: "Blind judging",
    yes: "Yes",
    no: "No",
    counts: "Figures",
    entries: "Entries",
    categories: "Entrant categories",
    rounds: "Judging rounds",
    team: "Team",
    name: "Full name",
    email: "E-mail",
    memberRole: "Role",
    notSet: "Not set",
  },
  errors: {
    slugTaken: "This address is already used by another contest.",
  },
};
export default organize;
