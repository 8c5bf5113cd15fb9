// /admin: the installation's accounts, inviting organizers, granting the right to create contests.
import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, useSchemaForm } from "#app/components/forms";
import { Notice } from "#app/components/notice";
import { adminActionSchema } from "#app/modules/auth/admin.schema";
import { listUsers, setOrganizer } from "#app/modules/auth/admin.server";
import { inviteByEmail } from "#app/modules/auth/invitations.server";
import { requireUser } from "#app/modules/auth/session.server";
import { requireAdmin } from "#app/modules/contests/policies.server";
import { notFound } from "#app/utils/http.server";
import { getLanguage } from "#app/utils/locale.server";
import { pageMeta } from "#app/utils/meta";
import { clientIp } from "#app/utils/request.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t("admin:title"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requireAdmin(user);
  return { users: await listUsers(), me: user.id };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requireAdmin(user);
  const submission = parseWithZod(await request.formData(), { schema: adminActionSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const input = submission.value;
  if (input.intent === "invite") {
    await inviteByEmail({
      role: "ORGANIZER",
      email: input.email,
      contestId: null,
      invitedById: user.id,
      language: await getLanguage(request),
    });
    return { result: submission.reply({ resetForm: true }), notice: { key: "admin:invite.sent", email: input.email } };
  }
  const name = await setOrganizer(user.id, input.userId, input.value === "true", clientIp(request));
  if (name === null) notFound();
  return { result: submission.reply(), notice: { key: "admin:updated", name } };
}

export default function Admin() {
  const { users, me } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm("invite-organizer", adminActionSchema, actionData?.result);
  const notice = actionData && "notice" in actionData ? actionData.notice : null;
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">{t("admin:heading")}</h1>
      {notice ? (
        <Notice>
          {notice.key === "admin:invite.sent"
            ? t("admin:invite.sent", { email: notice.email })
            : t("admin:updated", { name: notice.name })}
        </Notice>
      ) : null}
      <section aria-labelledby="invite-heading" className="card max-w-xl space-y-3">
        <h2 id="invite-heading" className="text-lg font-semibold">
          {t("admin:invite.heading")}
        </h2>
        <p className="text-sm text-stone-700">{t("admin:invite.help")}</p>
        <Form method="post" {...getFormProps(form)} className="space-y-3">
          <input type="hidden" name="intent" value="invite" />
          <FormErrors errors={form.errors} />
          <Field
            label={t("admin:invite.email")}
            errors={fields.email.errors}
            inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "off" }}
          />
          <button type="submit" className="btn-primary">
            {t("admin:invite.submit")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="users-heading">
        <h2 id="users-heading" className="mb-3 text-lg font-semibold">
          {t("admin:users")}
        </h2>
        <table className="w-full border-collapse bg-white text-left text-sm">
          <thead>
            <tr className="border-b border-stone-300">
              <th scope="col" className="p-2">{t("admin:name")}</th>
              <th scope="col" className="p-2">{t("admin:email")}</th>
              <th scope="col" className="p-2">{t("admin:roles")}</th>
              <th scope="col" className="p-2">
                <span className="sr-only">{t("admin:isOrganizer")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-b border-stone-200">
                <td className="p-2">{u.name}</td>
                <td className="p-2">{u.email}</td>
                <td className="p-2">
                  {[
                    u.isAdmin ? t("admin:isAdmin") : null,
                    u.isOrganizer ? t("admin:isOrganizer") : null,
                    !u.isAdmin && !u.isOrganizer ? t("admin:entrant") : null,
                    u.disabledAt ? t("admin:disabled") : null,
                  ]
                    .filter(Boolean)
                    .join(", ")}
                </td>
                <td className="p-2">
                  {u.id !== me && !u.isAdmin ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="setOrganizer" />
                      <input type="hidden" name="userId" value={u.id} />
                      <input type="hidden" name="value" value={u.isOrganizer ? "false" : "true"} />
                      <button type="submit" className="btn-secondary">
                        {u.isOrganizer ? t("admin:removeOrganizer") : t("admin:makeOrganizer")}
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
