// A round's ranking as a spreadsheet (XLSX) or CSV: one row per entry of the round, per category in
// rank order (unranked entries last), with the aggregate scores side by side, one column per
// criterion (the entry's mean points on it) and one per judge who read in the round (the total they
// gave, empty where they did not read the entry). Identities (entry code, title, authors, units)
// are columns only once they are re-joined [ghép phách]; before, the anonymous code alone names the
// entry. Pure: the round's results (results.server.ts) in, a table or bytes out.
//
// CSV as the other exports write it (paper scoresheet templates): a UTF-8 BOM so spreadsheet
// programs read the diacritics, ";" between columns and a decimal comma in Vietnamese (what a
// spreadsheet program set to Vietnamese expects), "," and a decimal point in English.
import { PassThrough } from "node:stream";
import { stringify } from "csv-stringify/sync";
import { formatNumber, nameCollator } from "#app/utils/format";
import { getFixedT, type Language } from "#app/utils/i18n";
import { roundScore } from "../aggregate";
import type { RoundResults } from "../results.server";

export type Cell = string | number | null;

export interface RankingTable {
  title: string;
  header: string[];
  /** Which columns hold numbers (formatted per language in CSV, numeric cells in XLSX). */
  numeric: boolean[];
  rows: Cell[][];
}

export function rankingTable(results: RoundResults, lng: Language): RankingTable {
  const t = getFixedT(lng);
  const { round, identified } = results;
  const judges = [...new Map(results.judges.map((j) => [j.judgeId, j.name])).entries()].sort((a, b) => nameCollator.compare(a[1], b[1]) || (a[0] < b[0] ? -1 : 1));
  const byEntry = new Map<string, typeof results.reads>();
  for (const read of results.reads) byEntry.set(read.entryId, [...(byEntry.get(read.entryId) ?? []), read]);

  const columns: { header: string; numeric: boolean }[] = [
    { header: t("documents:ranking.category"), numeric: false },
    { header: t("documents:ranking.rank"), numeric: true },
    { header: t("documents:ranking.tied"), numeric: false },
    { header: t("documents:ranking.result"), numeric: false },
    ...(identified ? [{ header: t("documents:ranking.entryCode"), numeric: false }] : []),
    { header: t("documents:ranking.anonymousCode"), numeric: false },
    ...(identified
      ? [
          { header: t("documents:ranking.title"), numeric: false },
          { header: t("documents:ranking.authors"), numeric: false },
          { header: t("documents:ranking.units"), numeric: false },
        ]
      : []),
    { header: t("documents:ranking.panel"), numeric: false },
    { header: t("documents:ranking.reads"), numeric: true },
    { header: t("documents:ranking.rawMean"), numeric: true },
    { header: t("documents:ranking.trimmedMean"), numeric: true },
    { header: t("documents:ranking.adjusted"), numeric: true },
    { header: t("documents:ranking.score"), numeric: true },
    ...round.criteria.map((c) => ({ header: t("documents:ranking.criterion", { name: c.name, max: formatNumber(c.maxPoints, lng) }), numeric: true })),
    ...judges.map(([, name]) => ({ header: t("documents:ranking.judge", { name }), numeric: true })),
  ];

  const rows: Cell[][] = [];
  for (const category of results.categories) {
    const tierName = new Map(category.tiers.map((tier) => [tier.id, tier.name]));
    const ranked = new Map(category.ranking.ranked.map((r) => [r.entryId, r]));
    const ids = [...category.ranking.ranked.map((r) => r.entryId), ...category.ranking.unranked];
    for (const entryId of ids) {
      const entry = results.entries.get(entryId)!;
      const agg = results.aggregates.get(entryId)!;
      const place = ranked.get(entryId) ?? null;
      const reads = byEntry.get(entryId) ?? [];
      let outcome: string;
      if (!place) outcome = t("documents:ranking.unranked");
      else if (category.prizes) {
        const prize = category.prizes.prizes.get(entryId);
        outcome = prize === undefined ? t("documents:ranking.prizePending") : prize === null ? t("documents:ranking.noPrize") : tierName.get(prize)!;
      } else if (results.advance) {
        outcome = results.advance.advancing.includes(entryId)
          ? t("documents:ranking.advance")
          : results.advance.undecided.includes(entryId)
            ? t("documents:ranking.undecided")
            : t("documents:ranking.eliminate");
      } else outcome = "";
      const criterionMeans = round.criteria.map((c) => {
        const points = reads.map((r) => r.points.get(c.id)).filter((p): p is number => p !== undefined);
        return points.length ? roundScore(points.reduce((s, p) => s + p, 0) / points.length) : null;
      });
      rows.push([
        category.name,
        place?.rank ?? null,
        place?.tied ? t("documents:ranking.yes") : "",
        outcome,
        ...(identified ? [entry.entryCode ?? ""] : []),
        entry.anonymousCode ?? "",
        ...(identified ? [entry.title, entry.authors.map((a) => a.name).join("; "), entry.authors.map((a) => a.unit).join("; ")] : []),
        entry.panelName ?? "",
        agg.reads,
        agg.rawMean,
        agg.trimmedMean,
        agg.adjusted,
        agg.score,
        ...criterionMeans,
        ...judges.map(([judgeId]) => reads.find((r) => r.judgeId === judgeId)?.total ?? null),
      ]);
    }
  }
  return { title: round.name, header: columns.map((c) => c.header), numeric: columns.map((c) => c.numeric), rows };
}

/**
 * The table as a workbook: the header bold, wrapped, frozen with the first columns and filtered;
 * numbers as numbers, empty cells left out. Written with exceljs's streaming writer, each row
 * committed as it is added, so a national round (tens of thousands of rows, a column per judge)
 * is never held as a workbook in memory: only its compressed bytes are.
 */
export async function rankingXlsx(table: RankingTable, lng: Language): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const t = getFixedT(lng);
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    out.on("end", resolve);
    out.on("error", reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = "Essay Contest Portal";
  const sheet = workbook.addWorksheet(t("documents:ranking.sheet"), { views: [{ state: "frozen", ySplit: 1, xSplit: 2 }] });
  sheet.columns = table.header.map((_, i) => (table.numeric[i] ? { width: 12, style: { numFmt: "0.##" } } : { width: 24 }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.header.length } };
  const header = sheet.addRow(table.header);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: "top" };
  header.commit();
  for (const row of table.rows) sheet.addRow(row.map((cell) => cell ?? undefined)).commit();
  sheet.commit();
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}

/** The table as CSV with a UTF-8 BOM: ";" and decimal commas in Vietnamese, "," and decimal points in English. */
export function rankingCsv(table: RankingTable, lng: Language): string {
  const separator = lng === "vi" ? ";" : ",";
  const cells = table.rows.map((row) =>
    row.map((cell, i) => (cell === null ? "" : typeof cell === "number" && table.numeric[i] ? (lng === "vi" ? String(cell).replace(".", ",") : String(cell)) : cell)),
  );
  return `\uFEFF${stringify([table.header, ...cells], { delimiter: separator, record_delimiter: "windows" })}`;
}
