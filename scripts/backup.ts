// `npm run backup -- --out <dir>`: a consistent backup of the database (DATABASE_URL) and the
// uploaded files (DATA_DIR/uploads) while the portal runs. See docs/backup.md.
// Exit code 0 with the folder written; 1 with the reason on standard error; 2 for a usage error.
import path from "node:path";
import { parseArgs } from "node:util";
import { createBackup } from "#app/modules/ops/backup.server";
import { dataDir, resolveDatabase } from "#app/utils/database-url";

const USAGE = "usage: npm run backup -- --out <new folder>";

async function main(): Promise<number> {
  let out: string | undefined;
  try {
    out = parseArgs({ options: { out: { type: "string" } }, strict: true }).values.out;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!out) {
    console.error(USAGE);
    return 2;
  }
  const { dir, manifest } = await createBackup({
    database: resolveDatabase(),
    dataDir: dataDir(),
    // npm runs scripts in the package's folder; a relative path is meant from where npm was called.
    out: path.resolve(process.env.INIT_CWD ?? process.cwd(), out),
    log: (line) => console.log(`backup: ${line}`),
  });
  if (manifest.files.uploadthing.rows) {
    console.log(`backup: ${manifest.files.uploadthing.rows} file(s) live at UploadThing: they are not in the backup (docs/backup.md)`);
  }
  console.log(JSON.stringify({ backup: dir, snapshotAt: manifest.snapshotAt, files: manifest.files.local.length }));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`backup failed: ${(error as Error).message}`);
    process.exit(1);
  },
);
