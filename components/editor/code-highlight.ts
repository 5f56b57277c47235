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

export const codeHighlightKey = new PluginKey<HighlightState>("codeHighlight");

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

interface HighlightState {
  decorations: DecorationSet;
  /**
   * Where the code blocks not highlighted yet start, in document order: their grammar is still loading,
   * or the plugin view has not reached them. Opening a long post highlights its blocks a few at a time
   * when the browser is idle, rather than all of them in one task that the first keystrokes wait behind.
   */
  pending: number[];
}

/** Highlighting computed by the plugin view for the blocks starting at these positions, in this state's document. */
interface Highlighted {
  blocks: { pos: number; decorations: Decoration[] }[];
}

const isCode = (node: PMNode | null | undefined): node is PMNode => node?.type.name === "codeBlock";

/** Start positions of the code blocks in a language this site highlights. */
function codeBlocksToHighlight(doc: PMNode): number[] {
  const positions: number[] = [];
  doc.descendants((node, pos) => {
    if (isCode(node) && resolveLanguage(node.attrs.language)) positions.push(pos);
    return !isCode(node);
  });
  return positions;
}

/** Replaces the decorations of the code block at `pos`; false when its grammar has not loaded yet. */
function redecorate(set: DecorationSet, doc: PMNode, node: PMNode, pos: number, onMissing: (language: CodeLanguage) => void) {
  const language = resolveLanguage(node.attrs.language);
  const ready = !language || (lowlight !== null && registered.has(language));
  if (!ready) onMissing(language);
  const cleared = set.remove(set.find(pos, pos + node.nodeSize));
  return { set: ready ? cleared.add(doc, blockDecorations(node, pos, onMissing)) : cleared, ready };
}

/** Maps the state through a transaction; only the code blocks its changes touch are highlighted again now. */
function applyChanges(tr: Transaction, value: HighlightState, onMissing: (language: CodeLanguage) => void): HighlightState {
  let decorations = value.decorations.map(tr.mapping, tr.doc);
  const pending = new Set<number>();
  for (const pos of value.pending) {
    const mapped = tr.mapping.mapResult(pos, 1);
    if (!mapped.deleted && isCode(tr.doc.nodeAt(mapped.pos))) pending.add(mapped.pos);
  }
  const ranges: [number, number][] = [];
  for (let i = 0; i < tr.mapping.maps.length; i++) {
    tr.mapping.maps[i]!.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
      const rest = tr.mapping.slice(i + 1);
      ranges.push([rest.map(newStart, -1), rest.map(newEnd, 1)]);
    });
  }
  for (const [from, to] of ranges) {
    tr.doc.nodesBetween(Math.max(0, from - 1), Math.min(tr.doc.content.size, to + 1), (node, pos) => {
      if (!isCode(node)) return true;
      const result = redecorate(decorations, tr.doc, node, pos, onMissing);
      decorations = result.set;
      if (result.ready) pending.delete(pos);
      else pending.add(pos);
      return false;
    });
  }
  return { decorations, pending: [...pending].sort((a, b) => a - b) };
}

/** Longest a slice of highlighting may take before the browser gets the main thread back. */
const SLICE_MS = 8;

const whenIdle: (run: () => void) => () => void =
  typeof window !== "undefined" && "requestIdleCallback" in window
    ? (run) => {
        const handle = window.requestIdleCallback(run, { timeout: 300 });
        return () => window.cancelIdleCallback(handle);
      }
    : (run) => {
        const handle = setTimeout(run, 0);
        return () => clearTimeout(handle);
      };

/** The plugin; its view highlights pending blocks, nearest the cursor first, when the browser is idle. */
export function codeHighlightPlugin() {
  let schedule: (() => void) | null = null;
  const requested = new Set<CodeLanguage>();
  const onMissing = (language: CodeLanguage) => {
    if (requested.has(language)) return;
    requested.add(language);
    void loadLanguage(language).then(() => schedule?.());
  };
  return new Plugin<HighlightState>({
    key: codeHighlightKey,
    state: {
      init: (_config, state: EditorState) => ({ decorations: DecorationSet.empty, pending: codeBlocksToHighlight(state.doc) }),
      apply: (tr, value) => {
        const highlighted = tr.getMeta(codeHighlightKey) as Highlighted | undefined;
        if (highlighted) {
          let decorations = value.decorations;
          const done = new Set<number>();
          for (const block of highlighted.blocks) {
            const node = tr.doc.nodeAt(block.pos);
            if (!isCode(node)) continue;
            decorations = decorations.remove(decorations.find(block.pos, block.pos + node.nodeSize)).add(tr.doc, block.decorations);
            done.add(block.pos);
          }
          return { decorations, pending: value.pending.filter((pos) => !done.has(pos)) };
        }
        return tr.docChanged ? applyChanges(tr, value, onMissing) : value;
      },
    },
    view: (view) => {
      let cancel: (() => void) | null = null;
      const work = () => {
        cancel = null;
        if (view.isDestroyed) return;
        const { pending } = codeHighlightKey.getState(view.state)!;
        const head = view.state.selection.head;
        const order = [...pending].sort((a, b) => Math.abs(a - head) - Math.abs(b - head));
        const started = performance.now();
        const blocks: Highlighted["blocks"] = [];
        for (const pos of order) {
          if (performance.now() - started > SLICE_MS) break;
          const node = view.state.doc.nodeAt(pos);
          if (!isCode(node)) continue;
          const language = resolveLanguage(node.attrs.language);
          if (language && (!lowlight || !registered.has(language))) {
            onMissing(language);
            continue;
          }
          blocks.push({ pos, decorations: blockDecorations(node, pos, onMissing) });
        }
        if (blocks.length > 0) view.dispatch(view.state.tr.setMeta(codeHighlightKey, { blocks } satisfies Highlighted).setMeta("addToHistory", false));
      };
      schedule = () => {
        if (cancel || view.isDestroyed) return;
        const { pending } = codeHighlightKey.getState(view.state)!;
        const ready = pending.some((pos) => {
          const language = resolveLanguage(view.state.doc.nodeAt(pos)?.attrs.language);
          if (language && (!lowlight || !registered.has(language))) {
            onMissing(language);
            return false;
          }
          return true;
        });
        if (ready) cancel = whenIdle(work);
      };
      schedule();
      return {
        update: () => schedule?.(),
        destroy: () => {
          cancel?.();
          schedule = null;
        },
      };
    },
    props: { decorations: (state) => codeHighlightKey.getState(state)?.decorations },
  });
}
