import { describe, expect, it } from "vitest";
import { CONTEST_SECTIONS, contestHome } from "./contest-nav";

describe("contestHome", () => {
  it("opens a contest on the first section the roles see", () => {
    expect(contestHome("c1", ["ORGANIZER"])).toBe("/organize/c1");
    expect(contestHome("c1", ["SECRETARY"])).toBe("/organize/c1/conflicts");
    expect(contestHome("c1", ["SECRETARY", "ORGANIZER"])).toBe("/organize/c1");
  });

  it("never opens on a section the roles cannot see", () => {
    for (const roles of [["ORGANIZER"], ["SECRETARY"]] as const) {
      const path = contestHome("c1", roles).replace(/^\/organize\/c1\/?/, "");
      const section = CONTEST_SECTIONS.find((s) => s.path === path);
      expect(section?.roles.some((r) => (roles as readonly string[]).includes(r))).toBe(true);
    }
  });
});

describe("CONTEST_SECTIONS", () => {
  it("shows the statistics to organizers and secretaries (the page itself hides the judging from secretaries)", () => {
    expect(CONTEST_SECTIONS.find((s) => s.path === "stats")?.roles).toEqual(["ORGANIZER", "SECRETARY"]);
  });
});
