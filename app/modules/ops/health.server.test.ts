import { expect, it } from "vitest";
import { checkHealth } from "./health.server";

it("reports ok and which database answered", async () => {
  const expected = process.env.DATABASE_URL!.startsWith("postgres") ? "postgresql" : "sqlite";
  await expect(checkHealth()).resolves.toEqual({ status: "ok", database: expected });
});
