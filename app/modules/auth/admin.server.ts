// What the installation's admin sees of accounts.
import { prisma } from "#app/utils/db.server";
import { sortByName } from "#app/utils/format";

export async function listUsers() {
  const users = await prisma.user.findMany({
    select: { id: true, name: true, email: true, isAdmin: true, isOrganizer: true, disabledAt: true, createdAt: true },
  });
  return sortByName(users, (u) => u.name);
}
