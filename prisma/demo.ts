// `npm run demo`: the portal with a contest in the middle of judging, on a database of its own.
//   1. keeps its files in ./data/demo unless DATA_DIR is set, and its SQLite database there unless DATABASE_URL is set,
//   2. applies the migrations,
//   3. seeds the demo contest if it is not there yet (prisma/demo/seed.ts; re-running adds nothing),
//   4. prints the demo accounts, then starts the portal (server.mjs) on PORT (default 3000).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { hashPassword } from "#app/modules/auth/password.server";
import { resolveDatabase } from "#app/utils/database-url";
import { createDb } from "#app/utils/db.server";
import { migrateDeploy } from "#app/utils/migrate.server";
import { DEMO_PASSWORD, DEMO_SLUG } from "./demo/plan";
import { demoAccounts, seedDemo, type DemoAccount } from "./demo/seed";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// The demo's own folder (session secret, mail, uploads and, without DATABASE_URL, the SQLite file).
process.env.DATA_DIR ||= path.join(root, "data", "demo");

const ROLE_LABEL: Record<DemoAccount["role"], [string, string]> = {
  admin: ["admin", "Quản trị"],
  organizer: ["organizer", "Ban tổ chức"],
  secretary: ["secretary", "Tổ thư ký"],
  chair: ["panel chair", "Trưởng tiểu ban"],
  judge: ["judge", "Giám khảo"],
  entrant: ["entrant", "Tác giả"],
};

/** The URL without its password. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparsable URL)";
  }
}

async function main() {
  const target = resolveDatabase();
  const where = target.kind === "sqlite" ? target.file : redact(target.url);
  console.log(`Demo database: ${target.kind} ${where}`);
  await migrateDeploy(target, root);

  const db = createDb(target);
  try {
    const result = await seedDemo(db, { passwordHash: await hashPassword(DEMO_PASSWORD) });
    console.log(result.created ? `Demo contest seeded in ${(result.ms / 1000).toFixed(2)} s.` : "Demo contest already present: nothing added.");
    const accounts = await demoAccounts(db);
    const width = Math.max(...accounts.map((a) => a.email.length));
    console.log(`\nDemo accounts — the password of every account is ${DEMO_PASSWORD}`);
    for (const a of accounts) {
      const [en, vi] = ROLE_LABEL[a.role];
      console.log(`  ${en.padEnd(12)} ${`[${vi}]`.padEnd(18)} ${a.email.padEnd(width)}  ${a.name}${a.detail ? `  (${a.detail})` : ""}`);
    }
    const entrants = accounts.filter((a) => a.role === "entrant").length;
    const total = await db.entry.count({ where: { contest: { slug: DEMO_SLUG } } });
    console.log(`  …and ${total - entrants} more entrants (one per entry), same password.\n`);
  } finally {
    await db.$disconnect();
  }

  // server.mjs reads PORT, DATA_DIR and DATABASE_URL from the environment and starts at import.
  await import("../server.mjs");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
