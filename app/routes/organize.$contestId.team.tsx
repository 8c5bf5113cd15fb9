// /organize/:contestId/team: the contest's members by role and its open invitations, for its
// organizers (anyone else, secretaries included, gets 404): invite by e-mail (several addresses
// at once), resend or revoke an invitation, revoke a membership.
import { getFormProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, TextareaField, useSchemaForm } from "#app/components/forms";
import { Notice } from "#app/components/notice";
import type { ContestRole } from "#app/generated/sqlite/enums";
import { requireUser } from "#app/modules/auth/session.server";
import { requireManagedContest } from "#app/modules/contests/policies.server";
import { INVITE_BATCH_MAX, ROLE_ORDER, TEAM_ROLES, rejectedAddressError, teamActionSchema } from "#app/modules/contests/team.schema";
import {
  getTeam,
  inviteTeamMembers,
  resendTeamInvitation,
  revokeMembership,
  revokeTeamInvitation,
  type TeamMember,
} from "#app/modules/contests/team.server";
import { formatDate, formatDateTime } from "#app/utils/format";
import { notFound, orNotFound } from "#app/utils/http.server";
import { isLanguage } from "#app/utils/i18n";
import { getLanguage } from "#app/utils/locale.server";
import { pageMeta } from "#app/utils/meta";
import { clientIp } from "#app/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageMeta(matches, (t) => t("team:title"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireManagedContest(user, contestId);
  return { team: orNotFound(await getTeam(contestId)) };
}

type TeamNotice =
  | { key: "invited"; role: ContestRole; count: number; alreadyMembers: string[]; rejected: number }
  | { key: "resent" | "invitationRevoked"; email: string }
  | { key: "memberRevoked"; role: ContestRole; name: string; seats: number };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireManagedContest(user, contestId);
  const submission = parseWithZod(await request.formData(), { schema: teamActionSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), notice: null, error: null }, { status: 400 });
  const input = submission.value;
  const ip = clientIp(request);

  if (input.intent === "invite") {
    const { emails, rejected } = input.addresses;
    const outcome = await inviteTeamMembers({ contestId, actorId: user.id, role: input.role, emails, language: await getLanguage(request), ip });
    const notice: TeamNotice = { key: "invited", role: input.role, count: outcome.sent.length, alreadyMembers: outcome.alreadyMembers, rejected: rejected.length };
    if (rejected.length === 0) return { result: submission.reply({ resetForm: true }), notice, error: null };
    // What was valid went out; the invalid lines stay in the box, each reported by its line.
    const reply = submission.reply({ fieldErrors: { addresses: rejected.map(rejectedAddressError) } });
    const result = { ...reply, initialValue: { ...reply.initialValue, addresses: rejected.map((r) => r.value).join("\n") } };
    return data({ result, notice, error: null }, { status: 400 });
  }

  if (input.intent === "revokeMember") {
    const outcome = await revokeMembership({ contestId, memberId: input.memberId, actorId: user.id, ip });
    if (!outcome.ok && outcome.status === "notFound") notFound();
    if (!outcome.ok) return data({ result: null, notice: null, error: outcome.error }, { status: 409 });
    // An organizer who gave up their own role has no business here any more.
    if (outcome.self && outcome.role === "ORGANIZER") throw redirect("/organize");
    const notice: TeamNotice = { key: "memberRevoked", role: outcome.role, name: outcome.name, seats: outcome.removedSeats };
    return { result: null, notice, error: null };
  }

  const outcome =
    input.intent === "resend"
      ? await resendTeamInvitation({ contestId, invitationId: input.invitationId, actorId: user.id, language: await getLanguage(request), ip })
      : await revokeTeamInvitation({ contestId, invitationId: input.invitationId, actorId: user.id, ip });
  if (!outcome.ok && outcome.status === "notFound") notFound();
  if (!outcome.ok) return data({ result: null, notice: null, error: outcome.error }, { status: 409 });
  const notice: TeamNotice = { key: input.intent === "resend" ? "resent" : "invitationRevoked", email: outcome.email };
  return { result: null, notice, error: null };
}

function NoticeText({ notice }: { notice: TeamNotice }) {
  const { t } = useTranslation();
  if (notice.key === "invited") {
    const role = t(`organize:role.${notice.role}`);
    return (
      <Notice>
        {notice.count > 0 ? <span className="block">{t("team:invite.sent", { role, count: notice.count })}</span> : null}
        {notice.alreadyMembers.length > 0 ? (
          <span className="block">{t("team:invite.alreadyMembers", { role, emails: notice.alreadyMembers.join(", ") })}</span>
        ) : null}
        {notice.rejected > 0 ? <span className="block">{t("team:invite.rejected")}</span> : null}
      </Notice>
    );
  }
  if (notice.key === "memberRevoked") {
    const values = { role: t(`organize:role.${notice.role}`), name: notice.name, count: notice.seats };
    return <Notice>{notice.seats > 0 ? t("team:members.revokedSeats", values) : t("team:members.revoked", values)}</Notice>;
  }
  return <Notice>{t(notice.key === "resent" ? "team:invitations.resent" : "team:invitations.revoked", { email: notice.email })}</Notice>;
}

function InviteForm() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useSchemaForm("team-invite", teamActionSchema, actionData?.result, { defaultValue: { intent: "invite", role: "JUDGE" } });
  const roleOptions = TEAM_ROLES.map((r) => ({ value: r, label: t(`organize:role.${r}`) }));
  // The lines the server kept (the invalid ones), to show in the box in place of what was typed.
  const kept = actionData?.result?.initialValue?.addresses;
  const keptText = typeof kept === "string" ? kept : null;
  return (
    <section aria-labelledby="invite-heading" className="card max-w-2xl space-y-4">
      <h2 id="invite-heading" className="text-lg font-semibold">
        {t("team:invite.heading")}
      </h2>
      {/* Keyed by what the server sent back, so the box shows the lines it kept. */}
      <Form method="post" {...getFormProps(form)} key={keptText ?? ""} className="space-y-4">
        <input type="hidden" name="intent" value="invite" />
        <FormErrors errors={form.errors} />
        <SelectField
          label={t("team:invite.role")}
          errors={fields.role.errors}
          selectProps={getSelectProps(fields.role)}
          options={roleOptions}
        />
        <TextareaField
          label={t("team:invite.addresses")}
          help={t("team:invite.addressesHelp", { max: INVITE_BATCH_MAX })}
          errors={fields.addresses.errors}
          textareaProps={{
            ...getTextareaProps(fields.addresses),
            ...(keptText !== null ? { defaultValue: keptText } : {}),
            rows: 5,
            autoCapitalize: "none",
            spellCheck: false,
          }}
        />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {t("team:invite.submit")}
        </button>
      </Form>
    </section>
  );
}

function RoleSection({ role, members, organizers, timeZone }: { role: ContestRole; members: TeamMember[]; organizers: number; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const lng = isLanguage(i18n.language) ? i18n.language : "vi";
  const roleName = t(`organize:role.${role}`);
  const headingId = `members-${role.toLowerCase()}`;
  return (
    <section aria-labelledby={headingId} className="space-y-2">
      <h2 id={headingId} className="text-lg font-semibold">
        {t("team:members.count", { role: roleName, count: members.length })}
      </h2>
      {members.length === 0 ? (
        <p className="text-stone-700">{t("team:members.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left text-sm">
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="p-2">{t("team:members.name")}</th>
                <th scope="col" className="p-2">{t("team:members.email")}</th>
                <th scope="col" className="p-2">{t("team:members.since")}</th>
                <th scope="col" className="p-2">{t("team:members.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.id} className="border-b border-stone-200">
                  <td className="p-2">{m.name}</td>
                  <td className="p-2">{m.email}</td>
                  <td className="p-2">{formatDate(m.since, lng, timeZone)}</td>
                  <td className="p-2">
                    {role === "ORGANIZER" && organizers <= 1 ? (
                      <span className="text-stone-600">{t("team:members.lastOrganizer")}</span>
                    ) : (
                      <Form
                        method="post"
                        onSubmit={(event) => {
                          if (!window.confirm(t("team:members.revokeConfirm", { role: roleName, name: m.name }))) event.preventDefault();
                        }}
                      >
                        <input type="hidden" name="intent" value="revokeMember" />
                        <input type="hidden" name="memberId" value={m.id} />
                        <button type="submit" className="btn-secondary" aria-label={t("team:members.revokeLabel", { role: roleName, name: m.name })}>
                          {t("team:members.revoke")}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export default function ContestTeam() {
  const { team } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lng = isLanguage(i18n.language) ? i18n.language : "vi";
  const { contest, members, invitations } = team;
  const organizers = members.filter((m) => m.role === "ORGANIZER").length;
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{t("team:heading", { contest: contest.title })}</h1>
        <p className="text-stone-700">{t("team:intro")}</p>
      </div>
      {actionData?.notice ? <NoticeText notice={actionData.notice} /> : null}
      {actionData?.error ? <FormErrors errors={[actionData.error]} /> : null}

      <InviteForm />

      {ROLE_ORDER.map((role) => (
        <RoleSection
          key={role}
          role={role}
          members={members.filter((m) => m.role === role)}
          organizers={organizers}
          timeZone={contest.timeZone}
        />
      ))}

      <section aria-labelledby="invitations-heading" className="space-y-2">
        <h2 id="invitations-heading" className="text-lg font-semibold">
          {t("team:invitations.heading")}
        </h2>
        {invitations.length === 0 ? (
          <p className="text-stone-700">{t("team:invitations.empty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse bg-white text-left text-sm">
              <thead>
                <tr className="border-b border-stone-300">
                  <th scope="col" className="p-2">{t("team:invitations.email")}</th>
                  <th scope="col" className="p-2">{t("team:invitations.role")}</th>
                  <th scope="col" className="p-2">{t("team:invitations.sentAt")}</th>
                  <th scope="col" className="p-2">{t("team:invitations.expiresAt")}</th>
                  <th scope="col" className="p-2">{t("team:invitations.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {invitations.map((inv) => (
                  <tr key={inv.id} className="border-b border-stone-200">
                    <td className="p-2">{inv.email}</td>
                    <td className="p-2">{t(`auth:roles.${inv.role}`)}</td>
                    <td className="p-2">{formatDateTime(inv.sentAt, lng, contest.timeZone)}</td>
                    <td className="p-2">
                      {inv.expired ? <strong className="font-semibold text-red-800">{t("team:invitations.expired")}</strong> : null}{" "}
                      {formatDateTime(inv.expiresAt, lng, contest.timeZone)}
                    </td>
                    <td className="whitespace-nowrap p-2">
                      <div className="flex gap-2">
                        <Form method="post">
                          <input type="hidden" name="intent" value="resend" />
                          <input type="hidden" name="invitationId" value={inv.id} />
                          <button type="submit" className="btn-secondary" aria-label={t("team:invitations.resendLabel", { email: inv.email })}>
                            {t("team:invitations.resend")}
                          </button>
                        </Form>
                        <Form method="post">
                          <input type="hidden" name="intent" value="revokeInvitation" />
                          <input type="hidden" name="invitationId" value={inv.id} />
                          <button type="submit" className="btn-secondary" aria-label={t("team:invitations.revokeLabel", { email: inv.email })}>
                            {t("team:invitations.revoke")}
                          </button>
                        </Form>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
