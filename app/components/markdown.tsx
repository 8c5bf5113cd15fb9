// A contest's Markdown text (its rules, later its public page) as safe HTML: the renderer
// (app/modules/contests/markdown.ts) allows no raw HTML and only http(s)/mailto links, so its
// output may be inserted as is. Pure, so it renders the same on the server and in the browser.
import { useMemo } from "react";
import { renderMarkdown } from "#app/modules/contests/markdown";

/** Typography for rendered Markdown, without a plugin: headings, lists, quotes, code, tables. */
const MARKDOWN_STYLE = [
  "space-y-3 leading-relaxed break-words",
  "[&_h1]:text-2xl [&_h2]:text-xl [&_h3]:text-xl [&_h4]:text-lg [&_h1]:font-bold [&_h2]:font-bold [&_h3]:font-bold [&_h4]:font-bold [&_h5]:font-semibold [&_h6]:font-semibold",
  "[&_ul]:list-disc [&_ol]:list-decimal [&_ul]:pl-6 [&_ol]:pl-6 [&_li]:my-1",
  "[&_a]:text-brand-700 [&_a]:underline [&_a]:underline-offset-2",
  "[&_blockquote]:border-l-4 [&_blockquote]:border-stone-300 [&_blockquote]:pl-4 [&_blockquote]:text-stone-700",
  "[&_code]:rounded [&_code]:bg-stone-100 [&_code]:px-1 [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-stone-100 [&_pre]:p-3",
  "[&_table]:w-full [&_table]:border-collapse [&_th]:border [&_th]:border-stone-300 [&_th]:p-2 [&_td]:border [&_td]:border-stone-300 [&_td]:p-2",
  "[&_img]:max-w-full [&_hr]:border-stone-300",
].join(" ");

interface ContestMarkdownProps {
  source: string;
  /** The language the text is written in (the contest's locale), for screen readers and hyphenation. */
  lang?: string;
  /**
   * Levels to shift the text's headings by, so they sit below the page's own: 2 (the default)
   * for a text shown under an h2, where "# Điều 1" becomes an h3.
   */
  headingOffset?: number;
  className?: string;
}

export function ContestMarkdown({ source, lang, headingOffset = 2, className = "" }: ContestMarkdownProps) {
  const html = useMemo(() => renderMarkdown(source, { headingOffset }), [source, headingOffset]);
  // The renderer's output is safe by construction (see markdown.ts and its tests).
  return <div lang={lang} className={`${MARKDOWN_STYLE} ${className}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
