// `npm run restore -- --from <dir>`: brings a backup back into the database of DATABASE_URL and
// the data folder of DATA_DIR, with every portal instance on that database stopped.
// See docs/backup.md. Exit code 0 when restored; 1 when refused or failed (the reason on standard
// error; a refusal leaves the target untouched); 2 for a usage error.
import path from "node:path";
import { parseArgs } from "node:util";
import { RestoreRefused, restoreBackup } from "#app/modules/ops/restore.server";
import { dataDir, resolveDatabase } from "#app/utils/database-url";

const USAGE = "usage: npm run restore -- --from <backup folder>";

async function main(): Promise<number> {
  let from: string | undefined;
  try {
    from = parseArgs({ options: { from: { type: "string" } }, strict: true }).values.from;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!from) {
    console.error(USAGE);
    return 2;
  }
  const { manifest } = await restoreBackup({
    database: resolveDatabase(),
    dataDir: dataDir(),
    // npm runs scripts in the package's folder; a relative path is meant from where npm was called.
    from: path.resolve(process.env.INIT_CWD ?? process.cwd(), from),
    log: (line) => console.log(`restore: ${line}`),
  });
  console.log(JSON.stringify({ restored: from, snapshotAt: manifest.snapshotAt, files: manifest.files.local.length }));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof RestoreRefused ? `restore refused: ${error.message}` : `restore failed: ${(error as Error).message}`);
    process.exit(1);
  },
);
