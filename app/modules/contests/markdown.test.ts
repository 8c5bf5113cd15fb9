import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LINK_REL, renderMarkdown } from "./markdown";

/** The tags markdown-it emits for CommonMark plus tables and strikethrough. */
const ALLOWED_TAGS = new Set([
  "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "s", "code", "pre", "blockquote",
  "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
]);
const ALLOWED_ATTRIBUTES = new Set(["href", "rel", "src", "alt", "title", "loading", "referrerpolicy", "start", "class", "style"]);

interface Tag {
  name: string;
  closing: boolean;
  attributes: [string, string][];
  raw: string;
}

/** Every tag of the output: with raw HTML off, each "<" of the output opens a tag the renderer wrote. */
function tags(html: string): Tag[] {
  const found: Tag[] = [];
  for (const m of html.matchAll(/<(\/?)([a-zA-Z0-9]+)((?:\s+[a-z-]+="[^"]*")*)\s*\/?>/g)) {
    const attributes = [...m[3]!.matchAll(/([a-z-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!] as [string, string]);
    found.push({ name: m[2]!.toLowerCase(), closing: m[1] === "/", attributes, raw: m[0] });
  }
  return found;
}

/** The output's safety properties, as one list of violations (empty when safe). */
function violations(html: string): string[] {
  const problems: string[] = [];
  const all = tags(html);
  // Every "<" belongs to a well-formed tag of ours; none is left over for a browser to reinterpret.
  const lessThans = (html.match(/</g) ?? []).length;
  if (lessThans !== all.length) problems.push(`stray "<" in ${html}`);
  for (const tag of all) {
    if (!ALLOWED_TAGS.has(tag.name)) problems.push(`tag ${tag.raw}`);
    for (const [name, value] of tag.attributes) {
      if (!ALLOWED_ATTRIBUTES.has(name) || name.startsWith("on")) problems.push(`attribute ${name} in ${tag.raw}`);
      const decoded = value.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">");
      if (name === "href" && !/^(https?:\/\/|mailto:)/i.test(decoded)) problems.push(`href ${value}`);
      if (name === "src" && !/^https?:\/\//i.test(decoded)) problems.push(`src ${value}`);
      if (name === "style" && !/^text-align:(left|right|center)$/.test(decoded)) problems.push(`style ${value}`);
      if (name === "class" && !/^language-[^\s"<>]*$/.test(decoded)) problems.push(`class ${value}`);
    }
    if (tag.name === "a" && !tag.closing) {
      const rel = tag.attributes.find(([n]) => n === "rel")?.[1];
      if (rel !== LINK_REL) problems.push(`link without rel: ${tag.raw}`);
    }
  }
  return problems;
}

describe("renderMarkdown", () => {
  it("renders ordinary Markdown, Vietnamese included", () => {
    expect(renderMarkdown("# Thể lệ\n\n**Đối tượng**: cán bộ, *đảng viên*.\n\n1. Một\n2. Hai")).toBe(
      "<h1>Thể lệ</h1>\n<p><strong>Đối tượng</strong>: cán bộ, <em>đảng viên</em>.</p>\n<ol>\n<li>Một</li>\n<li>Hai</li>\n</ol>\n",
    );
  });

  it("shifts headings down when asked, never beyond h6", () => {
    expect(renderMarkdown("# Thể lệ\n\n###### Ghi chú", { headingOffset: 2 })).toBe("<h3>Thể lệ</h3>\n<h6>Ghi chú</h6>\n");
    expect(renderMarkdown("## Điều 1")).toBe("<h2>Điều 1</h2>\n");
  });

  it("keeps http(s) and mailto links, with rel nofollow noopener noreferrer", () => {
    expect(renderMarkdown("[Cổng](https://example.vn/the-le) và <mailto:btc@example.vn>")).toBe(
      `<p><a href="https://example.vn/the-le" rel="${LINK_REL}">Cổng</a> và <a href="mailto:btc@example.vn" rel="${LINK_REL}">mailto:btc@example.vn</a></p>\n`,
    );
    expect(renderMarkdown("Xem https://example.vn nhé")).toContain(`<a href="https://example.vn" rel="${LINK_REL}">`);
  });

  it("shows raw HTML as text: script tags, event handlers, iframes", () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<img src="x" onerror="alert(1)">\n\n<iframe src="https://evil"></iframe>');
    expect(html).not.toMatch(/<script|<img|<iframe/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(violations(html)).toEqual([]);
  });

  it("drops links to javascript:, data:, vbscript:, file: and relative addresses", () => {
    for (const target of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<b>x</b>", "vbscript:msgbox", "file:///etc/passwd", "/noi-bo", "#top", "//evil.example"]) {
      const html = renderMarkdown(`[bấm vào đây](${target})`);
      expect(html, target).not.toContain("<a");
      expect(violations(html), target).toEqual([]);
    }
    expect(renderMarkdown("<javascript:alert(1)>")).not.toContain("<a");
    // An empty destination is a link to the page itself: dropped too, its text kept.
    for (const source of ["[]()", "[bấm vào đây]()", "[bấm vào đây]( )"]) {
      const html = renderMarkdown(source);
      expect(html, source).not.toContain("<a");
      expect(violations(html), source).toEqual([]);
    }
    expect(renderMarkdown("[bấm vào đây]()")).toBe("<p>bấm vào đây</p>\n");
  });

  it("keeps http(s) images and drops others, showing their alternative text", () => {
    expect(renderMarkdown("![Logo](https://example.vn/logo.png)")).toBe(
      '<p><img src="https://example.vn/logo.png" alt="Logo" loading="lazy" referrerpolicy="no-referrer"></p>\n',
    );
    for (const src of ["javascript:alert(1)", "data:image/png;base64,AAAA", "mailto:a@b.vn", "ftp://example.vn/a.png"]) {
      const html = renderMarkdown(`![Ảnh](${src})`);
      expect(html, src).not.toContain("<img");
      expect(html, src).toContain("Ảnh");
    }
  });

  it("never lets script, raw HTML, event handlers or dangerous links through (random mixes)", () => {
    const dangerous = fc.constantFrom(
      "<script>alert(1)</script>",
      "<SCRIPT SRC=//evil/x.js></SCRIPT>",
      '<img src=x onerror="alert(1)">',
      "<svg/onload=alert(1)>",
      '<a href="javascript:alert(1)">x</a>',
      "<iframe src=javascript:alert(1)>",
      "<style>body{}</style>",
      '" onmouseover="alert(1)',
      "' onfocus='alert(1)",
      "javascript:alert(1)",
      "java\tscript:alert(1)",
      "&#106;avascript:alert(1)",
      "data:text/html;base64,PHNjcmlwdD4=",
      "vbscript:msgbox(1)",
      "<!-- x -->",
      "<![CDATA[x]]>",
      "</p><script>",
    );
    const markup = fc.constantFrom("[", "](", ")", "![", "<", ">", "`", "```\n", "\n\n", "\n", "*", "_", "# ", "> ", "- ", "| a | b |\n|:-|-:|\n", '"', "'", " ", "&", "\\");
    const words = fc.constantFrom("Thể lệ", "bài dự thi", "https://example.vn/a", "mailto:a@b.vn", "x", "đ", "onerror=", "href=", "src=");
    const fragment = fc.oneof(dangerous, markup, words, fc.string({ maxLength: 6 }));
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 40 }), (parts) => {
        const html = renderMarkdown(parts.join(""));
        expect(violations(html)).toEqual([]);
      }),
      { numRuns: 1500 },
    );
  });

  it("the check itself recognises unsafe output (it can fail)", () => {
    expect(violations('<p><a href="javascript:alert(1)">x</a></p>')).not.toEqual([]);
    expect(violations("<script>alert(1)</script>")).not.toEqual([]);
    expect(violations('<img src="https://a" onerror="x">')).not.toEqual([]);
    expect(violations('<a href="https://a">x</a>')).not.toEqual([]);
  });
});
