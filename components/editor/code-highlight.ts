import { Plugin, PluginKey, type EditorState, type Transaction } from "@tiptap/pm/state";
import type { Node as PMNode } from "@tiptap/pm/model";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import type { createLowlight } from "lowlight";
import { resolveLanguage, type CodeLanguage } from "@/lib/editor/code-languages";

/*
 * Highlighting inside the editor's code blocks with lowlight (highlight.js grammars), the same language
 * list as the reader's shiki. lowlight and each grammar load on first use, so an editor without code
 * pays nothing; once one arrives the blocks are redecorated through plugin meta, without touching the
 * document (which would mark the post unsaved). Only blocks a change touches are highlighted again.
 * Not @tiptap/extension-code-block-lowlight: its plugin recomputes only when the document changes.
 */

type Lowlight = ReturnType<typeof createLowlight>;
type Grammar = Parameters<Lowlight["register"]>[1];

const grammarLoaders: Record<CodeLanguage, () => Promise<{ default: Grammar }>> = {
  bash: () => import("highlight.js/lib/languages/bash"),
  c: () => import("highlight.js/lib/languages/c"),
  cpp: () => import("highlight.js/lib/languages/cpp"),
  css: () => import("highlight.js/lib/languages/css"),
  diff: () => import("highlight.js/lib/languages/diff"),
  docker: () => import("highlight.js/lib/languages/dockerfile"),
  go: () => import("highlight.js/lib/languages/go"),
  graphql: () => import("highlight.js/lib/languages/graphql"),
  html: () => import("highlight.js/lib/languages/xml"),
  ini: () => import("highlight.js/lib/languages/ini"),
  java: () => import("highlight.js/lib/languages/java"),
  javascript: () => import("highlight.js/lib/languages/javascript"),
  json: () => import("highlight.js/lib/languages/json"),
  jsx: () => import("highlight.js/lib/languages/javascript"),
  kotlin: () => import("highlight.js/lib/languages/kotlin"),
  markdown: () => import("highlight.js/lib/languages/markdown"),
  php: () => import("highlight.js/lib/languages/php"),
  python: () => import("highlight.js/lib/languages/python"),
  ruby: () => import("highlight.js/lib/languages/ruby"),
  rust: () => import("highlight.js/lib/languages/rust"),
  sql: () => import("highlight.js/lib/languages/sql"),
  swift: () => import("highlight.js/lib/languages/swift"),
  toml: () => import("highlight.js/lib/languages/ini"),
  tsx: () => import("highlight.js/lib/languages/typescript"),
  typescript: () => import("highlight.js/lib/languages/typescript"),
  xml: () => import("highlight.js/lib/languages/xml"),
  yaml: () => import("highlight.js/lib/languages/yaml"),
};

export const codeHighlightKey = new PluginKey<DecorationSet>("codeHighlight");

let lowlight: Lowlight | null = null;
let lowlightLoading: Promise<Lowlight> | null = null;
const registered = new Set<CodeLanguage>();
const loading = new Map<CodeLanguage, Promise<void>>();

function loadLanguage(language: CodeLanguage): Promise<void> {
  let pending = loading.get(language);
  if (!pending) {
    lowlightLoading ??= import("lowlight").then(({ createLowlight }) => (lowlight = createLowlight()));
    pending = Promise.all([lowlightLoading, grammarLoaders[language]()]).then(([instance, grammar]) => {
      instance.register(language, grammar.default);
      registered.add(language);
    });
    loading.set(language, pending);
  }
  return pending;
}

interface HastLike {
  type: string;
  value?: string;
  children?: HastLike[];
  properties?: { className?: string[] };
}

function blockDecorations(node: PMNode, pos: number, onMissing: (language: CodeLanguage) => void): Decoration[] {
  const language = resolveLanguage(node.attrs.language);
  if (!language) return [];
  if (!lowlight || !registered.has(language)) {
    onMissing(language);
    return [];
  }
  const decorations: Decoration[] = [];
  let from = pos + 1;
  const walk = (nodes: HastLike[], classes: string[]) => {
    for (const child of nodes) {
      if (child.type === "text") {
        const to = from + (child.value?.length ?? 0);
        if (classes.length > 0) decorations.push(Decoration.inline(from, to, { class: classes.join(" ") }));
        from = to;
      } else if (child.children) {
        walk(child.children, [...classes, ...(child.properties?.className ?? [])]);
      }
    }
  };
  walk(lowlight.highlight(language, node.textContent).children as HastLike[], []);
  return decorations;
}

function decorateAll(doc: PMNode, onMissing: (language: CodeLanguage) => void): DecorationSet {
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (node.type.name === "codeBlock") decorations.push(...blockDecorations(node, pos, onMissing));
    return node.type.name !== "codeBlock";
  });
  return DecorationSet.create(doc, decorations);
}

/** Redecorates only the code blocks that overlap the ranges this transaction changed. */
function decorateChanged(tr: Transaction, set: DecorationSet, onMissing: (language: CodeLanguage) => void): DecorationSet {
  let next = set.map(tr.mapping, tr.doc);
  const ranges: [number, number][] = [];
  for (let i = 0; i < tr.mapping.maps.length; i++) {
    tr.mapping.maps[i]!.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
      const rest = tr.mapping.slice(i + 1);
      ranges.push([rest.map(newStart, -1), rest.map(newEnd, 1)]);
    });
  }
  for (const [from, to] of ranges) {
    tr.doc.nodesBetween(Math.max(0, from - 1), Math.min(tr.doc.content.size, to + 1), (node, pos) => {
      if (node.type.name !== "codeBlock") return true;
      next = next.remove(next.find(pos, pos + node.nodeSize));
      next = next.add(tr.doc, blockDecorations(node, pos, onMissing));
      return false;
    });
  }
  return next;
}

/** The plugin; `view` is given once the editor exists, to redecorate when a grammar has loaded. */
export function codeHighlightPlugin() {
  let requestRefresh: (() => void) | null = null;
  const onMissing = (language: CodeLanguage) => {
    void loadLanguage(language).then(() => requestRefresh?.());
  };
  return new Plugin<DecorationSet>({
    key: codeHighlightKey,
    state: {
      init: (_config, state: EditorState) => decorateAll(state.doc, onMissing),
      apply: (tr, set, _old, state) => {
        if (tr.getMeta(codeHighlightKey) === "refresh") return decorateAll(state.doc, onMissing);
        return tr.docChanged ? decorateChanged(tr, set, onMissing) : set;
      },
    },
    view: (view) => {
      requestRefresh = () => {
        if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(codeHighlightKey, "refresh").setMeta("addToHistory", false));
      };
      return { destroy: () => (requestRefresh = null) };
    },
    props: { decorations: (state) => codeHighlightKey.getState(state) },
  });
}
