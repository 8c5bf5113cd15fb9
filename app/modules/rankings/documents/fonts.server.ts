// The Be Vietnam Pro TTF files (from @expo-google-fonts/be-vietnam-pro, SIL Open Font License),
// read once by path: they carry every Vietnamese glyph, which the built-in PDF fonts cannot encode.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { FontFiles } from "./pdf-writer";

const resolve = createRequire(import.meta.url).resolve;
const FAMILY = "@expo-google-fonts/be-vietnam-pro";

let loading: Promise<FontFiles> | undefined;

/** The regular, bold and italic faces. */
export function documentFonts(): Promise<FontFiles> {
  loading ??= (async () => {
    const [regular, bold, italic] = await Promise.all(
      ["400Regular", "700Bold", "400Regular_Italic"].map((face) => readFile(resolve(`${FAMILY}/${face}/BeVietnamPro_${face}.ttf`))),
    );
    return { regular: regular!, bold: bold!, italic: italic! };
  })();
  return loading;
}
