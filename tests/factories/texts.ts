// Essay texts for tests of the screens and modules that read them (originality, masking...):
// random Vietnamese-looking syllables, so that two texts share nothing unless a test makes them,
// and entries given a text as their current version, written straight to the test database.
import { countWords } from "#app/modules/entries/words";
import { seededRandom } from "#app/utils/random";
import { prisma } from "#app/utils/db.server";

const ONSETS = ["", "b", "c", "ch", "d", "đ", "g", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "t", "th", "tr", "v", "x"];
const RHYMES = ["a", "ai", "an", "anh", "ao", "âm", "ân", "ây", "em", "ên", "iêu", "inh", "oa", "oan", "ông", "ơi", "ung", "ương", "ưa", "uy"];
const TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"];
const SYLLABLES = ONSETS.flatMap((o, i) => RHYMES.map((r, j) => (o + r.charAt(0) + TONES[(i + j) % TONES.length] + r.slice(1)).normalize("NFC")));

/** `words` random syllables in paragraphs of about 60, the same for the same seed. */
export function randomEssay(seed: number, words: number): string {
  const random = seededRandom(seed);
  const paragraphs: string[] = [];
  for (let left = words; left > 0; ) {
    const n = Math.min(left, 50 + Math.floor(random() * 20));
    paragraphs.push(Array.from({ length: n }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]!).join(" "));
    left -= n;
  }
  return paragraphs.join("\n\n");
}

/** Gives an entry a new current version holding `text` (as extracted from its file); returns the version. */
export async function setEntryText(entryId: string, text: string) {
  const last = await prisma.entryVersion.findFirst({ where: { entryId }, orderBy: { number: "desc" }, select: { number: true } });
  const version = await prisma.entryVersion.create({
    data: { entryId, number: (last?.number ?? 0) + 1, onlineText: text, extractedText: text, wordCount: countWords(text) },
  });
  await prisma.entry.update({ where: { id: entryId }, data: { currentVersionId: version.id } });
  return version;
}
