import type { Translation } from "../types";
import type vi from "../vi/masking";

const masking: Translation<typeof vi> = {
  title: "Masking authors' identities",
  heading: "Review the masking of authors' identities",
  entry: "Entry code: {{code}} · Anonymous code: {{anonymous}}",
  noCode: "not assigned",
  intro:
    "Judges read only the masked text below. The authors' names, units, e-mail addresses and phone numbers are masked automatically wherever they appear, also in capitals, without diacritics or split across lines; every other e-mail address and phone number in the essay is masked too. The secretariat reviews the result, masks what was missed and unmasks what was masked by mistake.",
  notBlind: "This contest is not judged blind: judges read the entry as written. The masking below applies only if the contest switches to blind judging.",
  authors: {
    heading: "Authors' details used for masking",
    name: "Full name",
    unit: "Unit",
    email: "E-mail",
    phone: "Phone",
    none: "—",
  },
  reading: {
    heading: "The text judges will read",
    version: "Version {{number}} of the entry. Masked places are highlighted.",
    noText: "The entry has no text yet (no file uploaded, or its text could not be extracted).",
    maskedKind: "({{kind}})",
  },
  masked: {
    heading: "What was masked",
    empty: "Nothing has been masked.",
    kind: "Kind",
    original: "Original text",
    count: "Places",
    actions: "Actions",
    exclude: "Do not mask",
    removeHint: "Remove it from the added terms",
  },
  kinds: {
    name: "Name",
    unit: "Unit",
    email: "E-mail",
    phone: "Phone number",
    extra: "Added term",
  },
  add: {
    heading: "Mask another term",
    term: "Word or phrase to mask",
    help: "For example a pen name, a nickname, a unit's abbreviation. It is masked wherever it appears, in any case, with or without diacritics.",
    submit: "Mask it",
  },
  added: {
    heading: "Terms added by the secretariat",
    empty: "No terms added.",
    remove: "Remove from the list",
  },
  excluded: {
    heading: "Terms not masked",
    help: "These terms are not masked even when found automatically.",
    empty: "No terms excluded.",
    restore: "Mask again",
  },
  notices: {
    added: "“{{term}}” was added to the terms to mask. The text now has {{spans}} masked places.",
    excluded: "“{{term}}” is no longer masked. The text now has {{spans}} masked places.",
    removed: "“{{term}}” was removed from the list. The text now has {{spans}} masked places.",
  },
  errors: {
    termRequired: "Please enter the term to mask.",
    termTooShort: "The term needs at least {{min}} characters.",
    termTooLong: "The term may have at most {{max}} characters.",
    termNoLetter: "The term needs at least one letter or digit.",
    alreadyListed: "“{{term}}” is already on the list.",
    inOtherList: "“{{term}}” is on the other list; remove it from there first.",
    termGone: "This term is no longer on the list (someone may have just removed it). The page has been updated.",
  },
};
export default masking;
