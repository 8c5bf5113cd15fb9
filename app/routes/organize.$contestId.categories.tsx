// /organize/:contestId/categories: the contest's categories [đối tượng dự thi] and each one's
// prize tiers. Organizers add, rename, describe, reorder (keyboard: the Up/Down buttons keep the
// focus on the moved category) and delete categories, and edit the tiers until the results are
// published. Anyone else gets 404 (403 when signed out).
import { getFormProps, getInputProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, FormErrors, TextareaField, useErrorText, useSchemaForm } from "#app/components/forms";
import { Notice } from "#app/components/notice";
import { requireUser } from "#app/modules/auth/session.server";
import { categoriesActionSchema, type CategoriesAction } from "#app/modules/contests/categories.schema";
import {
  createCategory,
  deleteCategory,
  getCategoriesPage,
  moveCategory,
  savePrizeTiers,
  updateCategory,
  type CategoryResult,
  type CategoryView,
} from "#app/modules/contests/categories.server";
import { requireManagedContest } from "#app/modules/contests/policies.server";
import { notFound, orNotFound } from "#app/utils/http.server";
import { pageMeta } from "#app/utils/meta";
import { clientIp } from "#app/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageMeta(matches, (t) => t("editor:categories.heading"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireManagedContest(user, contestId);
  return orNotFound(await getCategoriesPage(contestId));
}

/** Which form on the page an action belongs to (its reply is shown there only). */
function targetOf(payload: Record<string, unknown>): string {
  const id = typeof payload.categoryId === "string" ? payload.categoryId : "";
  switch (payload.intent) {
    case "create":
      return "category-new";
    case "update":
      return `category-${id}`;
    case "tiers":
    case "defaultTiers":
      return `tiers-${id}`;
    default:
      return `actions-${id}`;
  }
}

const NOTICE: Record<CategoriesAction["intent"], string> = {
  create: "editor:categories.notices.created",
  update: "editor:categories.notices.updated",
  move: "editor:categories.notices.moved",
  delete: "editor:categories.notices.deleted",
  tiers: "editor:categories.notices.tiers",
  defaultTiers: "editor:categories.notices.tiers",
};

interface CategoriesReply {
  target: string;
  result: SubmissionResult<string[]>;
  notice: { key: string; name: string } | null;
  moved: { categoryId: string; direction: "up" | "down" } | null;
}

/** The one module function each intent calls. */
function perform(input: CategoriesAction, who: { contestId: string; actorId: string; ip: string }): Promise<CategoryResult> {
  switch (input.intent) {
    case "create":
      return createCategory({ ...who, name: input.name, description: input.description });
    case "update":
      return updateCategory({ ...who, categoryId: input.categoryId, revision: input.revision, name: input.name, description: input.description });
    case "move":
      return moveCategory({ ...who, categoryId: input.categoryId, direction: input.direction });
    case "delete":
      return deleteCategory({ ...who, categoryId: input.categoryId, revision: input.revision });
    case "tiers":
      return savePrizeTiers({ ...who, categoryId: input.categoryId, revision: input.revision, tiers: input.tiers });
    case "defaultTiers":
      return savePrizeTiers({ ...who, categoryId: input.categoryId, revision: input.revision, tiers: "default" });
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  await requireManagedContest(user, contestId);
  const submission = parseWithZod(await request.formData(), { schema: categoriesActionSchema });
  const target = targetOf(submission.payload);
  const reply = (result: SubmissionResult<string[]>, rest: Partial<CategoriesReply> = {}): CategoriesReply => ({
    target,
    result,
    notice: null,
    moved: null,
    ...rest,
  });
  if (submission.status !== "success") {
    // A list button of the tiers form (add, remove) sent without JavaScript is no error: show the updated form.
    return submission.status === "error" ? data(reply(submission.reply()), { status: 400 }) : reply(submission.reply());
  }

  const input = submission.value;
  const result = await perform(input, { contestId, actorId: user.id, ip: clientIp(request) });
  if (result.ok) {
    const key = result.changed ? NOTICE[input.intent] : "editor:categories.notices.unchanged";
    return reply(submission.reply({ resetForm: true }), {
      notice: { key, name: result.name },
      moved: input.intent === "move" ? { categoryId: input.categoryId, direction: input.direction } : null,
    });
  }
  if (result.reason === "notFound") notFound();
  if (result.reason === "stale") return data(reply(submission.reply({ formErrors: ["editor:categories.errors.stale"] })), { status: 409 });
  const errors = result.field ? { fieldErrors: { [result.field]: [result.error] } } : { formErrors: [result.error] };
  return data(reply(submission.reply(errors)), { status: 400 });
}

export default function Categories() {
  const { contest, locked, categories } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const text = useErrorText();
  const resultFor = (target: string) => (actionData?.target === target ? actionData.result : undefined);

  // After a move the category's row has moved: keep the keyboard focus on its button (or on the
  // other one once it reached an end), so Up/Down can be pressed again. The action's answer comes
  // before the page's new order, so this waits for the navigation to settle, once per answer.
  const navigation = useNavigation();
  const focused = useRef<unknown>(null);
  useEffect(() => {
    const moved = actionData?.moved;
    if (!moved || navigation.state !== "idle" || focused.current === actionData) return;
    focused.current = actionData;
    const other = moved.direction === "up" ? "down" : "up";
    const button = [moved.direction, other]
      .map((d) => document.getElementById(`move-${d}-${moved.categoryId}`) as HTMLButtonElement | null)
      .find((b) => b && !b.disabled);
    button?.focus();
  }, [actionData, navigation.state]);

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{t("editor:categories.heading")}</h1>
        <p className="text-stone-700">{t("editor:categories.intro")}</p>
      </div>
      {actionData?.notice ? <Notice>{t(actionData.notice.key, { name: actionData.notice.name })}</Notice> : null}
      {locked ? <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900">{text(locked)}</p> : null}
      {categories.length === 0 ? (
        <p>{t("editor:categories.empty")}</p>
      ) : (
        <ol className="space-y-6">
          {categories.map((category, index) => (
            <li key={category.id}>
              <CategoryCard
                key={category.revision}
                category={category}
                editable={!locked}
                first={index === 0}
                last={index === categories.length - 1}
                locale={contest.locale}
                resultFor={resultFor}
              />
            </li>
          ))}
        </ol>
      )}
      {locked ? null : <AddCategory result={resultFor("category-new")} />}
    </div>
  );
}

function AddCategory({ result }: { result?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm("category-new", categoriesActionSchema, result, { defaultValue: { intent: "create" } });
  return (
    <section aria-labelledby="add-category-heading" className="card max-w-2xl space-y-4">
      <h2 id="add-category-heading" className="text-lg font-semibold">
        {t("editor:categories.add.heading")}
      </h2>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <input type="hidden" name="intent" value="create" />
        <FormErrors errors={form.errors} />
        <Field label={t("editor:categories.fields.name")} errors={fields.name.errors} inputProps={getInputProps(fields.name, { type: "text" })} />
        <TextareaField
          label={t("editor:categories.fields.description")}
          help={t("editor:categories.fields.descriptionHelp")}
          errors={fields.description.errors}
          textareaProps={{ ...getTextareaProps(fields.description), rows: 2 }}
        />
        <button type="submit" className="btn-primary">
          {t("editor:categories.add.submit")}
        </button>
      </Form>
    </section>
  );
}

interface CategoryCardProps {
  category: CategoryView;
  editable: boolean;
  first: boolean;
  last: boolean;
  locale: string;
  resultFor: (target: string) => SubmissionResult<string[]> | undefined;
}

function CategoryCard({ category, editable, first, last, resultFor }: CategoryCardProps) {
  const { t } = useTranslation();
  const headingId = `category-${category.id}-heading`;
  const actionsResult = resultFor(`actions-${category.id}`);
  const total = category.tiers.reduce((sum, tier) => sum + tier.count, 0);
  return (
    <section aria-labelledby={headingId} className="card space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id={headingId} className="text-lg font-semibold">
            {category.name}
          </h2>
          <p className="text-sm text-stone-700">{t("editor:categories.entries", { count: category.entryCount })}</p>
        </div>
        {editable ? (
          <div className="flex flex-wrap gap-2">
            {(["up", "down"] as const).map((direction) => (
              <Form method="post" key={direction}>
                <input type="hidden" name="intent" value="move" />
                <input type="hidden" name="categoryId" value={category.id} />
                <input type="hidden" name="direction" value={direction} />
                <button
                  type="submit"
                  id={`move-${direction}-${category.id}`}
                  className="btn-secondary"
                  disabled={direction === "up" ? first : last}
                  aria-label={t(direction === "up" ? "editor:categories.moveUpNamed" : "editor:categories.moveDownNamed", { name: category.name })}
                >
                  <span aria-hidden="true">{direction === "up" ? "↑" : "↓"}</span>
                  {t(direction === "up" ? "editor:categories.moveUp" : "editor:categories.moveDown")}
                </button>
              </Form>
            ))}
            <Form method="post">
              <input type="hidden" name="intent" value="delete" />
              <input type="hidden" name="categoryId" value={category.id} />
              <input type="hidden" name="revision" value={category.revision} />
              <button type="submit" className="btn-secondary text-red-800" aria-label={t("editor:categories.deleteNamed", { name: category.name })}>
                {t("editor:categories.delete")}
              </button>
            </Form>
          </div>
        ) : null}
      </div>
      <FormErrors errors={actionsResult?.error?.[""] ?? null} />

      {editable ? (
        <CategoryDetails category={category} result={resultFor(`category-${category.id}`)} />
      ) : category.description ? (
        <p className="whitespace-pre-line">{category.description}</p>
      ) : null}

      <section aria-labelledby={`tiers-${category.id}-heading`} className="space-y-3 border-t border-stone-200 pt-4">
        <h3 id={`tiers-${category.id}-heading`} className="font-semibold">
          {t("editor:categories.tiers.heading")}
        </h3>
        {editable ? (
          <PrizeTiers category={category} result={resultFor(`tiers-${category.id}`)} />
        ) : category.tiers.length === 0 ? (
          <p>{t("editor:categories.tiers.empty")}</p>
        ) : (
          <ol className="list-decimal pl-6">
            {category.tiers.map((tier) => (
              <li key={tier.id}>
                {tier.name}: {tier.count}
              </li>
            ))}
          </ol>
        )}
        {category.tiers.length > 0 ? <p className="text-sm text-stone-700">{t("editor:categories.tiers.total", { count: total })}</p> : null}
      </section>
    </section>
  );
}

function CategoryDetails({ category, result }: { category: CategoryView; result?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(`category-${category.id}`, categoriesActionSchema, result, {
    defaultValue: { intent: "update", categoryId: category.id, revision: category.revision, name: category.name, description: category.description },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3">
      <input type="hidden" name="intent" value="update" />
      <input type="hidden" name="categoryId" value={category.id} />
      <input type="hidden" name="revision" value={category.revision} />
      <FormErrors errors={form.errors} />
      <Field label={t("editor:categories.fields.name")} errors={fields.name.errors} inputProps={getInputProps(fields.name, { type: "text" })} />
      <TextareaField
        label={t("editor:categories.fields.description")}
        help={t("editor:categories.fields.descriptionHelp")}
        errors={fields.description.errors}
        textareaProps={{ ...getTextareaProps(fields.description), rows: 2 }}
      />
      <button type="submit" className="btn-secondary">
        {t("editor:categories.save")}
      </button>
    </Form>
  );
}

function PrizeTiers({ category, result }: { category: CategoryView; result?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useSchemaForm(`tiers-${category.id}`, categoriesActionSchema, result, {
    defaultValue: {
      intent: "tiers",
      categoryId: category.id,
      revision: category.revision,
      tiers: category.tiers.map(({ name, count }) => ({ name, count })),
    },
  });
  const tiers = fields.tiers.getFieldList();
  const busy = navigation.state !== "idle" && navigation.formData?.get("categoryId") === category.id;
  return (
    <div className="space-y-3">
      {category.tiers.length === 0 ? (
        <Form method="post" className="flex flex-wrap items-center gap-3">
          <input type="hidden" name="intent" value="defaultTiers" />
          <input type="hidden" name="categoryId" value={category.id} />
          <input type="hidden" name="revision" value={category.revision} />
          <button type="submit" className="btn-primary" disabled={busy} aria-describedby={`tiers-${category.id}-default-help`}>
            {t("editor:categories.tiers.useDefault")}
          </button>
          <span id={`tiers-${category.id}-default-help`} className="text-sm text-stone-700">
            {t("editor:categories.tiers.defaultHelp")}
          </span>
        </Form>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="space-y-3">
        <input type="hidden" name="intent" value="tiers" />
        <input type="hidden" name="categoryId" value={category.id} />
        <input type="hidden" name="revision" value={category.revision} />
        <FormErrors errors={form.errors} />
        {tiers.length === 0 ? <p>{t("editor:categories.tiers.empty")}</p> : null}
        <ol className="space-y-2">
          {tiers.map((tier, index) => {
            const row = tier.getFieldset();
            return (
              <li key={tier.key}>
                <fieldset className="flex flex-wrap items-end gap-3">
                  <legend className="mb-1 text-sm font-medium">{t("editor:categories.tiers.rank", { rank: index + 1 })}</legend>
                  <div className="min-w-48 flex-1">
                    <Field label={t("editor:categories.tiers.name")} errors={row.name.errors} inputProps={getInputProps(row.name, { type: "text" })} />
                  </div>
                  <div className="w-32">
                    <Field label={t("editor:categories.tiers.count")} errors={row.count.errors} inputProps={{ ...getInputProps(row.count, { type: "number" }), step: 1 }} />
                  </div>
                  <button {...form.remove.getButtonProps({ name: fields.tiers.name, index })} className="btn-secondary mb-0.5">
                    {t("editor:categories.tiers.remove", { rank: index + 1 })}
                  </button>
                </fieldset>
              </li>
            );
          })}
        </ol>
        <ErrorList errors={fields.tiers.errors} />
        <div className="flex flex-wrap gap-3">
          <button {...form.insert.getButtonProps({ name: fields.tiers.name, defaultValue: { name: "", count: 1 } })} className="btn-secondary">
            {t("editor:categories.tiers.add")}
          </button>
          <button type="submit" className="btn-primary" disabled={busy}>
            {t("editor:categories.tiers.save")}
          </button>
        </div>
      </Form>
    </div>
  );
}
