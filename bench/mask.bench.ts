// Benchmark of the masking of authors' identities (app/modules/entries/mask.ts).
//
//   npm run bench:mask -- --words 10000 --authors 3 --json
//   npm run bench:mask -- --scale --json        # 1,000 / 10,000 / 100,000 words, one line each
//
// Generates an essay with the seeded generators of bench/generators (Vietnamese political
// commentary), and every ~150 words inserts a mention of an author: the full name in capitals or
// without diacritics, split across a line, a part ("Minh Khai"), a title and the given name, the
// unit in its other spelling, a phone number or an e-mail address. Then masks it with the authors,
// --extra added and --excluded excluded terms, --runs times (after five warm-up runs), and reports the
// median and fastest time (compiling the terms included), the spans found, and how many inserted
// mentions are still readable in the output (`leaks`, expected 0). Bad arguments: usage, exit 2.

import { maskText, MASK_MARKERS, type MaskAuthor } from "#app/modules/entries/mask";
import { countWords } from "#app/modules/entries/words";
import { Rng } from "./generators/random";
import { asciiFold, vietnameseName } from "./generators/vietnamese-names";
import { vietnameseEssay } from "./generators/vietnamese-text";

const USAGE = `usage: npm run bench:mask -- [--words N] [--authors K] [--extra E] [--excluded X] [--runs R] [--seed S] [--json]
       npm run bench:mask -- --scale [--authors K] [--runs R] [--seed S] [--json]

  --words N     words in the essay, an integer 500..1000000 (default 10000)
  --authors K   authors (the entrant and co-authors), 1..10 (default 3)
  --extra E     the secretary's added terms, 0..100 (default 5)
  --excluded X  the secretary's excluded terms, 0..100 (default 5)
  --runs R      timed runs after five warm-up runs, 1..1000 (default 50)
  --seed S      generator seed, an integer (default 42)
  --scale       1,000, 10,000 and 100,000 words instead of --words
  --json        one JSON line per size instead of a readable summary`;

interface Options {
  sizes: number[];
  authors: number;
  extra: number;
  excluded: number;
  runs: number;
  seed: number;
  json: boolean;
}

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  const o: Options = { sizes: [10_000], authors: 3, extra: 5, excluded: 5, runs: 50, seed: 42, json: false };
  const int = (flag: string, v: string | undefined, lo: number, hi: number) => {
    const n = v === undefined || v.trim() === "" ? NaN : Number(v);
    if (!Number.isInteger(n) || n < lo || n > hi) fail(`bad value for ${flag}: ${v ?? "(missing)"}`);
    return n;
  };
  let scale = false;
  let words: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--json") o.json = true;
    else if (a === "--scale") scale = true;
    else if (a === "--words") words = int(a, argv[++i], 500, 1_000_000);
    else if (a === "--authors") o.authors = int(a, argv[++i], 1, 10);
    else if (a === "--extra") o.extra = int(a, argv[++i], 0, 100);
    else if (a === "--excluded") o.excluded = int(a, argv[++i], 0, 100);
    else if (a === "--runs") o.runs = int(a, argv[++i], 1, 1000);
    else if (a === "--seed") o.seed = int(a, argv[++i], Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown argument: ${a}`);
  }
  if (scale && words !== undefined) fail("--scale and --words exclude each other");
  o.sizes = scale ? [1_000, 10_000, 100_000] : [words ?? 10_000];
  return o;
}

const UNITS: [string, string][] = [
  ["UBND xã Phú Sơn", "Ủy ban nhân dân xã Phú Sơn"],
  ["Trường THPT Lê Quý Đôn", "trường Trung học phổ thông Lê Quý Đôn"],
  ["Sở GD&ĐT tỉnh Phú Yên", "Sở Giáo dục và Đào tạo tỉnh Phú Yên"],
  ["Đảng ủy khối Cơ quan tỉnh", "ĐẢNG ỦY KHỐI CƠ QUAN TỈNH"],
  ["Công ty cổ phần Sông Đà 5", "Công ty CP Sông Đà 5"],
];

function instance(words: number, o: Options) {
  const rng = Rng.seeded(o.seed, `mask:${words}`);
  const people = Array.from({ length: o.authors }, (_, i) => {
    const name = vietnameseName(rng);
    const unit = UNITS[i % UNITS.length]!;
    const phone = `09${rng.int(10_000_000, 99_999_999)}`;
    return { name, unit, phone, email: `${asciiFold(name.given)}.${asciiFold(name.family)}${i}@example.vn` };
  });
  const authors: MaskAuthor[] = people.map((p) => ({ name: p.name.full, unit: p.unit[0], phone: p.phone, email: p.email }));
  const essay = vietnameseEssay(o.seed, { minWords: words, maxWords: Math.ceil(words * 1.1) + 400, place: "huyện Phú Sơn" });
  const mention = (): string => {
    const p = rng.pick(people);
    const n = p.name;
    switch (rng.int(0, 7)) {
      case 0:
        return n.full.toLocaleUpperCase("vi");
      case 1:
        return asciiFold(n.full);
      case 2:
        return `${n.family} ${n.middle}\n${n.given}`;
      case 3:
        return `đồng chí ${n.given}`;
      case 4:
        return p.unit[1];
      case 5:
        return `${p.phone.slice(0, 4)}.${p.phone.slice(4, 7)}.${p.phone.slice(7)}`;
      case 6:
        return p.email;
      default:
        // "Văn An", "Thị Lan" are not masked on their own (mask.ts): use the title form for them.
        return ["Văn", "Thị"].includes(n.middle) ? `chị ${n.given}` : `${n.middle} ${n.given}`;
    }
  };
  const parts = essay.text.split(" ");
  const inserted: string[] = [];
  for (let i = 150; i < parts.length; i += 150) {
    const m = mention();
    inserted.push(m);
    // After a comma, as a mention stands in a sentence (not glued to a capitalised word of the essay).
    parts[i] = `${parts[i]!.replace(/[,.;:]$/, "")}, ${m},`;
  }
  const text = parts.join(" ");
  const extraTerms = Array.from({ length: o.extra }, (_, i) => `bút danh số ${i + 1}`);
  const excludedTerms = Array.from({ length: o.excluded }, (_, i) => `đường dây nóng ${i + 1}`);
  return { text, authors, extraTerms, excludedTerms, inserted };
}

function run(words: number, o: Options) {
  const { text, authors, extraTerms, excludedTerms, inserted } = instance(words, o);
  const options = { authors, extraTerms, excludedTerms, marker: MASK_MARKERS.vi };
  let result = maskText(text, options);
  for (let w = 0; w < 4; w++) result = maskText(text, options); // warm-up: let the JIT compile the masker
  const times: number[] = [];
  for (let r = 0; r < o.runs; r++) {
    const t0 = process.hrtime.bigint();
    result = maskText(text, options);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  // A mention is readable if its exact text still stands in the output.
  const leaks = inserted.filter((m) => result.text.includes(`, ${m},`)).length;
  return {
    words: countWords(text),
    chars: text.length,
    authors: authors.length,
    extraTerms: extraTerms.length,
    excludedTerms: excludedTerms.length,
    mentions: inserted.length,
    spans: result.spans.length,
    leaks,
    runs: o.runs,
    medianMs: Number(times[Math.floor(times.length / 2)]!.toFixed(2)),
    minMs: Number(times[0]!.toFixed(2)),
  };
}

const options = parseArgs(process.argv.slice(2));
for (const words of options.sizes) {
  const r = run(words, options);
  if (options.json) console.log(JSON.stringify(r));
  else {
    console.log(
      `${r.words} words (${r.chars} characters), ${r.authors} authors, ${r.extraTerms} added and ${r.excludedTerms} excluded terms: ` +
        `median ${r.medianMs} ms, fastest ${r.minMs} ms over ${r.runs} runs; ${r.spans} spans for ${r.mentions} inserted mentions, ${r.leaks} left readable`,
    );
  }
}
