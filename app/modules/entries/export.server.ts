// The staff's entries table as a spreadsheet (/organize/:contestId/entries.xlsx): every entry the
// list's filter matches (the page cursor is ignored), in submission order, with the authors'
// identities (the staff see them), headers and states in the reader's language, Vietnamese kept
// as written (XLSX is UTF-8 inside). Read in batches; the caller checks that the user is staff.
import { zonedIso } from "#app/modules/audit/audit-log.server";
import { prisma } from "#app/utils/db.server";
import { getFixedT, type Language } from "#app/utils/i18n";
import { filterWhere } from "./staff.server";
import type { EntryFilter } from "./submission.schema";

const BATCH = 1000;
export const EXPORT_COLUMNS = ["code", "anonymous", "title", "category", "status", "authors", "units", "emails", "phones", "words", "score", "submittedAt"] as const;

/** The workbook of the contest's entries and its file name, or null when the contest does not exist. */
export async function entriesWorkbook(contestId: string, filter: EntryFilter, lng: Language = "vi"): Promise<{ filename: string; bytes: Uint8Array<ArrayBuffer> } | null> {
  const contest = await prisma.contest.findUnique({ where: { id: contestId }, select: { slug: true, timeZone: true } });
  if (!contest) return null;
  const t = getFixedT(lng);
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(t("entries:staff.export.sheet"), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((c) => ({ header: t(`entries:staff.export.columns.${c}`), key: c, width: c === "title" || c === "authors" || c === "units" ? 40 : 18 }));
  sheet.getRow(1).font = { bold: true };
  const where = filterWhere(contestId, { ...filter, after: undefined, before: undefined });
  let cursor: string | undefined;
  for (;;) {
    const batch = await prisma.entry.findMany({
      where,
      orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
      take: BATCH,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: {
        id: true,
        entryCode: true,
        anonymousCode: true,
        title: true,
        status: true,
        originalityScore: true,
        submittedAt: true,
        category: { select: { name: true } },
        currentVersion: { select: { wordCount: true } },
        authors: { orderBy: { position: "asc" }, select: { name: true, unit: true, email: true, phone: true } },
      },
    });
    for (const e of batch) {
      const list = (pick: (a: (typeof e.authors)[number]) => string) => e.authors.map(pick).filter(Boolean).join("; ");
      sheet.addRow({
        code: e.entryCode ?? "",
        anonymous: e.anonymousCode ?? "",
        title: e.title,
        category: e.category.name,
        status: t(`entries:status.${e.status}`),
        authors: list((a) => a.name),
        units: list((a) => a.unit),
        emails: list((a) => a.email),
        phones: list((a) => a.phone),
        words: e.currentVersion?.wordCount ?? null,
        score: e.originalityScore === null ? null : Math.round(e.originalityScore * 1000) / 10,
        submittedAt: e.submittedAt ? zonedIso(e.submittedAt, contest.timeZone) : "",
      });
    }
    if (batch.length < BATCH) break;
    cursor = batch.at(-1)!.id;
  }
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  return { filename: `entries-${contest.slug}.xlsx`, bytes };
}
