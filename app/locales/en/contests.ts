import type { Translation } from "../types";
import type vi from "../vi/contests";

const contests: Translation<typeof vi> = {
  phase: {
    errors: {
      notAllowed: "The contest cannot move to this phase from its current phase.",
      notFound: "Contest not found.",
      changedMeanwhile: "Someone else has just changed the contest's phase. Please reload the page.",
      noCategory: "Add at least one entrant category before opening for entries.",
      noRubric: "Add a rubric with at least one criterion before opening for entries.",
      noDeadline: "Set a submission deadline.",
      deadlinePassed: "The submission deadline has passed; set a new deadline in the future.",
      hasSubmissions: "Entries submitted so far: {{count}}. The contest cannot go back to draft.",
      entriesUnchecked: "Entries still awaiting the eligibility check: {{count}}.",
      noEligibleEntries: "There is no eligible entry to judge yet.",
      noRound: "Add at least one judging round.",
      roundWithoutRubric: "The first round has no rubric with criteria.",
      entriesWithoutPanel: "Eligible entries not yet on a panel of the first round: {{count}}.",
      entriesShortOfJudges: "Entries without enough assigned judges: {{count}}.",
      scoringStarted: "Judges have already saved scores; the contest cannot go back to closed.",
      scoresheetsPending: "Scoresheets not yet submitted: {{count}}.",
      disagreementsOpen: "Entries with a wide score spread not yet resolved by the panel chair: {{count}}.",
      noPublication: "There is no results snapshot to publish yet.",
    },
  },
  conflicts: {
    rules: {
      judgeIsAuthor: "The judge is an author of the entry",
      sameEmail: "Same e-mail address as an author",
      sameUnit: "Same unit or organization as an author",
      sameEmailDomain: "Same organization e-mail domain as an author",
    },
    errors: {
      reasonRequired: "Please give the reason for the conflict of interest.",
      reasonTooShort: "The reason is too short (at least {{min}} characters).",
      reasonTooLong: "The reason is too long (at most {{max}} characters).",
      decision: "Choose confirm or dismiss.",
      notFound: "This judge, entry or conflict of interest was not found in the contest.",
      declaredStands: "A declared conflict of interest cannot be dismissed: the judge's declaration stands.",
      changedMeanwhile: "Someone else has just decided this conflict of interest. The list has been updated; please check it again.",
      unknownCode: "No entry of this contest has this code. Please check the code on the receipt.",
      codeRequired: "Please enter the entry code.",
      judgeRequired: "Please choose a judge.",
      notAJudge: "This person is not a judge of the contest.",
    },
    evidence: {
      judgeIsAuthor: "The judge's account is among the authors.",
      sameEmail: "E-mail: {{email}}",
      sameUnit: "Judge's unit: {{judgeUnit}} — author's unit: {{authorUnit}}",
      sameEmailDomain: "Domain: {{domain}} ({{judgeEmail}}, {{authorEmail}})",
    },
  },
};
export default contests;
