// The crash harness's clients: entrants submitting entries and replacing their essays with real
// files through the upload routes, judges autosaving drafts and submitting scoresheets, all over
// HTTP against the running server, as fast as it answers. Each client records in the ledger
// what the server acknowledged and what it sent without an answer (./ledger).
//
// While the server is down the clients wait at the gate; a request cut off by the kill is an
// unanswered write. An entrant stops writing an entry whose save went unanswered (its version
// number is then unknown); a judge lets the server settle it: the next autosave of that sheet
// either lands or answers 409 with the stored copy, which becomes the acknowledged state.
import crypto from "node:crypto";
import { randomEssay } from "#tests/factories/texts";
import { ENTRANT_AUTHOR } from "#tests/factories/entries";
import { sameSheet, type EntryRecord, type SheetContent, type SheetRecord, type UnknownNewEntry } from "./ledger";

/** Where the server is while it runs; clients wait here while it is down. */
export class Gate {
  private url: string | null = null;
  private waiters: ((url: string) => void)[] = [];
  /** Clients between passing the gate and recording the answer in the ledger. */
  busy = 0;

  open(url: string) {
    this.url = url;
    for (const w of this.waiters.splice(0)) w(url);
  }

  close() {
    this.url = null;
  }

  /** The server's address, once it is up. */
  up(): Promise<string> {
    return this.url ? Promise.resolve(this.url) : new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Runs one client step (a request and its entry in the ledger) once the server is up; the
   * harness checks only when no step is running (idle), so it never reads the ledger between a
   * commit and its record.
   */
  async step(run: (url: string) => Promise<void>): Promise<void> {
    const url = await this.up();
    this.busy++;
    try {
      await run(url);
    } finally {
      this.busy--;
    }
  }
}

export interface Stats {
  requests: number;
  acknowledged: number;
  /** Of which entries and essay versions (the rest are scoresheets). */
  acknowledgedEntries: number;
  unanswered: number;
  /** Answers that refused a write the client thought valid (a harness or server bug); kept as samples. */
  refused: number;
  refusals: string[];
  /** An acknowledgment whose content differs from what was sent. */
  wrongEchoes: string[];
}

export function newStats(): Stats {
  return { requests: 0, acknowledged: 0, acknowledgedEntries: 0, unanswered: 0, refused: 0, refusals: [], wrongEchoes: [] };
}

export interface Ledger {
  entries: EntryRecord[];
  unknownNew: UnknownNewEntry[];
  sheets: SheetRecord[];
}

/** Written since the last check (ids), for the cheap check after each kill. */
export interface Touched {
  entries: Set<string>;
  sheets: Set<string>;
}

export interface Criterion {
  id: string;
  maxPoints: number;
  step: number;
}

interface Context {
  gate: Gate;
  stats: Stats;
  ledger: Ledger;
  touched: Touched;
  random: () => number;
  stopped: () => boolean;
}

type Answer = { kind: "answered"; status: number; body: string } | { kind: "unanswered"; error: string };

async function post(ctx: Context, url: string, cookie: string, body: FormData | URLSearchParams): Promise<Answer> {
  ctx.stats.requests++;
  try {
    // The Origin a browser on the portal sends (the server refuses another site's mutations).
    const response = await fetch(url, { method: "POST", headers: { Cookie: cookie, Origin: new URL(url).origin }, body, redirect: "manual" });
    return { kind: "answered", status: response.status, body: await response.text() };
  } catch (error) {
    ctx.stats.unanswered++;
    return { kind: "unanswered", error: String(error) };
  }
}

function refused(ctx: Context, what: string, answer: Extract<Answer, { kind: "answered" }>) {
  ctx.stats.refused++;
  if (ctx.stats.refusals.length < 5) ctx.stats.refusals.push(`${what}: ${answer.status} ${answer.body.slice(0, 300)}`);
}

const sha256 = (bytes: Buffer) => crypto.createHash("sha256").update(bytes).digest("hex");

// ───────────────────────────── entrants ─────────────────────────────

export interface Entrant {
  cookie: string;
  label: string;
}

function essayFile(ctx: Context): Buffer {
  // 50 to 4,000 words (about 0.3 to 25 KB), now and then 30,000 (about 190 KB): uploads of every length get cut.
  const words = ctx.random() < 0.05 ? 30_000 : 50 + Math.floor(ctx.random() * 3950);
  return Buffer.from(`${randomEssay(Math.floor(ctx.random() * 2 ** 31), words)}\n\nMã kiểm tra ${crypto.randomUUID()}\n`, "utf8");
}

function entryForm(categoryId: string, title: string, version: number, file: Buffer, n: number): FormData {
  const form = new FormData();
  const fields: Record<string, string> = {
    intent: "submit",
    version: String(version),
    categoryId,
    title,
    abstract: "Bài viết phân tích và phản bác các luận điệu sai trái trên mạng xã hội.",
    "authors[0].name": ENTRANT_AUTHOR.name,
    "authors[0].birthYear": String(ENTRANT_AUTHOR.birthYear),
    "authors[0].unit": ENTRANT_AUTHOR.unit,
    "authors[0].jobTitle": ENTRANT_AUTHOR.jobTitle,
    "authors[0].email": ENTRANT_AUTHOR.email,
    "authors[0].phone": ENTRANT_AUTHOR.phone,
    declaration: "on",
    essayMode: "file",
  };
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append("file", new File([new Uint8Array(file)], `bai-du-thi-${n}.txt`, { type: "text/plain" }));
  return form;
}

const RECEIPT = /^\/entries\/([^/]+)\/receipt$/;

/** One entrant: new entries, and new essay versions of its entries, until stopped. */
export async function runEntrant(ctx: Context, entrant: Entrant, contest: { slug: string; categoryId: string }): Promise<void> {
  // Entries this entrant may still write: their record and Entry.version as the server last confirmed it.
  const mine: { record: EntryRecord; rowVersion: number }[] = [];
  let n = 0;
  while (!ctx.stopped()) {
    await ctx.gate.step((base) => (ctx.stopped() ? Promise.resolve() : entrantStep(base)));
  }

  async function entrantStep(base: string): Promise<void> {
    n++;
    const file = essayFile(ctx);
    const title = `Bài ${entrant.label}-${n}: bảo vệ nền tảng tư tưởng`;
    const target = mine.length > 0 && ctx.random() < 0.4 ? mine[Math.floor(ctx.random() * mine.length)]! : null;
    if (!target) {
      const answer = await post(ctx, `${base}/contests/${contest.slug}/enter/upload`, entrant.cookie, entryForm(contest.categoryId, title, 0, file, n));
      if (answer.kind === "unanswered") {
        ctx.ledger.unknownNew.push({ title, sha256: sha256(file) });
        return;
      }
      const to = answer.status === 200 ? ((JSON.parse(answer.body) as { redirectTo?: string }).redirectTo ?? "") : "";
      const match = RECEIPT.exec(to);
      if (!match) {
        refused(ctx, "new entry", answer);
        return;
      }
      const record: EntryRecord = { entryId: match[1]!, title, versions: [{ number: 1, sha256: sha256(file) }], pending: null };
      ctx.ledger.entries.push(record);
      ctx.touched.entries.add(record.entryId);
      ctx.stats.acknowledged++;
      ctx.stats.acknowledgedEntries++;
      mine.push({ record, rowVersion: 0 });
      return;
    }
    const { record } = target;
    const number = Math.max(...record.versions.map((v) => v.number)) + 1;
    const answer = await post(ctx, `${base}/entries/${record.entryId}/upload`, entrant.cookie, entryForm(contest.categoryId, title, target.rowVersion, file, n));
    ctx.touched.entries.add(record.entryId);
    if (answer.kind === "unanswered") {
      record.pending = { title, version: { number, sha256: sha256(file) } };
      mine.splice(mine.indexOf(target), 1);
      return;
    }
    const to = answer.status === 200 ? ((JSON.parse(answer.body) as { redirectTo?: string }).redirectTo ?? "") : "";
    if (RECEIPT.exec(to)?.[1] !== record.entryId) {
      refused(ctx, "new version", answer);
      mine.splice(mine.indexOf(target), 1);
      return;
    }
    record.title = title;
    record.versions.push({ number, sha256: sha256(file) });
    target.rowVersion++;
    ctx.stats.acknowledged++;
    ctx.stats.acknowledgedEntries++;
  }
}

// ───────────────────────────── judges ─────────────────────────────

export interface Judge {
  cookie: string;
  assignmentIds: string[];
}

interface Snapshot {
  version: number;
  status: "DRAFT" | "SUBMITTED" | null;
  points: Record<string, number>;
  privateNote: string;
}

const contentOf = (s: Snapshot): SheetContent => ({ status: s.status ?? "DRAFT", points: s.points, privateNote: s.privateNote });

function pickPoints(ctx: Context, criteria: readonly Criterion[], all: boolean): Record<string, number> {
  const points: Record<string, number> = {};
  for (const c of criteria) {
    if (!all && ctx.random() < 0.4) continue;
    const steps = Math.round(c.maxPoints / c.step);
    points[c.id] = Math.round(ctx.random() * steps) * c.step;
  }
  return points;
}

function sheetFields(intent: "save" | "submit", expectedVersion: number, content: SheetContent): URLSearchParams {
  const body = new URLSearchParams({ intent, expectedVersion: String(expectedVersion), privateNote: content.privateNote, feedback: "" });
  // Vietnamese writes a decimal comma; the server reads both.
  for (const [id, p] of Object.entries(content.points)) body.set(`scores.${id}`, String(p).replace(".", ","));
  return body;
}

/** One judge: autosaved drafts and, now and then, a submission, over its assignments until stopped or all submitted. */
export async function runJudge(ctx: Context, judge: Judge, criteria: readonly Criterion[]): Promise<void> {
  const records = judge.assignmentIds.map((assignmentId): SheetRecord => ({ assignmentId, acked: null, pending: [] }));
  ctx.ledger.sheets.push(...records);
  const open = [...records];
  /** Sheets whose stored version is unknown after a refused submission: the next write is an autosave that settles it. */
  const unsettled = new Set<string>();
  let n = 0;
  while (!ctx.stopped() && open.length > 0) {
    await ctx.gate.step((base) => (ctx.stopped() ? Promise.resolve() : judgeStep(base)));
  }

  async function judgeStep(base: string): Promise<void> {
    n++;
    const record = open[Math.floor(ctx.random() * open.length)]!;
    const submit = !unsettled.has(record.assignmentId) && record.pending.length === 0 && ctx.random() < 0.12;
    const content: SheetContent = { status: submit ? "SUBMITTED" : "DRAFT", points: pickPoints(ctx, criteria, submit), privateNote: `Ghi chú số ${n} của giám khảo` };
    const expected = record.acked?.version ?? 0;
    const url = submit ? `${base}/judge/sheets/${record.assignmentId}` : `${base}/judge/sheets/${record.assignmentId}/autosave`;
    const answer = await post(ctx, url, judge.cookie, sheetFields(submit ? "submit" : "save", expected, content));
    ctx.touched.sheets.add(record.assignmentId);
    if (answer.kind === "unanswered") {
      record.pending.push(content);
      return;
    }
    if (submit) {
      if (answer.status === 200) {
        record.acked = { version: expected + 1, content };
        record.pending = [];
        ctx.stats.acknowledged++;
        open.splice(open.indexOf(record), 1);
      } else {
        refused(ctx, "submit", answer);
        unsettled.add(record.assignmentId);
      }
      return;
    }
    const reply = answer.status === 200 || answer.status === 409 ? (JSON.parse(answer.body) as { status: string; sheet?: Snapshot; current?: Snapshot }) : null;
    if (reply?.status === "saved" && reply.sheet) {
      if (!sameSheet(contentOf(reply.sheet), content)) {
        ctx.stats.wrongEchoes.push(`sheet ${record.assignmentId}: saved ${JSON.stringify(content)}, answered ${JSON.stringify(reply.sheet)}`);
      }
      record.acked = { version: reply.sheet.version, content };
      record.pending = [];
      unsettled.delete(record.assignmentId);
      ctx.stats.acknowledged++;
    } else if ((reply?.status === "conflict" || reply?.status === "readOnly") && reply.current) {
      // Stored meanwhile by a write whose answer never came: the server's copy is the state now.
      record.acked = reply.current.version > 0 ? { version: reply.current.version, content: contentOf(reply.current) } : null;
      record.pending = [];
      unsettled.delete(record.assignmentId);
      if (reply.current.status === "SUBMITTED") open.splice(open.indexOf(record), 1);
    } else {
      refused(ctx, "autosave", answer);
    }
  }
}

export type { Context as ClientContext };
