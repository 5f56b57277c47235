import type { Element, ElementContent } from "hast";
import { normalizeTheme, type ShikiTransformer } from "shiki/core";
import githubDarkDefault from "shiki/themes/github-dark-default.mjs";
import githubLightDefault from "shiki/themes/github-light-default.mjs";

/**
 * Short classes instead of inline styles for highlighted code. Shiki writes each token's colours as CSS
 * variables (`style="--shiki-light:#CF222E;--shiki-dark:#FF7B72"`), and a page sends every one twice: in
 * the HTML and again in the RSC payload. Here each variable value the two themes can produce gets a class
 * (`class="l1 d1"`) that sets the same variable, so app/code-theme.css picks light or dark exactly as
 * before. The table derives from the theme objects alone, which keeps app/code-tokens.css static; it is
 * checked in, and lib/highlight.test.ts fails when it and the themes disagree.
 */

export const codeThemes = { light: githubLightDefault, dark: githubDarkDefault } as const;

type Variant = keyof typeof codeThemes;

const classPrefixes: Record<Variant, string> = { light: "l", dark: "d" };

// Every font style shiki can write (its getTokenStyleObject); "inherit" is what one theme gets when only
// the other styles the token.
const fontStyles = [
  "font-style:italic",
  "font-style:inherit",
  "font-weight:bold",
  "font-weight:inherit",
  "text-decoration:underline",
  "text-decoration:line-through",
  "text-decoration:underline line-through",
  "text-decoration:inherit",
];

/** `property:value`, in lower case: shiki writes token colours in upper case and theme colours as the theme spells them. */
const declaration = (property: string, value: string) => `${property}:${value}`.toLowerCase();

function buildTable() {
  /** Set once on every `pre.shiki`, so tokens of the default colour need no class at all. */
  const blockDefaults = new Map<string, string>();
  const classes = new Map<string, string>();
  for (const variant of ["light", "dark"] as const) {
    const theme = normalizeTheme(codeThemes[variant]);
    const variable = `--shiki-${variant}`;
    blockDefaults.set(variable, theme.fg).set(`${variable}-bg`, theme.bg);
    const colours = theme.settings.flatMap(({ settings }) => (settings.foreground ? [settings.foreground.toLowerCase()] : []));
    const declarations = new Set([
      ...colours.filter((colour) => colour !== theme.fg.toLowerCase()).map((colour) => declaration(variable, colour)),
      ...fontStyles.map((style) => `${variable}-${style}`),
    ]);
    [...declarations].forEach((entry, index) => classes.set(entry, `${classPrefixes[variant]}${index}`));
  }
  return { blockDefaults, classes };
}

const table = buildTable();

const isBlockDefault = (property: string, value: string) => table.blockDefaults.get(property)?.toLowerCase() === value.toLowerCase();

/**
 * Splits a token's shiki style into classes from the table and whatever the table lacks, which stays
 * inline. Declarations equal to the block's default are dropped: the token inherits them from its `<pre>`.
 */
export function tokenClasses(style: Readonly<Record<string, string>>): { classes: string[]; style: Record<string, string> } {
  const classes: string[] = [];
  const rest: Record<string, string> = {};
  for (const [property, value] of Object.entries(style)) {
    if (isBlockDefault(property, value)) continue;
    const name = table.classes.get(declaration(property, value));
    if (name) classes.push(name);
    else rest[property] = value;
  }
  return { classes, style: rest };
}

/** The stylesheet for the table, as checked in at app/code-tokens.css. */
export function tokenStylesheet(): string {
  const defaults = [...table.blockDefaults].map(([property, value]) => `${property}:${value}`).join(";");
  const rules = [...table.classes].map(([entry, name]) => `.shiki .${name}{${entry}}`);
  return [
    "/* Generated from the shiki themes by lib/highlight-classes.ts; do not edit. Regenerate with",
    "   `npx vitest run --project unit lib/highlight.test.ts -u`. */",
    `.shiki{${defaults}}`,
    ...rules,
    "",
  ].join("\n");
}

/**
 * Makes shiki's output compact: token styles become classes (see above), the block's own colours come
 * from the stylesheet, and a token with nothing left to style is plain text. The per-line spans go too;
 * nothing styles them, and the newlines between them keep the lines.
 */
export const tokenClassTransformer: ShikiTransformer = {
  name: "quire:token-classes",
  tokens(lines) {
    for (const token of lines.flat()) {
      if (!token.htmlStyle) continue;
      const { classes, style } = tokenClasses(token.htmlStyle);
      token.htmlStyle = style;
      if (classes.length) token.htmlAttrs = { ...token.htmlAttrs, class: classes.join(" ") };
    }
  },
  pre(node) {
    node.properties.class = "shiki";
    // Whatever differs from the stylesheet's block colours stays inline; a class would not reach the <pre> itself.
    const style = String(node.properties.style ?? "")
      .split(";")
      .filter((entry) => {
        const [property = "", value = ""] = entry.split(/:(.*)/);
        return entry && !isBlockDefault(property, value);
      })
      .join(";");
    if (style) node.properties.style = style;
    else delete node.properties.style;
  },
  code(node) {
    const flat = node.children.flatMap((child) => (isElement(child, "span") && child.properties.class === "line" ? child.children : [child]));
    node.children = mergeText(flat.flatMap((child) => (isElement(child, "span") && Object.keys(child.properties).length === 0 ? child.children : [child])));
  },
};

function isElement(node: ElementContent, tagName: string): node is Element {
  return node.type === "element" && node.tagName === tagName;
}

// Adjacent text nodes would each become a separate string in the RSC payload, and React separates them with `<!-- -->` in HTML.
function mergeText(nodes: ElementContent[]): ElementContent[] {
  const merged: ElementContent[] = [];
  for (const node of nodes) {
    const previous = merged.at(-1);
    if (node.type === "text" && previous?.type === "text") merged[merged.length - 1] = { type: "text", value: previous.value + node.value };
    else merged.push(node);
  }
  return merged;
}
