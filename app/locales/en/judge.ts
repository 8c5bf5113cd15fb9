import type { Translation } from "../types";
import type vi from "../vi/judge";

const judge: Translation<typeof vi> = {
  title: "Judging",
  heading: "Judge's area",
  intro: "The contests you were invited to judge. The entries assigned to you will appear here when judging starts.",
  empty: "You are not a judge of any contest yet. Once you accept an invitation to judge, the contest appears here.",
  phase: "Phase: {{phase}}",
  unit: {
    heading: "Unit or organization",
    label: "My unit or organization",
    help: "For example: Chu Van An High School, Hanoi. It is used to detect conflicts of interest with authors from the same unit, in every contest you judge.",
    submit: "Save my unit",
    saved: "Your unit has been saved.",
  },
  expertise: {
    legend: "Expertise by entrant category",
    help: "Tick the entrant categories you know well; the assignment gives you entries of these categories first.",
    none: "The contest has no entrant category yet.",
    submit: "Save my expertise",
    saved: "Your expertise in “{{contest}}” has been saved.",
  },
  declare: {
    heading: "Declare a conflict of interest",
    help: "If you know the entry code of an entry you should not judge (for example, a relative showed you their receipt), declare it here. That entry will not be assigned to you.",
    code: "Entry code",
    codeHelp: "As printed on the receipt, for example: {{example}}.",
    reason: "Reason",
    submit: "Send the declaration",
    declared: "Your conflict of interest with entry {{code}} has been recorded.",
    updated: "Your declaration for entry {{code}} has been updated.",
  },
  declarations: {
    heading: "My declarations",
    empty: "You have not declared any conflict of interest in this contest.",
    code: "Entry code",
    title: "Title",
    reason: "Reason",
    date: "Declared on",
  },
  errors: {
    changedMeanwhile: "This was just changed on another page. The page has been updated; please check it and save again.",
  },
};
export default judge;
