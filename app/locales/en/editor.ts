import type { Translation } from "../types";
import type vi from "../vi/editor";

const editor: Translation<typeof vi> = {
  title: "Rules and settings",
};
export default editor;
