// Pieces the results documents share: the heading every Vietnamese administrative document opens
// with (the issuing body on the left, the national name and motto on the right), the date line in
// the contest's time zone, and the signature blocks.
import { formatDate } from "#app/utils/format";
import { getFixedT, type Language } from "#app/utils/i18n";
import type { Block, PdfWriter } from "./pdf-writer";

export function upperFirst(text: string): string {
  return text.charAt(0).toLocaleUpperCase("vi") + text.slice(1);
}

/** The document's heading: "BAN TỔ CHỨC CUỘC THI" and the contest, beside the national name and motto. */
export function officialHeading(w: PdfWriter, lng: Language, contestTitle: string): void {
  const t = getFixedT(lng);
  w.blocks([
    {
      lines: [
        { text: t("documents:committee"), size: 10 },
        { text: contestTitle.toLocaleUpperCase("vi"), style: "bold", size: 10 },
      ],
    },
    {
      lines: [
        { text: t("documents:nation"), style: "bold", size: 10 },
        { text: t("documents:motto"), style: "bold", size: 10 },
      ],
    },
  ]);
  w.space(6);
}

/** "Ngày 2 tháng 12 năm 2026" (or "2 December 2026"), on the right, in the contest's time zone. */
export function dateLine(w: PdfWriter, lng: Language, date: Date, timeZone: string): void {
  w.paragraph(upperFirst(formatDate(date, lng, timeZone)), { style: "italic", align: "right", size: 10, after: 10 });
}

/** Signature blocks side by side: a heading (and an optional second line), the "(signature)" hint, room to sign, a printed name. */
export function signatures(w: PdfWriter, lng: Language, signers: { heading: string; role?: string; name?: string }[]): void {
  const t = getFixedT(lng);
  const blocks: Block[] = signers.map((s) => ({
    lines: [
      { text: s.heading, style: "bold", size: 10 },
      ...(s.role ? [{ text: s.role, style: "bold" as const, size: 10 }] : []),
      { text: t("documents:sign"), style: "italic", size: 9 },
      { text: " ", size: 30 },
      { text: s.name ?? " ", style: "bold", size: 10 },
    ],
  }));
  w.space(10);
  const perRow = Math.min(3, blocks.length);
  for (let i = 0; i < blocks.length; i += perRow) {
    const row = blocks.slice(i, i + perRow);
    while (row.length < perRow) row.push({ lines: [] });
    w.blocks(row);
  }
}
