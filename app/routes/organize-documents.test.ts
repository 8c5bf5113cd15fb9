// The results documents and exports through their real loaders: a signed-out visitor gets 403; an
// entrant, a judge and a secretary of the contest and an organizer of another contest get 404 with
// nothing of the results in the body, while a published contest with names, titles, judges and
// certificate codes exists. The organizer downloads each file; a round or panel of another contest,
// or a bad format, is refused.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { publishPreview, publishResults } from "#app/modules/rankings/publish.server";
import { readFile } from "#app/modules/storage/extract.server";
import { prisma } from "#app/utils/db.server";
import { SIGN_IN_REQUIRED } from "#app/utils/errors";
import { languageCookie } from "#app/utils/locale.server";
import { sessionCookie } from "#tests/factories/accounts";
import { addContestMember, createTestContest } from "#tests/factories/contests";
import { getRequest, load, type Outcome } from "#tests/factories/requests";
import { createJudgedContest } from "#tests/factories/results";
import * as certificatesRoute from "./organize.$contestId.results.certificates[.]pdf";
import * as exportRoute from "./organize.$contestId.results.$roundId.export";
import * as minutesRoute from "./organize.$contestId.results.$roundId.minutes.$panelId";
import * as listRoute from "./organize.$contestId.results.list[.]pdf";

const SECRET_TITLE = "Bài dự thi về chuyển đổi số ở cơ sở";
const SECRET_AUTHOR = "Hoàng Thị Kín Đáo";
const JUDGE_NAME = "Võ Văn Giám Khảo Kín";

type Who = "signedOut" | "entrant" | "judge" | "secretary" | "otherOrganizer";
const cookies: Record<Who | "organizer", string | undefined> = { signedOut: undefined, entrant: "", judge: "", secretary: "", otherOrganizer: "", organizer: "" };
let s: Awaited<ReturnType<typeof createJudgedContest>>;
let codes: string[];

beforeAll(async () => {
  s = await createJudgedContest({ entries: 3, points: (i) => 90 - i * 10, judgeNames: [JUDGE_NAME, "Giám khảo Hai", "Giám khảo Ba"] });
  await prisma.entry.update({ where: { id: s.entries[0]!.id }, data: { title: SECRET_TITLE } });
  await prisma.entryAuthor.updateMany({ where: { entryId: s.entries[0]!.id }, data: { name: SECRET_AUTHOR } });
  const preview = await publishPreview(s.contest.id);
  await publishResults({ contestId: s.contest.id, actorId: s.organizerId, showScores: true, fingerprint: preview!.results.fingerprint });
  codes = (await prisma.certificate.findMany({ where: { publication: { contestId: s.contest.id } } })).map((c) => c.code);
  expect(codes).toHaveLength(3);
  cookies.organizer = await sessionCookie(s.organizerId);
  cookies.entrant = await sessionCookie(s.entries[0]!.submitterId);
  cookies.judge = await sessionCookie(s.judges[0]!.id);
  cookies.secretary = (await addContestMember(s.contest.id, "SECRETARY")).cookie;
  cookies.otherOrganizer = await sessionCookie((await createTestContest()).organizerId);
});

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;
const params = () => ({ contestId: s.contest.id, roundId: s.round.id, panelId: s.panel.id });
const downloads: [string, Loader, () => string][] = [
  ["results list", listRoute.loader, () => `/organize/${s.contest.id}/results/list.pdf`],
  ["draft results list", listRoute.loader, () => `/organize/${s.contest.id}/results/list.pdf?draft=on`],
  ["certificates", certificatesRoute.loader, () => `/organize/${s.contest.id}/results/certificates.pdf?version=1`],
  ["one certificate", certificatesRoute.loader, () => `/organize/${s.contest.id}/results/certificates.pdf?entry=${s.entries[0]!.id}`],
  ["minutes", minutesRoute.loader, () => `/organize/${s.contest.id}/results/${s.round.id}/minutes/${s.panel.id}`],
  ["ranking XLSX", exportRoute.loader, () => `/organize/${s.contest.id}/results/${s.round.id}/export?format=xlsx`],
  ["ranking CSV", exportRoute.loader, () => `/organize/${s.contest.id}/results/${s.round.id}/export?format=csv`],
];

function expectNoLeak(outcome: Outcome) {
  const body = typeof outcome.body === "string" ? outcome.body : JSON.stringify(outcome.body);
  for (const secret of [SECRET_TITLE, SECRET_AUTHOR, JUDGE_NAME, ...codes]) expect(body).not.toContain(secret);
  expect(outcome.headers.get("Content-Disposition")).toBeNull();
}

const refusals: [Who, number][] = [
  ["signedOut", 403],
  ["entrant", 404],
  ["judge", 404],
  ["secretary", 404],
  ["otherOrganizer", 404],
];

describe("refusals", () => {
  for (const [name, loader, path] of downloads) {
    for (const [who, status] of refusals) {
      it(`${name}: ${who} gets ${status}`, async () => {
        const res = await load(loader, path(), { cookie: cookies[who], params: params() });
        expect(res.status).toBe(status);
        if (who === "signedOut") expect(res.body).toBe(SIGN_IN_REQUIRED);
        expectNoLeak(res);
      });
    }
  }

  it("a round or panel of another contest is 404 even for the organizer; a bad format or version is 400", async () => {
    const other = await createJudgedContest({ entries: 1, points: () => 50 });
    const as = { cookie: cookies.organizer };
    const foreign = { contestId: s.contest.id, roundId: other.round.id, panelId: other.panel.id };
    expect((await load(minutesRoute.loader, "/x", { ...as, params: foreign })).status).toBe(404);
    expect((await load(minutesRoute.loader, "/x", { ...as, params: { ...params(), panelId: other.panel.id } })).status).toBe(404);
    expect((await load(exportRoute.loader, "/x?format=xlsx", { ...as, params: foreign })).status).toBe(404);
    expect((await load(certificatesRoute.loader, `/x?entry=${other.entries[0]!.id}`, { ...as, params: params() })).status).toBe(404);
    expect((await load(certificatesRoute.loader, "/x?version=9", { ...as, params: params() })).status).toBe(404);
    expect((await load(exportRoute.loader, "/x?format=pdf", { ...as, params: params() })).status).toBe(400);
    expect((await load(listRoute.loader, "/x?version=abc", { ...as, params: params() })).status).toBe(400);
  });
});

describe("the organizer", () => {
  async function download(loader: Loader, path: string, cookie = cookies.organizer) {
    const response = (await loader({ request: getRequest(path, { cookie }), params: params(), context: {} })) as Response;
    return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
  }

  it("downloads every file as an attachment, not cached", async () => {
    for (const [name, loader, path] of downloads) {
      const { response, bytes } = await download(loader, path());
      expect(response.status, name).toBe(200);
      expect(response.headers.get("Content-Disposition"), name).toMatch(/^attachment; filename="[\w.-]+\.(pdf|xlsx|csv)"$/);
      expect(response.headers.get("Cache-Control")).toBe("private, no-store");
      expect(bytes.length).toBeGreaterThan(100);
    }
  });

  it("gets the certificates in the language chosen (Vietnamese by default), the codes printed", async () => {
    const path = `/organize/${s.contest.id}/results/certificates.pdf`;
    const english = `${cookies.organizer}; ${(await languageCookie.serialize("en")).split(";")[0]}`;
    for (const [cookie, heading] of [
      [cookies.organizer, "GIẤY CHỨNG NHẬN"],
      [english, "CERTIFICATE"],
    ] as const) {
      const { response, bytes } = await download(certificatesRoute.loader, path, cookie);
      expect(response.headers.get("Content-Type")).toBe("application/pdf");
      const read = await readFile(bytes);
      const text = read.ok ? read.text!.text : "";
      expect(text).toContain(heading);
      expect(text).toContain(SECRET_AUTHOR);
      for (const code of codes) expect(text).toContain(code);
    }
  });
});
