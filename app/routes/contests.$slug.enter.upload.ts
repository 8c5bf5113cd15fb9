// POST /contests/:slug/enter/upload: the new-entry form sent by the page's script with
// XMLHttpRequest (to show the upload's progress). The same handler as the page's action; the
// answer is JSON: where to go next, or the form's errors.
import type { ActionFunctionArgs } from "@remix-run/node";
import { postNewEntryForm } from "#app/modules/entries/entry-form.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const outcome = await postNewEntryForm(request, params.slug ?? "");
  if (outcome.kind === "redirect") return Response.json({ redirectTo: outcome.to });
  return Response.json({ result: outcome.result }, { status: outcome.status });
}
