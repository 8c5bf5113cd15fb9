import type { Translation } from "../types";
import type vi from "../vi/team";

const team: Translation<typeof vi> = {
  title: "Team",
};
export default team;
