// Certificates [giấy chứng nhận] for prize winners, one A4 landscape page each, in one PDF: the
// official heading, the winners' names and units, the entry's title, the prize and category, the
// contest, the date of the publication in the contest's time zone, the signature block, and the
// verification code with the address where anyone can check it (/verify/<code>). Co-authors of an
// entry share its certificate and code. Pure: plain data and the font files in, PDF bytes out.
import { getFixedT, type Language } from "#app/utils/i18n";
import { dateLine, officialHeading } from "./common";
import { A4_LANDSCAPE, PdfWriter, type FontFiles } from "./pdf-writer";

export interface CertificateInput {
  contest: { title: string; timeZone: string };
  /** The publication's instant: what the certificates are dated. */
  date: Date;
  certificates: {
    authors: { name: string; unit: string }[];
    title: string;
    prize: string;
    category: string;
    code: string;
    /** The verification page's full address. */
    url: string;
  }[];
}

const RED: [number, number, number] = [0.65, 0.09, 0.09];
const GOLD: [number, number, number] = [0.76, 0.6, 0.18];

export async function buildCertificates(input: CertificateInput, lng: Language, fonts: FontFiles): Promise<Uint8Array> {
  const t = getFixedT(lng);
  const w = await PdfWriter.create(fonts, {
    size: A4_LANDSCAPE,
    margin: 64,
    title: `${t("documents:certificate.title")} · ${input.contest.title}`,
    language: lng === "vi" ? "vi-VN" : "en-GB",
    date: input.date,
  });
  input.certificates.forEach((c, i) => {
    if (i > 0) w.addPage();
    w.frame(22, RED, 3);
    w.frame(30, GOLD, 1);
    officialHeading(w, lng, input.contest.title);
    w.space(8);
    w.paragraph(t("documents:certificate.title"), { style: "bold", size: 30, align: "center", color: RED, after: 10 });
    w.paragraph(t("documents:certificate.certifies", { contest: input.contest.title }), { style: "italic", size: 12, align: "center", after: 6 });
    // Up to three authors at full size; more (a rare group entry) smaller, so the page still holds one certificate.
    const crowded = c.authors.length > 3;
    for (const author of c.authors) {
      w.paragraph(author.name, { style: "bold", size: crowded ? 14 : 20, align: "center", after: 1 });
      if (author.unit) w.paragraph(author.unit, { size: crowded ? 9 : 11, align: "center", after: crowded ? 2 : 4 });
    }
    w.space(4);
    w.paragraph(t("documents:certificate.authorOf", { title: c.title }), { size: 12, align: "center", after: 6 });
    w.paragraph(t("documents:certificate.achieved"), { style: "italic", size: 11, align: "center", after: 2 });
    w.paragraph(c.prize, { style: "bold", size: 22, align: "center", color: RED, after: 2 });
    w.paragraph(t("documents:certificate.category", { category: c.category }), { size: 11, align: "center", after: 8 });
    dateLine(w, lng, input.date, input.contest.timeZone);
    w.blocks([
      { lines: [] },
      {
        lines: [
          { text: t("documents:certificate.onBehalf"), style: "bold", size: 11 },
          { text: t("documents:certificate.head"), style: "bold", size: 11 },
          { text: t("documents:sign"), style: "italic", size: 9 },
        ],
      },
    ]);
    // The verification code at the bottom left, beside the signature.
    const left = { left: w.margin, width: w.textWidth / 2 - 10 };
    w.y = 120;
    w.paragraph(t("documents:certificate.code", { code: c.code }), { style: "bold", size: 11, after: 2 }, left);
    w.paragraph(t("documents:certificate.verifyAt", { url: c.url }), { size: 9, after: 0 }, left);
  });
  return w.save();
}
