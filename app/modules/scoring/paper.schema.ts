// The paper import form (/organize/:contestId/paper/:panelId), shared by the browser and the
// server. One multipart form carries the file and two buttons: "check" (a preview, nothing
// saved) and "import" (with the SHA-256 and plan fingerprint of the preview the secretary saw).
import { z } from "zod";

/** The largest paper scoresheet file accepted (a panel's sheets take a few hundred kilobytes). */
export const PAPER_MAX_BYTES = 5 * 1024 * 1024;
/** The form's id, in the page's answers. */
export const PAPER_FORM = "paper";
/** Rows of the preview tables shown at most (the counts are always complete). */
export const PAPER_PREVIEW_ROWS = 200;

const hex = z.string({ required_error: "validation.invalid" }).trim().regex(/^[0-9a-f]{64}$/, "validation.invalid");

export const paperActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("check") }),
  z.object({ intent: z.literal("import"), sha256: hex, plan: hex }),
]);
export type PaperAction = z.infer<typeof paperActionSchema>;

/** ?format=xlsx|csv for the template download. */
export const templateQuerySchema = z.object({ format: z.enum(["xlsx", "csv"], { errorMap: () => ({ message: "validation.invalid" }) }) });
