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
      update: "Changed the contest's rules and settings",
      tieBreak: "Declared the tie-break order",
      banner: "Changed or removed the contest banner",
    },
    category: {
      create: "Added a category",
      update: "Renamed or described a category",
      reorder: "Reordered the categories",
      delete: "Deleted a category",
      prizeTiers: "Changed the prize tiers",
    },
    invitation: {
      create: "Sent an invitation",
      accept: "Accepted an invitation",
      resend: "Resent an invitation",
      revoke: "Revoked an invitation",
    },
    member: {
      revoke: "Revoked a team member's role",
    },
    user: {
      setOrganizer: "Granted or revoked organizer rights",
      setUnit: "Updated their unit or organization",
    },
    judge: {
      setExpertise: "A judge updated their expertise by entrant category",
    },
    assignment: {
      apply: "Applied the automatic assignment of judges",
      manualAdd: "Assigned a judge by hand",
      manualRemove: "Removed a judge's assignment by hand",
      repair: "Judges added to one entry (after a recusal)",
      extraReader: "Extra reader added to one entry",
      recuse: "A judge recused from an entry (conflict of interest)",
    },
    round: {
      create: "Created a round",
      update: "Changed a round's settings",
      move: "Reordered the rounds",
      delete: "Deleted a round",
      distribute: "Distributed entries to the panels",
      advance: "Chose the entries for the next round",
    },
    panel: {
      create: "Created a panel",
      update: "Changed a panel",
      delete: "Deleted a panel",
      addJudge: "Added a judge to a panel",
      updateJudge: "Changed a judge's cap",
      setChair: "Appointed a panel chair",
      removeJudge: "Removed a judge from a panel",
      remind: "Reminded the panel's judges",
    },
    resolution: {
      record: "Chair recorded how a disagreement was settled",
    },
    conflict: {
      detect: "Detected conflicts of interest",
      declare: "A judge declared a conflict of interest",
      decide: "Confirmed or dismissed a conflict of interest",
    },
    scoresheet: {
      start: "A judge started scoring an entry",
      submit: "A judge submitted a scoresheet",
      reopen: "Chair reopened a submitted scoresheet",
      importPaper: "Imported paper scoresheets",
    },
    originality: {
      run: "Ran the originality check",
    },
    rubric: {
      create: "Created a rubric",
      update: "Changed the rubric",
    },
    masking: {
      addTerm: "Added a term to mask in an entry",
      excludeTerm: "Excluded an automatically found term from masking",
      removeTerm: "Removed a term from an entry's masking lists",
    },
    results: {
      decideTie: "Decided the order of tied entries",
      publish: "Published the results",
    },
    entry: {
      saveDraft: "Saved a new entry as a draft",
      submit: "Submitted an entry",
      update: "Edited an entry or sent a new version",
      withdraw: "Withdrew an entry",
      decide: "Decided an entry's eligibility",
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
