// A contest's Markdown texts (rules, later the public page) rendered to safe HTML. Pure and
// client-safe: the editor's live preview runs it in the browser, the public page on the server.
//
// Safety comes from the parser's own settings, not from cleaning its output afterwards:
// - raw HTML is off, so "<script>", "<img onerror=...>" and the like come out as text;
// - a link is kept only for http(s) and mailto addresses (anything else, relative addresses
//   included, stays plain text), and it opens with rel="nofollow noopener noreferrer";
// - an image is kept only for an http(s) address (no javascript:, data:, file: ...), otherwise
//   its alternative text is shown.
// Headings can be shifted down (headingOffset), so a text embedded under a page's own headings
// keeps one h1 per page and a sensible outline.
import MarkdownIt from "markdown-it";

/** What a link may point to. */
export const SAFE_LINK = /^(?:https?:\/\/|mailto:)/i;
/** What an image may be loaded from. */
export const SAFE_IMAGE = /^https?:\/\//i;
export const LINK_REL = "nofollow noopener noreferrer";

function createRenderer(): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
  // Called with the normalised address of links, autolinks, linkified text and images.
  md.validateLink = (url) => SAFE_LINK.test(url.trim());

  // markdown-it keeps a link with an empty destination ("[x]()", "[x]( )") without asking
  // validateLink; such a link, like any address SAFE_LINK refuses, is dropped here and its text kept.
  md.core.ruler.push("unsafe_links_as_text", (state) => {
    for (const block of state.tokens) {
      if (block.type !== "inline" || !block.children) continue;
      const dropped: boolean[] = [];
      block.children = block.children.filter((token) => {
        if (token.type === "link_open") {
          const drop = !SAFE_LINK.test((token.attrGet("href") ?? "").trim());
          dropped.push(drop);
          return !drop;
        }
        if (token.type === "link_close") return !dropped.pop();
        return true;
      });
    }
  });

  md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
    tokens[idx]!.attrSet("rel", LINK_REL);
    return self.renderToken(tokens, idx, options);
  };

  const shiftHeading: NonNullable<typeof md.renderer.rules.heading_open> = (tokens, idx, options, env: RenderEnv, self) => {
    const token = tokens[idx]!;
    const level = Number(token.tag.slice(1));
    token.tag = `h${Math.min(6, level + (env.headingOffset ?? 0))}`;
    return self.renderToken(tokens, idx, options);
  };
  md.renderer.rules.heading_open = shiftHeading;
  md.renderer.rules.heading_close = shiftHeading;

  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    const alt = self.renderInlineAsText(token.children ?? [], options, env);
    const src = token.attrGet("src") ?? "";
    if (!SAFE_IMAGE.test(src)) return md.utils.escapeHtml(alt);
    token.attrSet("alt", alt);
    token.attrSet("loading", "lazy");
    token.attrSet("referrerpolicy", "no-referrer");
    return self.renderToken(tokens, idx, options);
  };
  return md;
}

interface RenderEnv {
  headingOffset?: number;
}

export interface RenderOptions {
  /** Levels to shift headings down by: with 2, "# Thể lệ" becomes an h3 (never beyond h6). */
  headingOffset?: number;
}

let renderer: MarkdownIt | undefined;

/** The HTML of a Markdown text, safe to insert into a page. */
export function renderMarkdown(source: string, options: RenderOptions = {}): string {
  renderer ??= createRenderer();
  const env: RenderEnv = { headingOffset: Math.max(0, Math.trunc(options.headingOffset ?? 0)) };
  return renderer.render(source, env);
}
