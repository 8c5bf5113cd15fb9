import { prisma } from "#app/utils/db.server";
import type { Language } from "#app/utils/i18n";

export async function setPreferredLanguage(userId: string, lng: Language) {
  await prisma.user.update({ where: { id: userId }, data: { locale: lng } });
}
