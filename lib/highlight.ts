import "server-only";
import type { Root } from "hast";
import { cacheLife } from "next/cache";
import { createHighlighterCore, type HighlighterCore, type LanguageInput } from "shiki/core";
import { createJavaScriptRegexEngine } from "shiki/engine/javascript";
import { languageLabel, resolveLanguage, type CodeLanguage } from "@/lib/editor/code-languages";
import { codeThemes, tokenClassTransformer } from "@/lib/highlight-classes";

/**
 * Server-side syntax highlighting for code blocks in posts. Only the grammars of lib/editor/code-languages.ts
 * (the editor's list) are loaded, each on first use, with the JavaScript regex engine (no WebAssembly). Colours come
 * out as short classes that set CSS variables for a light and a dark theme (lib/highlight-classes.ts;
 * app/code-theme.css picks one), so one rendering serves both colour schemes.
 */

const grammars = {
  bash: () => import("shiki/langs/bash.mjs"),
  c: () => import("shiki/langs/c.mjs"),
  cpp: () => import("shiki/langs/cpp.mjs"),
  css: () => import("shiki/langs/css.mjs"),
  diff: () => import("shiki/langs/diff.mjs"),
  docker: () => import("shiki/langs/docker.mjs"),
  go: () => import("shiki/langs/go.mjs"),
  graphql: () => import("shiki/langs/graphql.mjs"),
  html: () => import("shiki/langs/html.mjs"),
  ini: () => import("shiki/langs/ini.mjs"),
  java: () => import("shiki/langs/java.mjs"),
  javascript: () => import("shiki/langs/javascript.mjs"),
  json: () => import("shiki/langs/json.mjs"),
  jsx: () => import("shiki/langs/jsx.mjs"),
  kotlin: () => import("shiki/langs/kotlin.mjs"),
  markdown: () => import("shiki/langs/markdown.mjs"),
  php: () => import("shiki/langs/php.mjs"),
  python: () => import("shiki/langs/python.mjs"),
  ruby: () => import("shiki/langs/ruby.mjs"),
  rust: () => import("shiki/langs/rust.mjs"),
  sql: () => import("shiki/langs/sql.mjs"),
  swift: () => import("shiki/langs/swift.mjs"),
  toml: () => import("shiki/langs/toml.mjs"),
  tsx: () => import("shiki/langs/tsx.mjs"),
  typescript: () => import("shiki/langs/typescript.mjs"),
  xml: () => import("shiki/langs/xml.mjs"),
  yaml: () => import("shiki/langs/yaml.mjs"),
} satisfies Record<CodeLanguage, () => Promise<{ default: LanguageInput }>>;

export { languageLabel, resolveLanguage, type CodeLanguage };

let highlighter: Promise<HighlighterCore> | undefined;
const loading = new Map<CodeLanguage, Promise<void>>();

// One highlighter per process: creating one compiles the themes, and every grammar it loads stays loaded.
function getHighlighter(): Promise<HighlighterCore> {
  highlighter ??= createHighlighterCore({
    themes: [codeThemes.light, codeThemes.dark],
    langs: [],
    engine: createJavaScriptRegexEngine(),
  }).catch((error: unknown) => {
    highlighter = undefined;
    throw error;
  });
  return highlighter;
}

function loadGrammar(core: HighlighterCore, language: CodeLanguage): Promise<void> {
  let pending = loading.get(language);
  if (!pending) {
    pending = grammars[language]()
      .then((module) => core.loadLanguage(module.default))
      .catch((error: unknown) => {
        loading.delete(language);
        throw error;
      });
    loading.set(language, pending);
  }
  return pending;
}

export interface HighlightedCode {
  /** A hast tree: <pre class="shiki"><code> with token spans and text; all text is in text nodes, never raw HTML. */
  tree: Root;
  /** The grammar used, or null when the code is shown as plain text. */
  language: CodeLanguage | null;
}

/**
 * Highlights `code` as a hast tree with light and dark colours as classes. Unknown or missing
 * languages, and any grammar failure, give the same themed block with plain text. Never throws for bad input.
 */
export async function highlightCode(code: string, language: string | null | undefined): Promise<HighlightedCode> {
  // Cached, not only for speed: the tokenizer reads the clock (its time limit per line), which a
  // prerender may only do inside a cache scope. The output depends on nothing but the arguments.
  "use cache";
  cacheLife("max");
  return highlightCodeUncached(code, language);
}

/**
 * highlightCode without its cache, for work outside a request (jobs, scripts), where "use cache" is
 * unavailable and no prerender watches the clock. Same output; never throws for bad input.
 */
export async function highlightCodeUncached(code: string, language: string | null | undefined): Promise<HighlightedCode> {
  const core = await getHighlighter();
  const resolved = resolveLanguage(language);
  if (resolved) {
    try {
      await loadGrammar(core, resolved);
      return { tree: toTree(core, code, resolved), language: resolved };
    } catch (error) {
      console.warn(`Highlighting as ${resolved} failed; showing plain text.`, error instanceof Error ? error.message : error);
    }
  }
  return { tree: toTree(core, code, "text"), language: null };
}

function toTree(core: HighlighterCore, code: string, lang: CodeLanguage | "text"): Root {
  return core.codeToHast(code, {
    lang,
    themes: { light: codeThemes.light.name, dark: codeThemes.dark.name },
    // No inline default colour: app/code-theme.css chooses between the variables by colour scheme.
    defaultColor: false,
    // Fewer spans: neighbours that look the same become one.
    mergeSameStyleTokens: true,
    // The default 500 ms per line is hit while a grammar's patterns compile on its first use, which left
    // the rest of that line in one colour, cached for good. Posts are written by staff, not strangers.
    tokenizeTimeLimit: 10_000,
    transformers: [
      tokenClassTransformer,
      {
        pre(node) {
          node.properties["data-language"] = lang;
        },
      },
    ],
  });
}
