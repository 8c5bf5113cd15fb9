// POST /entries/:entryId/upload: the entry's form sent by the page's script with XMLHttpRequest
// (to show the upload's progress). The same handler as the page's action; the answer is JSON:
// where to go next, or the form's errors.
import type { ActionFunctionArgs } from "@remix-run/node";
import { postEntryForm } from "#app/modules/entries/entry-form.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const outcome = await postEntryForm(request, params.entryId ?? "");
  if (outcome.kind === "redirect") return Response.json({ redirectTo: outcome.to });
  return Response.json({ result: outcome.result }, { status: outcome.status });
}
