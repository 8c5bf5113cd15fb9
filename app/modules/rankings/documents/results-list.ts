// The list of prize winners for the committee's award decision [danh sách đạt giải kèm quyết
// định trao giải], as a PDF: the official heading, the date in the contest's time zone, then per
// category its winners in rank order (rank, prize, entry code, title, authors, units, score), and
// the signature blocks. Drawn from a publication snapshot, or from the preview of the next one
// (then marked as a draft). Pure: plain data and the font files in, PDF bytes out.
import { formatNumber } from "#app/utils/format";
import { getFixedT, type Language } from "#app/utils/i18n";
import { dateLine, officialHeading, signatures } from "./common";
import { A4_PORTRAIT, PdfWriter, type Column, type FontFiles, type TableRow } from "./pdf-writer";

export interface ResultsListInput {
  contest: { title: string; timeZone: string };
  /** When the list is dated: the publication's instant, or now for a draft. */
  date: Date;
  /** A preview of results not yet published. */
  draft: boolean;
  publication: { version: number; sha256: string } | null;
  /** Whether the score column is printed. */
  showScores: boolean;
  categories: {
    name: string;
    ranked: number;
    winners: {
      rank: number;
      prize: string;
      entryCode: string;
      title: string;
      authors: { name: string; unit: string }[];
      score: number | null;
      decided: boolean;
    }[];
  }[];
}

export async function buildResultsList(input: ResultsListInput, lng: Language, fonts: FontFiles): Promise<Uint8Array> {
  const t = getFixedT(lng);
  const w = await PdfWriter.create(fonts, {
    size: A4_PORTRAIT,
    margin: 42,
    title: `${t("documents:list.title")} · ${input.contest.title}`,
    language: lng === "vi" ? "vi-VN" : "en-GB",
    date: input.date,
    pageLabel: (n, total) => t("documents:page", { n, total }),
  });
  officialHeading(w, lng, input.contest.title);
  dateLine(w, lng, input.date, input.contest.timeZone);
  w.paragraph(t("documents:list.title"), { style: "bold", size: 14, align: "center", after: 2 });
  w.paragraph(t("documents:list.subtitle", { contest: input.contest.title }), { style: "italic", size: 10, align: "center", after: 4 });
  if (input.draft) w.paragraph(t("documents:draft"), { style: "bold", size: 10, align: "center", color: [0.7, 0.1, 0.1], after: 4 });
  else if (input.publication) w.paragraph(t("documents:version", { version: input.publication.version }), { size: 9, align: "center", after: 4 });
  w.space(6);

  const columns: Column[] = [
    { header: t("documents:list.rank"), width: 6, align: "center" },
    { header: t("documents:list.prize"), width: 12 },
    { header: t("documents:list.entryCode"), width: 10 },
    { header: t("documents:list.entryTitle"), width: 27 },
    { header: t("documents:list.authors"), width: 17 },
    { header: t("documents:list.unit"), width: 20 },
    ...(input.showScores ? [{ header: t("documents:list.score"), width: 8, align: "right" as const }] : []),
  ];
  let anyDecided = false;
  for (const category of input.categories) {
    w.ensure(80);
    w.paragraph(t("documents:list.category", { name: category.name }), { style: "bold", size: 11, after: 2 });
    w.paragraph(t("documents:list.summary", { ranked: category.ranked, awarded: category.winners.length }), { size: 9, after: 4 });
    if (category.winners.length === 0) {
      w.paragraph(t("documents:list.none"), { style: "italic", size: 10, after: 8 });
      continue;
    }
    const rows: TableRow[] = category.winners.map((winner) => {
      anyDecided ||= winner.decided;
      return {
        cells: [
          `${winner.rank}${winner.decided ? " (*)" : ""}`,
          winner.prize,
          winner.entryCode,
          winner.title,
          winner.authors.map((a) => a.name).join("\n"),
          winner.authors.map((a) => a.unit || "—").join("\n"),
          ...(input.showScores ? [winner.score === null ? "—" : formatNumber(winner.score, lng, 2)] : []),
        ],
        ruleAbove: true,
      };
    });
    w.table(columns, rows, { size: 9 });
    w.space(4);
  }
  if (anyDecided) w.paragraph(t("documents:list.decided"), { style: "italic", size: 9 });
  if (input.publication) w.paragraph(t("documents:sha256", { sha256: input.publication.sha256 }), { size: 7, color: [0.3, 0.3, 0.3] });
  signatures(w, lng, [{ heading: t("documents:list.preparer") }, { heading: t("documents:list.onBehalf"), role: t("documents:list.head") }]);
  return w.save();
}
