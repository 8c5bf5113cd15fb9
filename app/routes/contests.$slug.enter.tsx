// /contests/:slug/enter: a new entry. Signed-in entrants only (signed out: 403 with the sign-in
// form); a contest that is not public is 404. The page says why an entry cannot be started (closed,
// or the entrant's limit reached); the server checks all of it again when the form is posted.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EntryForm } from "#app/components/entry-form";
import { useErrorText } from "#app/components/forms";
import { requireUser } from "#app/modules/auth/session.server";
import { getEnterPage } from "#app/modules/entries/entries.server";
import { postNewEntryForm } from "#app/modules/entries/entry-form.server";
import { formatDateTime } from "#app/utils/format";
import { orNotFound } from "#app/utils/http.server";
import { isLanguage } from "#app/utils/i18n";
import { pageMeta } from "#app/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageMeta(matches, (t) => t("entries:form.newHeading"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return orNotFound(await getEnterPage(params.slug ?? "", user.id));
}

export async function action({ request, params }: ActionFunctionArgs) {
  // The same handler as the upload route's (contests.$slug.enter.upload.ts).
  const outcome = await postNewEntryForm(request, params.slug ?? "");
  if (outcome.kind === "redirect") return redirect(outcome.to);
  return data({ result: outcome.result }, { status: outcome.status });
}

export default function EnterContest() {
  const { contest, author, refusal } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const lng = isLanguage(i18n.language) ? i18n.language : "vi";
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("entries:form.newHeading")}</h1>
      <p>
        {contest.closesAt
          ? t("entries:form.intro", { contest: contest.title, date: formatDateTime(contest.closesAt, lng, contest.timeZone) })
          : contest.title}{" "}
        <Link to={`/contests/${contest.slug}`} className="link">
          {t("entries:contest.rules")}
        </Link>
      </p>
      {refusal ? (
        <div role="alert" className="card space-y-2 border-red-300 bg-red-50">
          <h2 className="font-semibold">{t("entries:form.cannotEnter")}</h2>
          <p>{errorText(refusal)}</p>
          <Link to="/entries" className="link">
            {t("entries:contest.seeMyEntries")}
          </Link>
        </div>
      ) : (
        <EntryForm
          contest={contest}
          defaults={{ version: 0, categoryId: "", title: "", abstract: "", authors: [author], essayMode: contest.fileKinds.length ? "file" : "text", onlineText: "", declaration: false }}
          lastResult={actionData?.result}
          submitted={false}
          hasEssay={false}
        />
      )}
    </div>
  );
}
