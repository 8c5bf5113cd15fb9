// The environment, validated once with zod. Every module reads configuration from here.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { dataDir, resolveDatabase, type DatabaseTarget } from "./database-url";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string().optional(),
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("Cuộc thi chính luận <no-reply@localhost>"),
  UPLOADTHING_TOKEN: z.string().optional(),
  /** The public address of the portal, used in e-mailed links. Defaults to http://localhost:PORT. */
  APP_URL: z.string().url().optional(),
  DATA_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** How often scheduled phase changes (openings, closings) are carried out; 0 turns it off on this instance. */
  PHASE_SCHEDULER_SECONDS: z.coerce
    .number()
    .int("PHASE_SCHEDULER_SECONDS must be a whole number of seconds")
    .min(0, "PHASE_SCHEDULER_SECONDS must be 0 (off) or more")
    .max(3600, "PHASE_SCHEDULER_SECONDS must be at most 3600")
    .default(30),
  /** How often this instance's mail outbox worker looks for messages to (re)deliver; 0 turns it off here. */
  MAIL_OUTBOX_SECONDS: z.coerce
    .number()
    .int("MAIL_OUTBOX_SECONDS must be a whole number of seconds")
    .min(0, "MAIL_OUTBOX_SECONDS must be 0 (off) or more")
    .max(3600, "MAIL_OUTBOX_SECONDS must be at most 3600")
    .default(5),
});

export interface Env {
  nodeEnv: "development" | "production" | "test";
  isProduction: boolean;
  port: number;
  database: DatabaseTarget;
  sessionSecrets: string[];
  smtpUrl: string | undefined;
  mailFrom: string;
  uploadthingToken: string | undefined;
  appUrl: string;
  dataDir: string;
  logLevel: string;
  /** Seconds between runs of the phase scheduler; 0 when it is off. */
  phaseSchedulerSeconds: number;
  /** Seconds between runs of the mail outbox worker; 0 when it is off on this instance. */
  mailOutboxSeconds: number;
}

export class ConfigError extends Error {}

function emptyToUndefined(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) out[k] = v === "" ? undefined : v;
  return out;
}

/**
 * In production a missing SESSION_SECRET is an error; elsewhere one is generated once and
 * kept in the data folder so sessions survive restarts.
 */
function sessionSecrets(secret: string | undefined, isProduction: boolean, dir: string): string[] {
  if (secret) return secret.split(",").map((s) => s.trim()).filter(Boolean);
  if (isProduction) {
    throw new ConfigError(
      "SESSION_SECRET is not set. In production set SESSION_SECRET to a random string of at least 32 characters, " +
        "for example the output of: node -e \"console.log(require('crypto').randomBytes(32).toString('hex'))\"",
    );
  }
  const file = path.join(dir, "session-secret");
  fs.mkdirSync(dir, { recursive: true });
  try {
    return [fs.readFileSync(file, "utf8").trim()];
  } catch {
    const generated = crypto.randomBytes(32).toString("hex");
    // wx: if two processes race, the loser reads the winner's secret.
    try {
      fs.writeFileSync(file, generated, { flag: "wx", mode: 0o600 });
      return [generated];
    } catch {
      return [fs.readFileSync(file, "utf8").trim()];
    }
  }
}

export function loadEnv(raw: Record<string, string | undefined> = process.env): Env {
  const parsed = schema.safeParse(emptyToUndefined(raw));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === "production";
  const dir = dataDir(raw);
  return {
    nodeEnv: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    database: resolveDatabase(raw),
    sessionSecrets: sessionSecrets(e.SESSION_SECRET, isProduction, dir),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    uploadthingToken: e.UPLOADTHING_TOKEN,
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    dataDir: dir,
    logLevel: e.LOG_LEVEL,
    phaseSchedulerSeconds: e.PHASE_SCHEDULER_SECONDS,
    mailOutboxSeconds: e.MAIL_OUTBOX_SECONDS,
  };
}

let cached: Env | undefined;
/** The process environment, read on first use (tests set variables before that). */
export function env(): Env {
  cached ??= loadEnv();
  return cached;
}
