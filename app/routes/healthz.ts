// GET /healthz: 200 {"status":"ok","database":"sqlite"|"postgresql"} after asking the database.
import { checkHealth } from "#app/modules/ops/health.server";

export async function loader() {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
