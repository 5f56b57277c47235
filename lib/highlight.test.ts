import { readFileSync } from "node:fs";
import { createHighlighterCore, hastToHtml, normalizeTheme } from "shiki/core";
import { createJavaScriptRegexEngine } from "shiki/engine/javascript";
import { describe, expect, it, vi } from "vitest";
import { highlightCode } from "@/lib/highlight";
import { codeThemes, tokenClasses, tokenClassTransformer, tokenStylesheet } from "@/lib/highlight-classes";

// Highlighting is a cached function; outside Next its cache calls have nothing to do.
vi.mock("next/cache", () => ({ cacheLife: () => undefined, cacheTag: () => undefined }));

// Loading a grammar compiles it, which takes seconds on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

const html = async (code: string, language: string | null) => hastToHtml((await highlightCode(code, language)).tree);

/** The declarations the checked-in stylesheet gives a class, as written there. */
function stylesheetRule(className: string): string | undefined {
  const css = readFileSync(new URL("../app/code-tokens.css", import.meta.url), "utf8");
  return new RegExp(`\\.shiki \\.${className}\\{([^}]*)\\}`).exec(css)?.[1];
}

describe("token classes", () => {
  it("match the checked-in stylesheet", async () => {
    // After a change to the themes or to lib/highlight-classes.ts, rewrite the file by running this test with -u.
    await expect(tokenStylesheet()).toMatchFileSnapshot("../app/code-tokens.css");
  });

  it.each(["light", "dark"] as const)("cover every colour of the %s theme", (variant) => {
    const theme = normalizeTheme(codeThemes[variant]);
    const colours = new Set(theme.settings.flatMap(({ settings }) => (settings.foreground ? [settings.foreground.toUpperCase()] : [])));
    expect(colours.size).toBeGreaterThan(5);
    for (const colour of colours) {
      const { classes, style } = tokenClasses({ [`--shiki-${variant}`]: colour });
      expect(style).toEqual({});
      // The default colour is set once on the block instead.
      if (colour === theme.fg.toUpperCase()) expect(classes).toEqual([]);
      else expect(classes.map(stylesheetRule)).toEqual([`--shiki-${variant}:${colour.toLowerCase()}`]);
    }
  });

  it("keep a colour or style the table lacks inline, for that token only", () => {
    expect(tokenClasses({ "--shiki-light": "#123456", "--shiki-dark": "#FF7B72", "--shiki-dark-font-style": "oblique" })).toEqual({
      classes: ["d1"],
      style: { "--shiki-light": "#123456", "--shiki-dark-font-style": "oblique" },
    });
  });

  it("fall back to inline variables in real output when a theme gives a colour outside the table", async () => {
    const core = await createHighlighterCore({
      themes: [codeThemes.light, codeThemes.dark],
      langs: [import("shiki/langs/typescript.mjs")],
      engine: createJavaScriptRegexEngine(),
    });
    const output = hastToHtml(
      core.codeToHast("const a = 1;", {
        lang: "typescript",
        themes: { light: "github-light-default", dark: "github-dark-default" },
        defaultColor: false,
        colorReplacements: { "github-light-default": { "#cf222e": "#123456", "#ffffff": "#fefefe" } },
        transformers: [tokenClassTransformer],
      }),
    );
    expect(output).toMatch(/^<pre class="shiki" style="--shiki-light-bg:#fefefe" tabindex="0"><code>/);
    expect(output).toContain('<span class="d1" style="--shiki-light:#123456">const</span>');
    const inline = [...output.matchAll(/<span [^>]*style="([^"]*)"/g)].map(([, style]) => style);
    expect(new Set(inline)).toEqual(new Set(["--shiki-light:#123456"]));
  });
});

describe("highlightCode", () => {
  it("writes no inline styles: tokens get classes, the block's colours come from the stylesheet", async () => {
    const output = await html("const answer: number = 42;", "typescript");
    expect(output).not.toContain("style=");
    expect(output).toMatch(/^<pre class="shiki" tabindex="0" data-language="typescript"><code>/);
    const keyword = /<span class="(l\d+) (d\d+)">const<\/span>/.exec(output);
    expect(keyword?.slice(1).map(stylesheetRule)).toEqual(["--shiki-light:#cf222e", "--shiki-dark:#ff7b72"]);
  });

  it("gives italic, bold and struck-through tokens their font styles in both themes", async () => {
    const output = await html("*it* **bold** ~~gone~~", "markdown");
    const rules = (text: string) => {
      const classes = new RegExp(`<span class="([^"]+)">\\s*${text.replaceAll("*", "\\*")}</span>`).exec(output)?.[1];
      return classes?.split(" ").map(stylesheetRule);
    };
    expect(rules("*it*")).toEqual(["--shiki-light-font-style:italic", "--shiki-dark-font-style:italic"]);
    expect(rules("**bold**")).toEqual(["--shiki-light-font-weight:bold", "--shiki-dark-font-weight:bold"]);
    expect(rules("~~gone~~")).toEqual(["--shiki-light-text-decoration:line-through", "--shiki-dark-text-decoration:line-through"]);
  });

  it("leaves tokens of the default colour as plain text, and keeps every line without a span per line", async () => {
    const output = await html("a = 1\n\nb = 2", "python");
    expect(output).not.toContain('class="line"');
    expect(output).toContain("<code>a <span");
    expect(output.replace(/<[^>]+>/g, "")).toBe("a = 1\n\nb = 2");
  });

  it("shows an unknown language as one text node in a themed block", async () => {
    expect(await html("x <y> & z\nsecond", "brainfuck")).toBe(
      '<pre class="shiki" tabindex="0" data-language="text"><code>x &#x3C;y> &#x26; z\nsecond</code></pre>',
    );
  });
});
