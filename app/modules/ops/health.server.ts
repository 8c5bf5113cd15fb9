// The health check behind GET /healthz.
import { databaseKind, pingDatabase } from "#app/utils/db.server";

export async function checkHealth() {
  const database = databaseKind();
  const ok = await pingDatabase();
  return { status: ok ? ("ok" as const) : ("error" as const), database };
}
