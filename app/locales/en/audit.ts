import type { Translation } from "../types";
import type vi from "../vi/audit";

const audit: Translation<typeof vi> = {
  title: "Audit log",
  heading: "Audit log: {{contest}}",
  intro: "Every change to the contest is recorded here; nobody can edit or delete an entry of the log.",
  link: "Audit log",
  system: "System",
  empty: "No activity matches the filter.",
  timesIn: "Times in the {{zone}} time zone.",
  filter: {
    legend: "Filter the log",
    actor: "Actor",
    action: "Action",
    from: "From",
    to: "To",
    any: "All",
    submit: "Filter",
    reset: "Clear filter",
  },
  columns: {
    time: "Time",
    actor: "Actor",
    action: "Action",
    target: "Target",
    details: "Details",
    ip: "IP address",
  },
  change: {
    before: "Before",
    after: "After",
  },
  pages: {
    label: "Pages",
    newer: "Newer",
    older: "Older",
  },
  exportCsv: "Export CSV",
  // One key per audit action ("contest.phase" is actions.contest.phase).
  actions: {
    auth: {
      signIn: "Signed in",
      signUp: "Signed up",
      passwordReset: "Reset password",
    },
    contest: {
      create: "Created the contest",
      phase: "Changed the contest's phase",
      phaseRefused: "Scheduled phase change refused",
    },
    invitation: {
      create: "Sent an invitation",
      accept: "Accepted an invitation",
    },
    user: {
      setOrganizer: "Granted or revoked organizer rights",
    },
    assignment: {
      apply: "Applied the automatic assignment of judges",
    },
    conflict: {
      detect: "Detected conflicts of interest",
      declare: "A judge declared a conflict of interest",
      decide: "Confirmed or dismissed a conflict of interest",
    },
    originality: {
      run: "Ran the originality check",
    },
    rubric: {
      create: "Created a rubric",
      update: "Changed the rubric",
    },
    demo: {
      seed: "Created demo data",
    },
  },
  csv: {
    id: "ID",
    at: "Time",
    actorName: "Actor",
    actorEmail: "E-mail",
    action: "Action code",
    actionLabel: "Action",
    targetType: "Target type",
    targetId: "Target ID",
    before: "Before",
    after: "After",
    data: "Other data",
    ip: "IP address",
  },
  errors: {
    toBeforeFrom: "The end date must be on or after the start date.",
  },
};
export default audit;
