import type { Translation } from "../types";
import type vi from "../vi/rounds";

const rounds: Translation<typeof vi> = {
  title: "Rounds and panels",
};
export default rounds;
