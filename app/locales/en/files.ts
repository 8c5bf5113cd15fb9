import type { Translation } from "../types";
import type vi from "../vi/files";

const files: Translation<typeof vi> = {
  title: "Uploaded files",
};
export default files;
