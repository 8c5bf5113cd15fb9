// Writes the demo contest (prisma/demo/plan.ts) into a database, once: if the demo contest is
// already there, nothing is written. Everything goes in one transaction, table by table with
// createMany, so a failed or interrupted seed leaves nothing behind and a retry starts clean.
import { audit } from "#app/modules/audit/audit.server";
import { type Db } from "#app/utils/db.server";
import { EMAIL_DOMAIN } from "./people";
import { buildDemoPlan, DEMO_SEED, DEMO_SLUG } from "./plan";

export interface SeedResult {
  created: boolean;
  contestId: string;
  ms: number;
}

export interface SeedOptions {
  /** The hash of the shared demo password (hashed once by the caller: argon2 is slow on purpose). */
  passwordHash: string;
  seed?: number;
  now?: Date;
}

export async function seedDemo(db: Db, options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const existing = await db.contest.findUnique({ where: { slug: DEMO_SLUG }, select: { id: true } });
  if (existing) return { created: false, contestId: existing.id, ms: performance.now() - started };

  const seed = options.seed ?? DEMO_SEED;
  const plan = buildDemoPlan({ seed, now: options.now });
  await db.$transaction(
    async (tx) => {
      await tx.user.createMany({ data: plan.users.map((u) => ({ ...u, passwordHash: options.passwordHash })) });
      await tx.contest.createMany({ data: [plan.contest] });
      await tx.contestMember.createMany({ data: plan.members });
      await tx.category.createMany({ data: plan.categories });
      await tx.prizeTier.createMany({ data: plan.prizeTiers });
      await tx.rubric.createMany({ data: [plan.rubric] });
      await tx.rubricVersion.createMany({ data: [plan.rubricVersion] });
      await tx.criterion.createMany({ data: plan.criteria });
      await tx.round.createMany({ data: [plan.round] });
      await tx.panel.createMany({ data: plan.panels });
      await tx.panelJudge.createMany({ data: plan.panelJudges });
      await tx.entry.createMany({ data: plan.entries });
      await tx.entryAuthor.createMany({ data: plan.authors });
      await tx.entryVersion.createMany({ data: plan.versions });
      // Entry and EntryVersion point at each other: once both exist, each entry's current version
      // is its latest one. One statement, the same SQL on SQLite and PostgreSQL; it leaves the
      // planned updatedAt alone.
      await tx.$executeRaw`UPDATE "Entry" SET "currentVersionId" = (SELECT v."id" FROM "EntryVersion" v WHERE v."entryId" = "Entry"."id" ORDER BY v."number" DESC LIMIT 1) WHERE "contestId" = ${plan.contest.id}`;
      await tx.roundEntry.createMany({ data: plan.roundEntries });
      await tx.assignment.createMany({ data: plan.assignments });
      await tx.scoresheet.createMany({ data: plan.scoresheets });
      await tx.score.createMany({ data: plan.scores });
      await audit(tx, {
        actorId: null,
        contestId: plan.contest.id,
        action: "demo.seed",
        targetType: "Contest",
        targetId: plan.contest.id,
        data: {
          seed,
          users: plan.users.length,
          entries: plan.entries.length,
          judges: plan.panelJudges.length,
          assignments: plan.assignments.length,
          scoresheets: {
            submitted: plan.scoresheets.filter((s) => s.status === "SUBMITTED").length,
            draft: plan.scoresheets.filter((s) => s.status === "DRAFT").length,
          },
        },
      });
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
  return { created: true, contestId: plan.contest.id, ms: performance.now() - started };
}

export interface DemoAccount {
  role: "admin" | "organizer" | "secretary" | "chair" | "judge" | "entrant";
  email: string;
  name: string;
  /** Panel, or entry code and category. */
  detail: string;
}

/** The demo's sign-in accounts as stored, one per role and seat, plus the first three entrants. */
export async function demoAccounts(db: Db, entrants = 3): Promise<DemoAccount[]> {
  const contest = await db.contest.findUniqueOrThrow({
    where: { slug: DEMO_SLUG },
    select: {
      members: { where: { role: { in: ["ORGANIZER", "SECRETARY"] } }, select: { role: true, user: { select: { email: true, name: true } } } },
      rounds: {
        orderBy: { position: "asc" },
        take: 1,
        select: {
          panels: {
            orderBy: { name: "asc" },
            select: { name: true, judges: { orderBy: [{ isChair: "desc" }, { user: { email: "asc" } }], select: { isChair: true, user: { select: { email: true, name: true } } } } },
          },
        },
      },
      entries: {
        orderBy: { entryCode: "asc" },
        take: entrants,
        select: { entryCode: true, category: { select: { name: true } }, submitter: { select: { email: true, name: true } } },
      },
    },
  });
  const admins = await db.user.findMany({ where: { isAdmin: true, email: { endsWith: `@${EMAIL_DOMAIN}` } }, orderBy: { email: "asc" } });
  const panels = contest.rounds[0]?.panels ?? [];
  const seat = (isChair: boolean) =>
    panels.flatMap((p) =>
      p.judges.filter((j) => j.isChair === isChair).map((j): DemoAccount => ({ role: isChair ? "chair" : "judge", ...j.user, detail: p.name })),
    );
  const member = (role: "ORGANIZER" | "SECRETARY") =>
    contest.members.filter((m) => m.role === role).map((m): DemoAccount => ({ role: role === "ORGANIZER" ? "organizer" : "secretary", ...m.user, detail: "" }));
  return [
    ...admins.map((u): DemoAccount => ({ role: "admin", email: u.email, name: u.name, detail: "" })),
    ...member("ORGANIZER"),
    ...member("SECRETARY"),
    ...seat(true),
    ...seat(false),
    ...contest.entries.map((e): DemoAccount => ({ role: "entrant", ...e.submitter, detail: `${e.entryCode} · ${e.category.name}` })),
  ];
}
