// Which files the portal accepts, shared by the browser (a file input's accept list, the limit
// shown beside it) and the server (app/modules/storage/). The kinds are StoredFile.kind values.
// The content decides a file's kind (sniff.ts); names and declared types only serve to catch a
// file that claims to be something else.
import type { FileKind } from "#app/generated/sqlite/enums";

export type { FileKind };

/** The kinds an essay may be uploaded as. */
export const DOCUMENT_KINDS = ["PDF", "DOCX", "ODT", "TXT"] as const satisfies readonly FileKind[];
/** The kind of a contest banner. */
export const IMAGE_KINDS = ["IMAGE"] as const satisfies readonly FileKind[];

export const BYTES_PER_MB = 1024 * 1024;
/** The largest banner image a contest may have. */
export const BANNER_MAX_BYTES = 5 * BYTES_PER_MB;

/** File-name extensions that claim each kind (lower case, with the dot). */
export const KIND_EXTENSIONS: Record<FileKind, readonly string[]> = {
  PDF: [".pdf"],
  DOCX: [".docx"],
  ODT: [".odt"],
  TXT: [".txt"],
  IMAGE: [".png", ".jpg", ".jpeg", ".webp"],
};

/** Media types that claim each kind, as browsers declare them. */
export const KIND_MEDIA_TYPES: Record<FileKind, readonly string[]> = {
  PDF: ["application/pdf", "application/x-pdf"],
  DOCX: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
  ODT: ["application/vnd.oasis.opendocument.text"],
  TXT: ["text/plain"],
  IMAGE: ["image/png", "image/x-png", "image/jpeg", "image/pjpeg", "image/webp"],
};

/** How a kind is named in messages, the same in every language. */
export const KIND_LABELS: Record<FileKind, string> = {
  PDF: "PDF",
  DOCX: "DOCX",
  ODT: "ODT",
  TXT: "TXT",
  IMAGE: "PNG, JPEG, WebP",
};

/** A contest's allowedFileTypes setting ("pdf,docx,odt,txt") as kinds; unknown names are ignored. */
export function parseAllowedFileTypes(setting: string): FileKind[] {
  const kinds = new Set<FileKind>();
  for (const name of setting.split(",")) {
    const kind = name.trim().toUpperCase();
    if ((DOCUMENT_KINDS as readonly string[]).includes(kind)) kinds.add(kind as FileKind);
  }
  return DOCUMENT_KINDS.filter((k) => kinds.has(k));
}

/** The accept attribute of a file input for these kinds (a hint to the browser, never trusted). */
export function acceptAttribute(kinds: readonly FileKind[]): string {
  return kinds.flatMap((k) => [...KIND_EXTENSIONS[k], ...KIND_MEDIA_TYPES[k]]).join(",");
}

/** Bytes as megabytes for messages, with at most one decimal (10485760 -> 10). */
export function megabytes(bytes: number): number {
  return Math.round((bytes / BYTES_PER_MB) * 10) / 10;
}

/**
 * The kinds a file's name (by its extension) and its declared media type each claim; empty
 * when they say nothing we know ("application/octet-stream", ".bin"). Either one claiming
 * another kind than the content is a spoofed type.
 */
export function claimedKinds(
  originalName: string,
  declaredType: string | null | undefined,
): { byName: FileKind[]; byType: FileKind[] } {
  const dot = originalName.lastIndexOf(".");
  const extension = dot >= 0 ? originalName.slice(dot).toLowerCase() : "";
  const mediaType = (declaredType ?? "").split(";")[0]!.trim().toLowerCase();
  const kinds = Object.keys(KIND_EXTENSIONS) as FileKind[];
  return {
    byName: extension ? kinds.filter((k) => KIND_EXTENSIONS[k].includes(extension)) : [],
    byType: mediaType ? kinds.filter((k) => KIND_MEDIA_TYPES[k].includes(mediaType)) : [],
  };
}
