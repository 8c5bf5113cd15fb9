// What the installation's admin sees and does with accounts.
import { audit } from "#app/modules/audit/audit.server";
import { prisma } from "#app/utils/db.server";
import { sortByName } from "#app/utils/format";

export async function listUsers() {
  const users = await prisma.user.findMany({
    select: { id: true, name: true, email: true, isAdmin: true, isOrganizer: true, disabledAt: true, createdAt: true },
  });
  return sortByName(users, (u) => u.name);
}

/** Grants or withdraws the right to create contests; logged. Returns the user's name, or null if unknown. */
export async function setOrganizer(adminId: string, userId: string, value: boolean, ip?: string): Promise<string | null> {
  return prisma.$transaction(async (tx) => {
    const updated = await tx.user.updateMany({ where: { id: userId }, data: { isOrganizer: value } });
    if (updated.count === 0) return null;
    await audit(tx, { actorId: adminId, action: "user.setOrganizer", targetType: "User", targetId: userId, data: { value }, ip });
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } });
    return user.name;
  });
}
