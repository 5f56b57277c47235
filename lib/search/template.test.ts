import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, inlineScriptHashes } from "@/lib/http/csp";
import { fillSearchTemplate, fillSearchTemplateBytes, parseSearchTemplate, SEARCH_SLOTS } from "@/lib/search/template";

/** A reader page as the server sends it: no flight data (lib/http/framework-scripts.ts), one inline script. */
const page =
  `<!DOCTYPE html><html><head><title>${SEARCH_SLOTS.title} · Blog</title><meta property="og:title" content="${SEARCH_SLOTS.title}"/>` +
  `<script>document.documentElement.dataset.theme="x"</script></head>` +
  `<body><input value="${SEARCH_SLOTS.query}"/><div class="mt-10">${SEARCH_SLOTS.results}</div>` +
  `<script src="/_next/static/chunks/search-form.js" async=""></script></body></html>`;

const values = {
  query: `$ref "quoted" </script><script>alert(1)</script> \u2028`,
  results: `<section><h2>1 result for “&lt;x&gt;”</h2><p>it's &amp; "fine"</p></section>`,
  title: `Results for “</title><script>alert(2)</script>”`,
};

describe("search template", () => {
  it("fills the slots with escaped text and the results' markup", () => {
    const { html } = fillSearchTemplate(parseSearchTemplate(page), values);
    expect(html).toContain("<title>Results for “&lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;” · Blog</title>");
    expect(html).toContain('<meta property="og:title" content="Results for “&lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;”"/>');
    expect(html).toContain('<input value="$ref &quot;quoted&quot; &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; \u2028"/>');
    expect(html).toContain(`<div class="mt-10">${values.results}</div>`);
    expect(html).not.toContain("<script>alert");
    expect(html).not.toMatch(/\uE010|\uE011/);
  });

  it("fills the same page as bytes, from results given as bytes", () => {
    const template = parseSearchTemplate(page);
    const bytes = fillSearchTemplateBytes(template, { ...values, results: Buffer.from(values.results, "utf8") });
    expect(bytes.equals(Buffer.from(fillSearchTemplate(template, values).html, "utf8"))).toBe(true);
    expect(bytes.toString("utf8")).toContain(`<div class="mt-10">${values.results}</div>`);
  });

  it("gives every query the policy of the page's scripts, made once", () => {
    const template = parseSearchTemplate(page);
    const { html, policy } = fillSearchTemplate(template, values);
    const hashes = inlineScriptHashes(html);
    expect(hashes).toHaveLength(1);
    expect(policy).toBe(contentSecurityPolicy({ scriptHashes: hashes, scriptOrigins: [] }));
    expect(fillSearchTemplate(template, { ...values, query: "other", title: "Results for “other”" }).policy).toBe(policy);
  });

  it("refuses a page it could not fill safely", () => {
    expect(() => parseSearchTemplate(page.replace(SEARCH_SLOTS.results, ""))).toThrow(/no results slot/);
    expect(() => parseSearchTemplate(page.replace(SEARCH_SLOTS.query, ""))).toThrow(/no query slot/);
    // A slot in a script (flight data the framework scripts did not strip, or JSON-LD) would need the script's own encoding and hash.
    expect(() => parseSearchTemplate(`${page}<script>self.__next_f.push([1,"${SEARCH_SLOTS.query}"])</script>`)).toThrow(/inside a script/);
    expect(() => parseSearchTemplate(`${page}<script type="application/ld+json">{"name":"${SEARCH_SLOTS.title}"}</script>`)).toThrow(/inside a script/);
  });
});
