// Entrants' forms and files for the submission tests: a file received on disk as the multipart
// reader leaves it, the values of a valid entry form, and an open contest to submit to.
import path from "node:path";
import { Readable } from "node:stream";
import type { EntryFormValues } from "#app/modules/entries/submission.schema";
import { spool } from "#app/modules/storage/spool.server";
import { uploadsDir } from "#app/modules/storage/store.server";
import type { ReceivedFile } from "#app/modules/storage/upload.server";
import { prisma } from "#app/utils/db.server";
import { createTestContest } from "./contests";

/** Bytes received into a temporary file, as withUploadForm hands them to an action. */
export async function receivedFile(bytes: Uint8Array, originalName: string, declaredType = "application/octet-stream"): Promise<ReceivedFile> {
  const spooled = await spool(Readable.from([Buffer.from(bytes)]), { dir: path.join(uploadsDir(), ".incoming"), maxBytes: 100 * 1024 * 1024 });
  return { ...spooled, originalName, declaredType };
}

export const ENTRANT_AUTHOR = {
  name: "Hoàng Thị Lan",
  birthYear: 1988,
  unit: "Trường THPT Phan Đình Phùng",
  jobTitle: "Giáo viên",
  email: "lan.hoang@example.vn",
  phone: "0912 345 678",
};

/** A complete entry form, ready to submit. */
export function entryValues(categoryId: string, overrides: Partial<EntryFormValues> = {}): EntryFormValues {
  return {
    intent: "submit",
    version: 0,
    categoryId,
    title: "Giữ vững trận địa tư tưởng trên không gian mạng",
    abstract: "Bài viết phân tích và phản bác các luận điệu sai trái trên mạng xã hội.",
    authors: [ENTRANT_AUTHOR],
    declaration: true,
    essayMode: "file",
    onlineText: "",
    ...overrides,
  };
}

export interface OpenContestOptions {
  closesAt?: Date;
  graceMinutes?: number;
  maxEntriesPerUser?: number;
  maxCoAuthors?: number;
  minWords?: number | null;
  maxWords?: number | null;
  allowedFileTypes?: string;
  maxFileBytes?: number;
  allowOnlineText?: boolean;
  entryCodePrefix?: string;
  timeZone?: string;
}

/** An OPEN contest with two categories and a deadline a week ahead, with the given rules. */
export async function createOpenContest(options: OpenContestOptions = {}) {
  const created = await createTestContest({
    phase: "OPEN",
    categories: ["Cán bộ, đảng viên", "Học sinh, sinh viên"],
    rubric: true,
    closesAt: options.closesAt ?? new Date(Date.now() + 7 * 24 * 3600 * 1000),
  });
  const contest = await prisma.contest.update({
    where: { id: created.contest.id },
    data: {
      graceMinutes: options.graceMinutes ?? 0,
      maxEntriesPerUser: options.maxEntriesPerUser ?? 1,
      maxCoAuthors: options.maxCoAuthors ?? 2,
      minWords: options.minWords ?? null,
      maxWords: options.maxWords ?? null,
      allowedFileTypes: options.allowedFileTypes ?? "pdf,docx,odt,txt",
      maxFileBytes: options.maxFileBytes ?? 10 * 1024 * 1024,
      allowOnlineText: options.allowOnlineText ?? true,
      entryCodePrefix: options.entryCodePrefix ?? "CL-",
      timeZone: options.timeZone ?? "Asia/Ho_Chi_Minh",
    },
  });
  return { ...created, contest };
}
