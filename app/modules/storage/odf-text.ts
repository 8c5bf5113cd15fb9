// The text of an OpenDocument text's content.xml, read from the flat list of XML events the
// parse worker makes (fast-xml-parser, with no DOCTYPE or entity processing). Paragraphs and
// headings become paragraphs (table cells and list items hold paragraphs too); spaces, tabs
// and line breaks follow ODF's rules (runs of white space collapse; text:s, text:tab and
// text:line-break are explicit). Notes, comments and tracked deletions are not part of the
// essay's running text. Pure.
import { joinParagraphs } from "./text";

/** An element opening (with its attributes), a run of character data, or an element closing. */
export type XmlEvent = ["<", string, Record<string, string>] | ["#", string] | [">", string];

const PARAGRAPHS = new Set(["text:p", "text:h"]);
const SKIPPED = new Set([
  "text:note",
  "office:annotation",
  "text:tracked-changes",
  "text:sequence-decls",
  "text:variable-decls",
  "text:user-field-decls",
  "text:dde-connection-decls",
  "office:forms",
  "svg:title",
  "svg:desc",
]);
const MAX_SPACES = 1000;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** XML's predefined entities and character references; anything else stays as written. */
export function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith("#")) {
      const code = ref[1] === "x" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref] ?? whole;
  });
}

function inlineText(name: string, attrs: Record<string, string>): string {
  if (name === "text:s") {
    const count = parseInt(attrs["text:c"] ?? "1", 10);
    return " ".repeat(Math.min(Math.max(Number.isFinite(count) ? count : 1, 1), MAX_SPACES));
  }
  if (name === "text:tab") return "\t";
  if (name === "text:line-break") return "\n";
  return "";
}

export function odfText(events: readonly XmlEvent[]): string {
  const paragraphs: string[] = [];
  // Paragraphs being read, innermost last (a text box inside a paragraph holds its own).
  const open: string[] = [];
  let bodyDepth = 0;
  // Depth inside a skipped element (0: not skipping).
  let skipping = 0;
  for (const event of events) {
    if (event[0] === "<") {
      const [, name, attrs] = event;
      if (skipping) skipping++;
      else if (name === "office:text") bodyDepth++;
      else if (!bodyDepth) continue;
      else if (SKIPPED.has(name)) skipping = 1;
      else if (PARAGRAPHS.has(name)) open.push("");
      else if (open.length) open[open.length - 1] += inlineText(name, attrs);
    } else if (event[0] === ">") {
      const name = event[1];
      if (skipping) skipping--;
      else if (name === "office:text") bodyDepth--;
      else if (bodyDepth && PARAGRAPHS.has(name) && open.length) paragraphs.push(open.pop()!);
    } else if (!skipping && bodyDepth && open.length) {
      // ODF collapses runs of white space in character data; text:s and text:tab are explicit.
      open[open.length - 1] += decodeXmlText(event[1]).replace(/[ \t\r\n]+/g, " ");
    }
  }
  return joinParagraphs(paragraphs);
}
