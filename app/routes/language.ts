// POST /language: the language switcher on every page. Remembers the choice in a cookie
// and, for a signed-in user, on the account (e-mails then use it too).
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { safeRedirect } from "#app/modules/auth/auth.schema";
import { setPreferredLanguage } from "#app/modules/auth/users.server";
import { getOptionalUser } from "#app/modules/auth/session.server";
import { languages } from "#app/utils/i18n";
import { setLanguageCookie } from "#app/utils/locale.server";

const schema = z.object({ lng: z.enum(languages), redirectTo: z.string().optional() });

export async function action({ request }: ActionFunctionArgs) {
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  const user = await getOptionalUser(request);
  if (user) await setPreferredLanguage(user.id, parsed.data.lng);
  return redirect(safeRedirect(parsed.data.redirectTo), {
    headers: { "Set-Cookie": await setLanguageCookie(request, parsed.data.lng) },
  });
}

export function loader() {
  return redirect("/");
}
