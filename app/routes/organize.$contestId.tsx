// /organize/:contestId/*: the contest's back office frame (title, phase, sections) for its staff
// (organizers and secretaries); anyone else gets 404. Every section checks its own policy too.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ContestNav } from "#app/components/contest-nav";
import { requireUser } from "#app/modules/auth/session.server";
import { getContestHeader } from "#app/modules/contests/contests.server";
import { requireContestStaff } from "#app/modules/contests/policies.server";
import { orNotFound } from "#app/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  const roles = await requireContestStaff(user, contestId);
  return { contest: orNotFound(await getContestHeader(contestId)), roles: [...roles] };
}

export default function ContestBackOffice() {
  const { contest, roles } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="grid gap-6 md:grid-cols-[12rem_1fr]">
      <aside className="space-y-3">
        <p className="text-sm text-stone-600">
          <span className="block font-semibold text-stone-900">{contest.title}</span>
          <span data-testid="contest-phase">{t(`organize:phase.${contest.phase}`)}</span>
        </p>
        <ContestNav contestId={contest.id} roles={roles} />
      </aside>
      <div className="min-w-0">
        <Outlet />
      </div>
    </div>
  );
}
