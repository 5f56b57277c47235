import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, inlineScriptHashes } from "@/lib/http/csp";
import { fillSearchTemplate, parseSearchTemplate, SEARCH_SLOTS } from "@/lib/search/template";

/** An inline flight script as Next writes one: a row of React's JSON, in a JavaScript string, with <>& escaped. */
function flightScript(row: string): string {
  const literal = JSON.stringify(row).replace(/[&<>\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return `<script>self.__next_f.push([1,${literal}])</script>`;
}

const model = [
  "$",
  "div",
  null,
  {
    children: [
      ["$", "input", null, { defaultValue: SEARCH_SLOTS.query }],
      ["$", "div", null, { className: "mt-10", dangerouslySetInnerHTML: { __html: SEARCH_SLOTS.results } }],
      ["$", "title", "0", { children: `${SEARCH_SLOTS.title} · Blog` }],
    ],
  },
];

const page =
  `<!DOCTYPE html><html><head><title>${SEARCH_SLOTS.title} · Blog</title><script>document.documentElement.dataset.theme="x"</script></head>` +
  `<body><input value="${SEARCH_SLOTS.query}"/><div class="mt-10">${SEARCH_SLOTS.results}</div>` +
  `<script src="/_next/static/chunks/main.js" async=""></script>` +
  flightScript(`1:"$Sreact.fragment"\n`) +
  flightScript(`0:${JSON.stringify(model)}\n`) +
  "</body></html>";

/** What React would read back: every string the flight scripts push, run as a browser runs them. */
function flightRows(html: string): string {
  const pushed: unknown[][] = [];
  for (const match of html.matchAll(/<script>(self\.__next_f[\s\S]*?)<\/script>/g)) runInNewContext(match[1]!, { self: { __next_f: pushed } });
  return pushed.map((entry) => entry[1]).join("");
}

const values = {
  query: `$ref "quoted" </script><script>alert(1)</script> \u2028`,
  results: `<section><h2>1 result for “&lt;x&gt;”</h2><p>it's &amp; "fine"</p></section>`,
  title: `Results for “</title><script>alert(2)</script>”`,
};

describe("search template", () => {
  it("fills HTML slots with escaped text and the results' markup", () => {
    const { html } = fillSearchTemplate(parseSearchTemplate(page), values);
    expect(html).toContain("<title>Results for “&lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;” · Blog</title>");
    expect(html).toContain('<input value="$ref &quot;quoted&quot; &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; \u2028"/>');
    expect(html).toContain(`<div class="mt-10">${values.results}</div>`);
    expect(html).not.toContain("<script>alert");
    expect(html).not.toMatch(/\uE010|\uE011/);
  });

  it("fills flight slots so React reads back exactly the values, a leading $ escaped as React escapes it", () => {
    const { html } = fillSearchTemplate(parseSearchTemplate(page), values);
    const rows = flightRows(html).split("\n");
    const root = JSON.parse(rows.find((row) => row.startsWith("0:"))!.slice(2)) as typeof model;
    const children = (root[3] as { children: unknown[][] }).children;
    expect(children[0]![3]).toEqual({ defaultValue: `$${values.query}` });
    expect(children[1]![3]).toEqual({ className: "mt-10", dangerouslySetInnerHTML: { __html: values.results } });
    expect(children[2]![3]).toEqual({ children: `${values.title} · Blog` });
  });

  it("gives the policy the hash of every inline script of the filled page", () => {
    const { html, policy } = fillSearchTemplate(parseSearchTemplate(page), values);
    const hashes = inlineScriptHashes(html);
    expect(hashes).toHaveLength(3);
    expect(policy).toBe(contentSecurityPolicy({ scriptHashes: hashes, scriptOrigins: [] }));
    // A different query changes the flight script's hash, and only that one.
    const other = fillSearchTemplate(parseSearchTemplate(page), { ...values, query: "other" });
    expect(inlineScriptHashes(other.html).filter((hash) => hashes.includes(hash))).toHaveLength(2);
    expect(other.policy).toBe(contentSecurityPolicy({ scriptHashes: inlineScriptHashes(other.html), scriptOrigins: [] }));
  });

  it("fills a page sent without the framework's scripts (no flight data) in its HTML alone", () => {
    const bare = page.replace(/<script src[^>]*><\/script>|<script>self\.__next_f[\s\S]*?<\/script>/g, "");
    expect(bare).not.toContain("__next_f");
    const { html, policy } = fillSearchTemplate(parseSearchTemplate(bare), values);
    expect(html).toContain(`<div class="mt-10">${values.results}</div>`);
    expect(html).toContain('<input value="$ref &quot;quoted&quot;');
    expect(html).not.toMatch(/\uE010|\uE011/);
    expect(policy).toBe(contentSecurityPolicy({ scriptHashes: inlineScriptHashes(html), scriptOrigins: [] }));
  });

  it("refuses a page it could not fill safely", () => {
    expect(() => parseSearchTemplate(page.replace(SEARCH_SLOTS.results, ""))).toThrow(/no results slot in its html/);
    expect(() => parseSearchTemplate(page.replace(flightScript(`0:${JSON.stringify(model)}\n`), ""))).toThrow(/no query slot in its flight/);
    expect(() => parseSearchTemplate(`${page}<script type="application/ld+json">{"name":"${SEARCH_SLOTS.title}"}</script>`)).toThrow(/not flight data/);
  });
});
