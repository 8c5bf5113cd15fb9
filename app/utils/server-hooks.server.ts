// What the Node server (server.mjs) asks of the application at start, per request and at stop.
import fs from "node:fs";
import path from "node:path";
import { ensureFirstAdminLink } from "#app/modules/auth/invitations.server";
import { isAllowedOrigin, type OriginCheckInput } from "#app/modules/auth/origin.server";
import { startPhaseScheduler, type PhaseScheduler } from "#app/modules/contests/scheduler.server";
import { holdInstanceLock, type InstanceLock } from "#app/modules/ops/instance-lock.server";
import { startOutboxWorker, type OutboxWorker } from "#app/modules/mail/outbox.server";
import { disconnectDb } from "./db.server";
import { env } from "./env.server";
import { migrateDeploy } from "./migrate.server";

interface Logger {
  info: (obj: object, msg?: string) => void;
  warn: (obj: object, msg?: string) => void;
  error: (obj: object, msg?: string) => void;
}

let scheduler: PhaseScheduler | undefined;
let instanceLock: InstanceLock | undefined;
let outbox: OutboxWorker | undefined;

export const serverHooks = {
  /**
   * Validates the environment, applies migrations, prints the first-admin link if needed and
   * starts the phase scheduler and the mail outbox worker (every instance may run both: each
   * scheduled change and each message is claimed in the database).
   */
  async startup(log: Logger) {
    const config = env(); // throws ConfigError with what to set
    // Held while this instance runs, so that a restore is refused (docs/backup.md).
    instanceLock ??= await holdInstanceLock(config.database);
    const deployed = await migrateDeploy(config.database);
    log.info({ database: config.database.kind, upToDate: deployed === null }, "migrations applied");
    const link = await ensureFirstAdminLink();
    if (link) {
      fs.mkdirSync(config.dataDir, { recursive: true });
      fs.writeFileSync(path.join(config.dataDir, "first-admin-link.txt"), link + "\n", { mode: 0o600 });
      log.warn({ firstAdminLink: link }, `No admin yet. Open this one-time link to create the first admin: ${link}`);
    }
    if (config.phaseSchedulerSeconds > 0 && !scheduler) {
      scheduler = startPhaseScheduler({ intervalMs: config.phaseSchedulerSeconds * 1000, log });
      log.info({ intervalSeconds: config.phaseSchedulerSeconds }, "phase scheduler started");
    }
    if (config.mailOutboxSeconds > 0 && !outbox) {
      outbox = startOutboxWorker({ intervalMs: config.mailOutboxSeconds * 1000, log });
      log.info({ intervalSeconds: config.mailOutboxSeconds }, "mail outbox worker started");
    }
    return { database: config.database.kind, port: config.port, appUrl: config.appUrl };
  },

  isAllowedOrigin(input: Omit<OriginCheckInput, "trustedOrigins">) {
    return isAllowedOrigin({ ...input, trustedOrigins: [env().appUrl] });
  },

  /** Stops the scheduler and the outbox worker (letting runs in progress finish), then closes the database. */
  async shutdown() {
    await Promise.all([scheduler?.stop(), outbox?.stop()]);
    scheduler = undefined;
    outbox = undefined;
    await disconnectDb();
    await instanceLock?.release();
    instanceLock = undefined;
  },
};
