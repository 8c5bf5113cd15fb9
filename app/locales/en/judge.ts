import type { Translation } from "../types";
import type vi from "../vi/judge";

const judge: Translation<typeof vi> = {
  title: "Judging",
};
export default judge;
