/**
 * Recognising code in plain-text pastes, so that copied code lands in one code block instead of one
 * paragraph per line, and VS Code's clipboard metadata, which names the language.
 */

const CODE_LINE = [
  /[;{}]\s*$/, // statement or block end
  /^\s*[}\])]+[;,)]*\s*$/, // closing brackets alone
  /^\s*(?:import|export|from|const|let|var|function|return|if|else|for|while|class|def|fn|pub|func|package|use|#include|public|private|static|async|await|try|catch|SELECT|INSERT|UPDATE|CREATE)\b/,
  /^\s*(?:\/\/|#!|\/\*|\*\s|--\s|<\/?[a-z][\w-]*[\s>])/, // comments and markup
  /=>|::|->|!==|===|&&|\|\||\+=|:=/,
  /^\s*[\w$.]+\s*\(.*\)\s*;?\s*$/, // a call
  /^\s*[\w.$-]+\s*[:=]\s*\S/, // assignment or key: value
  /^\s*\$\s+\S/, // shell prompt
];

/**
 * Whether multi-line plain text reads as code: most non-empty lines look like code, or the text is
 * consistently indented the way code is. Prose and Markdown (handled separately) do not qualify.
 */
export function looksLikeCode(text: string): boolean {
  const lines = text.replace(/\r\n?/g, "\n").split("\n").filter((line) => line.trim() !== "");
  if (lines.length < 2) return false;
  const codeLike = lines.filter((line) => CODE_LINE.some((pattern) => pattern.test(line))).length;
  const indented = lines.filter((line) => /^(?: {2,}|\t)\S/.test(line)).length;
  // Prose has long lines that end with sentence punctuation.
  const sentences = lines.filter((line) => /[.!?:"”)]$/.test(line.trim()) && line.trim().split(/\s+/).length > 8).length;
  if (sentences > lines.length / 3) return false;
  return codeLike / lines.length >= 0.5 || (indented >= 1 && codeLike / lines.length >= 0.3);
}

/** VS Code's language ids where the reader page's grammar has another name; other ids pass through. */
const VSCODE_LANGUAGES: Record<string, string | null> = {
  plaintext: null,
  typescriptreact: "tsx",
  javascriptreact: "jsx",
  shellscript: "bash",
  dockerfile: "docker",
  jsonc: "json",
  "github-actions-workflow": "yaml",
};

/** The language of a VS Code copy, from its "vscode-editor-data" clipboard entry; null when unknown. */
export function languageFromVscodeData(data: string | null | undefined): string | null {
  if (!data) return null;
  let mode: unknown;
  try {
    mode = (JSON.parse(data) as { mode?: unknown }).mode;
  } catch {
    return null;
  }
  if (typeof mode !== "string" || !/^[a-z0-9+#.-]{1,40}$/i.test(mode)) return null;
  const id = mode.toLowerCase();
  return Object.hasOwn(VSCODE_LANGUAGES, id) ? VSCODE_LANGUAGES[id]! : id;
}

/**
 * Removes the indentation every line shares (copying from the middle of a file keeps it), and trailing
 * blank lines.
 */
export function dedent(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").replace(/\s+$/, "").split("\n");
  const indents = lines.filter((line) => line.trim() !== "").map((line) => /^[ \t]*/.exec(line)![0].length);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(Math.min(common, /^[ \t]*/.exec(line)![0].length))).join("\n");
}
