/*
 * The languages code blocks offer, shared by the editor's picker and in-editor highlighting (lowlight)
 * and the reader's server-side highlighting (shiki, lib/highlight.ts), so all three name the same set.
 * Isomorphic: names only, no grammars.
 */

export const CODE_LANGUAGES = [
  "bash", "c", "cpp", "css", "diff", "docker", "go", "graphql", "html", "ini", "java", "javascript", "json", "jsx",
  "kotlin", "markdown", "php", "python", "ruby", "rust", "sql", "swift", "toml", "tsx", "typescript", "xml", "yaml",
] as const;

/** A language this site highlights. */
export type CodeLanguage = (typeof CODE_LANGUAGES)[number];

/** Names writers use (fence info strings, file extensions) for the languages above. */
const aliases: Record<string, CodeLanguage> = {
  sh: "bash",
  shell: "bash",
  shellscript: "bash",
  zsh: "bash",
  console: "bash",
  "c++": "cpp",
  dockerfile: "docker",
  golang: "go",
  gql: "graphql",
  htm: "html",
  js: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  jsonc: "json",
  json5: "json",
  kt: "kotlin",
  md: "markdown",
  py: "python",
  rb: "ruby",
  rs: "rust",
  postgres: "sql",
  postgresql: "sql",
  psql: "sql",
  ts: "typescript",
  mts: "typescript",
  cts: "typescript",
  yml: "yaml",
  svg: "xml",
  cfg: "ini",
  conf: "ini",
};

/** Display names for labels and the picker; the language id otherwise. */
const labels: Partial<Record<CodeLanguage, string>> = {
  bash: "Shell",
  cpp: "C++",
  css: "CSS",
  docker: "Dockerfile",
  graphql: "GraphQL",
  html: "HTML",
  ini: "INI",
  javascript: "JavaScript",
  json: "JSON",
  jsx: "JSX",
  php: "PHP",
  sql: "SQL",
  toml: "TOML",
  tsx: "TSX",
  typescript: "TypeScript",
  xml: "XML",
  yaml: "YAML",
};

const known = new Set<string>(CODE_LANGUAGES);

/** The language for a code block's language attribute (case and common aliases ignored), or null. */
export function resolveLanguage(language: unknown): CodeLanguage | null {
  if (typeof language !== "string") return null;
  const key = language.trim().toLowerCase();
  if (known.has(key)) return key as CodeLanguage;
  return Object.hasOwn(aliases, key) ? aliases[key]! : null;
}

/** Human name of a language, for the label above its code block and the editor's picker. */
export function languageLabel(language: CodeLanguage): string {
  return labels[language] ?? language.charAt(0).toUpperCase() + language.slice(1);
}

/** Longest filename or caption shown above a code block. */
export const CODE_FILENAME_MAX = 120;

/** A stored filename/caption as shown (trimmed, one line, bounded), or null when there is none. */
export function codeFilename(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const text = value.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  return text ? text.slice(0, CODE_FILENAME_MAX) : null;
}
