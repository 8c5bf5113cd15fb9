// Benchmark of the results documents' builders (app/modules/rankings/documents/), on generated
// data, no database:
//
//   npm run bench:documents -- --entries 20000 --judges 300 --winners 500 --json
//
// - the ranking export of a round with --entries entries read by 3 of --judges judges each (one
//   column per judge, as ranking-export.ts writes it), as CSV and as XLSX;
// - certificates for --winners winners (one PDF, a page each);
// - a panel's minutes for --panel-entries entries (default 1,000) read by 3 judges each.
// Each is timed --runs times (default 3), median, with the process's peak RSS and the file's size;
// the same builders at the 94-entry district size (9 judges, 20 winners, a 32-entry panel) run first
// as the baseline, and every figure gets its ratio to it. One JSON line with --json.
import { performance } from "node:perf_hooks";
import { buildCertificates } from "#app/modules/rankings/documents/certificates";
import { documentFonts } from "#app/modules/rankings/documents/fonts.server";
import { buildMinutes, type MinutesInput } from "#app/modules/rankings/documents/minutes";
import { rankingCsv, rankingXlsx, type Cell, type RankingTable } from "#app/modules/rankings/documents/ranking-export";
import { Rng } from "./generators/random";
import { vietnameseName } from "./generators/vietnamese-names";

const USAGE = "usage: npm run bench:documents -- [--entries N] [--judges J] [--winners W] [--panel-entries P] [--runs R] [--seed S] [--json]";

function parse(argv: string[]) {
  const o = { entries: 20_000, judges: 300, winners: 500, panelEntries: 1000, runs: 3, seed: 42, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 1) throw new Error(`${a} needs a positive integer`);
      return v;
    };
    if (a === "--entries") o.entries = value();
    else if (a === "--judges") o.judges = value();
    else if (a === "--winners") o.winners = value();
    else if (a === "--panel-entries") o.panelEntries = value();
    else if (a === "--runs") o.runs = value();
    else if (a === "--seed") o.seed = value();
    else if (a === "--json") o.json = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

let o: ReturnType<typeof parse>;
try {
  o = parse(process.argv.slice(2));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}

const CRITERIA = [
  { name: "Tư tưởng, quan điểm", maxPoints: 25 },
  { name: "Tính khoa học, lập luận", maxPoints: 25 },
  { name: "Tính chiến đấu, thuyết phục", maxPoints: 20 },
  { name: "Tính thực tiễn, thời sự", maxPoints: 20 },
  { name: "Hình thức, ngôn ngữ, sáng tạo", maxPoints: 10 },
];
const name = (rng: Rng) => vietnameseName(rng).full;
const title = (rng: Rng, i: number) => `Bài dự thi số ${i + 1}: ${rng.pick(["Bảo vệ nền tảng tư tưởng của Đảng", "Xây dựng Đảng trong sạch, vững mạnh", "Đấu tranh phản bác quan điểm sai trái"])} ${rng.pick(["trong thời đại số", "ở cơ sở", "trên không gian mạng"])}`;
const points = (rng: Rng) => CRITERIA.map((c) => Math.round(rng.float(0.5, 1) * c.maxPoints * 2) / 2);

/** A ranking table as rankingTable writes it: 15 fixed columns, 5 criteria, one column per judge. */
function table(rng: Rng, entries: number, judges: number): RankingTable {
  const judgeNames = Array.from({ length: judges }, () => name(rng));
  const header = ["Đối tượng", "Hạng", "Đồng hạng", "Kết quả", "Mã bài", "Số phách", "Tên bài dự thi", "Tác giả", "Đơn vị công tác", "Tiểu ban", "Số lượt chấm", "Điểm trung bình", "Trung bình cắt", "Điểm hiệu chỉnh", "Điểm xếp hạng", ...CRITERIA.map((c) => `TB ${c.name} (tối đa ${c.maxPoints})`), ...judgeNames.map((n) => `GK ${n}`)];
  const numeric = header.map((_, i) => i === 1 || i >= 10);
  const rows: Cell[][] = [];
  for (let i = 0; i < entries; i++) {
    const readers = new Map(rng.shuffle(judgeNames.map((_, j) => j)).slice(0, 3).map((j) => [j, rng.float(50, 95)] as const));
    const mean = [...readers.values()].reduce((s, x) => s + x, 0) / readers.size;
    rows.push([
      "Cán bộ, công chức", i + 1, "", i < 30 ? "Giải Nhì" : "Không đạt giải", `CL-${String(i + 1).padStart(5, "0")}`, `PH-${rng.id().slice(0, 6).toUpperCase()}`, title(rng, i), name(rng), "Đảng uỷ phường Hàng Bông", `Tiểu ban ${1 + (i % Math.max(1, Math.round(judges / 10)))}`,
      3, mean, mean, mean, mean, ...points(rng), ...judgeNames.map((_, j) => readers.get(j) ?? null),
    ]);
  }
  return { title: "Chung khảo", header, numeric, rows };
}

function minutesInput(rng: Rng, entries: number): MinutesInput {
  const judges = [name(rng), name(rng), name(rng)];
  return {
    contest: { title: "Cuộc thi chính luận bảo vệ nền tảng tư tưởng của Đảng", timeZone: "Asia/Ho_Chi_Minh" },
    round: { name: "Chung khảo", method: "Trung bình cộng", scale: 100 },
    panel: { name: "Tiểu ban 1" },
    date: new Date("2026-12-15T03:00:00Z"),
    identified: true,
    criteria: CRITERIA,
    judges: judges.map((n, i) => ({ name: n, isChair: i === 0 })),
    entries: Array.from({ length: entries }, (_, i) => {
      const reads = judges.map((judge) => {
        const p = points(rng);
        return { judge, points: p, total: p.reduce((s, x) => s + x, 0) };
      });
      return { anonymousCode: `PH-${rng.id().slice(0, 6).toUpperCase()}`, entryCode: `CL-${i + 1}`, reads, pendingReads: 0, score: reads[0]!.total, rank: i + 1 };
    }),
  };
}

function certificateInput(rng: Rng, winners: number) {
  return {
    contest: { title: "Cuộc thi chính luận bảo vệ nền tảng tư tưởng của Đảng", timeZone: "Asia/Ho_Chi_Minh" },
    date: new Date("2026-12-20T03:00:00Z"),
    certificates: Array.from({ length: winners }, (_, i) => ({
      authors: Array.from({ length: rng.int(1, 3) }, () => ({ name: name(rng), unit: "Đảng uỷ phường Hàng Bông" })),
      title: title(rng, i),
      prize: rng.pick(["Giải Nhất", "Giải Nhì", "Giải Ba", "Giải Khuyến khích"]),
      category: "Cán bộ, công chức",
      code: `GCN-${rng.id().slice(0, 4).toUpperCase()}-ABCD-EFGH`,
      url: `https://cuocthi.example.vn/verify/GCN-${i}`,
    })),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(run: () => Promise<{ length: number }> | { length: number }) {
  const seconds: number[] = [];
  let bytes = 0;
  for (let r = 0; r < o.runs; r++) {
    const start = performance.now();
    bytes = (await run()).length;
    seconds.push((performance.now() - start) / 1000);
  }
  return { seconds: Math.round(median(seconds) * 1000) / 1000, bytes, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
}

async function measure(size: { entries: number; judges: number; winners: number; panelEntries: number }) {
  const rng = Rng.seeded(o.seed, "documents");
  const fonts = await documentFonts();
  const ranking = table(rng, size.entries, size.judges);
  const minutes = minutesInput(rng, size.panelEntries);
  const certificates = certificateInput(rng, size.winners);
  return {
    size,
    csv: await time(() => rankingCsv(ranking, "vi")),
    xlsx: await time(() => rankingXlsx(ranking, "vi")),
    certificates: await time(() => buildCertificates(certificates, "vi", fonts)),
    minutes: await time(() => buildMinutes(minutes, "vi", fonts)),
  };
}

const baseline = await measure({ entries: 94, judges: 9, winners: 20, panelEntries: 32 });
const large = await measure({ entries: o.entries, judges: o.judges, winners: o.winners, panelEntries: o.panelEntries });
const ratio = Object.fromEntries((["csv", "xlsx", "certificates", "minutes"] as const).map((k) => [k, Math.round((large[k].seconds / Math.max(baseline[k].seconds, 0.001)) * 10) / 10]));
const result = { bench: "documents", node: process.version, runs: o.runs, baseline, large, timeRatio: ratio };
if (o.json) console.log(JSON.stringify(result));
else {
  for (const [label, m] of [["baseline", baseline], ["large", large]] as const) {
    console.log(`${label}: ${JSON.stringify(m.size)}`);
    for (const k of ["csv", "xlsx", "certificates", "minutes"] as const) console.log(`  ${k}: ${m[k].seconds} s, ${(m[k].bytes / 1024).toFixed(0)} kB, peak RSS ${m[k].peakRssMb} MB`);
  }
  console.log(`time ratio large/baseline: ${JSON.stringify(ratio)}`);
}
