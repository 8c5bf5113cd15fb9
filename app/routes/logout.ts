// /logout: POST ends this session (the row is deleted) and goes home. A GET only goes home,
// so a link or an image elsewhere cannot sign anyone out.
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { destroySession } from "#app/modules/auth/session.server";

export async function action({ request }: ActionFunctionArgs) {
  return redirect("/", { headers: { "Set-Cookie": await destroySession(request) } });
}

export function loader() {
  return redirect("/");
}
