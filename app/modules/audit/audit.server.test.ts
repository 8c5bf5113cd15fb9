import { expect, it } from "vitest";
import { prisma } from "#app/utils/db.server";
import { audit } from "./audit.server";

it("appends records that the database itself refuses to change or delete", async () => {
  await prisma.$transaction((tx) => audit(tx, { action: "test.append", data: { n: 1 }, ip: "127.0.0.1" }));
  const row = await prisma.auditLog.findFirstOrThrow({ where: { action: "test.append" } });
  expect(JSON.parse(row.data)).toEqual({ n: 1 });

  // The drivers word the refusal differently (SQLite reports its trigger as a constraint);
  // what matters is that it is refused and nothing changed.
  await expect(prisma.auditLog.update({ where: { id: row.id }, data: { action: "tampered" } })).rejects.toThrow();
  await expect(prisma.auditLog.deleteMany({})).rejects.toThrow();
  expect(await prisma.auditLog.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ action: "test.append" });
  expect(await prisma.auditLog.count()).toBeGreaterThanOrEqual(1);
});
