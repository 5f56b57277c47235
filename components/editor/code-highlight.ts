import { Plugin, PluginKey, type EditorState, type Transaction } from "@tiptap/pm/state";
import type { Node as PMNode } from "@tiptap/pm/model";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import type { createLowlight } from "lowlight";
import { resolveLanguage, type CodeLanguage } from "@/lib/editor/code-languages";

/*
 * Highlighting inside the editor's code blocks with lowlight (highlight.js grammars), the same language
 * list as the reader's shiki. lowlight and each grammar load on first use, so an editor without code
 * pays nothing; once one arrives the blocks are redecorated through plugin meta, without touching the
 * document (which would mark the post unsaved). Only blocks a change touches are highlighted again, and
 * not inside the keystroke: an edit maps the existing tokens and leaves the block pending for the plugin
 * view, which highlights it once typing pauses and the browser is idle (measured in bench/editor-typing.ts).
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

/** The token decorations of a code block whose grammar has loaded. */
function blockDecorations(node: PMNode, pos: number): Decoration[] {
  const language = resolveLanguage(node.attrs.language);
  if (!language || !lowlight) return [];
  const decorations: Decoration[] = [];
  let from = pos + 1;
  const walk = (nodes: HastLike[], classes: string[]) => {
    for (const child of nodes) {
      if (child.type === "text") {
        const to = from + (child.value?.length ?? 0);
        // Inclusive at the end: text typed at the end of a token keeps its colour until the block is
        // highlighted again, rather than showing unstyled for a frame.
        if (classes.length > 0) decorations.push(Decoration.inline(from, to, { class: classes.join(" ") }, { inclusiveEnd: true }));
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
   * Where the code blocks not highlighted since their last change start, in document order: their grammar
   * is still loading, or the plugin view has not reached them. Opening a long post highlights its blocks a
   * few at a time when the browser is idle, rather than all of them in one task that the first keystrokes
   * wait behind; an edit in a block leaves it here until the next idle moment.
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

/**
 * Maps the state through a transaction. The code blocks its changes touch become pending (text, a pasted
 * block, a new language) and keep their mapped tokens until the plugin view highlights them again; a
 * block left without a language loses its tokens now, which needs no grammar.
 */
function applyChanges(tr: Transaction, value: HighlightState): HighlightState {
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
      if (resolveLanguage(node.attrs.language)) pending.add(pos);
      else {
        decorations = decorations.remove(decorations.find(pos, pos + node.nodeSize));
        pending.delete(pos);
      }
      return false;
    });
  }
  return { decorations, pending: [...pending].sort((a, b) => a - b) };
}

/**
 * How long the document must go unchanged before any highlighting runs. Highlighting after every
 * keystroke added a second transaction, view update and frame to each key typed in a code block, and
 * background highlighting competed with the keys for the main thread; the typed text keeps the colour of
 * the token it extends (inclusiveEnd) until then.
 */
export const TYPING_PAUSE_MS = 300;

/** Longest a slice of highlighting may take before the browser gets the main thread back. */
const SLICE_MS = 8;
/**
 * Longest a busy browser may hold the highlighting back: briefly for the block holding the cursor, so its
 * colours catch up within a few frames of a pause in typing; longer for the rest of the post.
 */
const CURSOR_TIMEOUT_MS = 50;
const BACKGROUND_TIMEOUT_MS = 300;

/**
 * Runs `run` when the browser is idle, or after `timeout` ms at the latest. An idle callback asked for
 * during a keystroke runs after the frame that shows the keystroke; in a browser without
 * requestIdleCallback, a task queued from the next animation frame does the same.
 */
const whenIdle: (run: () => void, timeout: number) => () => void =
  typeof window !== "undefined" && "requestIdleCallback" in window
    ? (run, timeout) => {
        const handle = window.requestIdleCallback(run, { timeout });
        return () => window.cancelIdleCallback(handle);
      }
    : (run) => {
        let task: ReturnType<typeof setTimeout> | undefined;
        const frame = requestAnimationFrame(() => (task = setTimeout(run, 0)));
        return () => {
          cancelAnimationFrame(frame);
          clearTimeout(task);
        };
      };

/** The plugin; its view highlights pending blocks, the one holding the cursor first, when the browser is idle. */
export function codeHighlightPlugin() {
  let schedule: (() => void) | null = null;
  const requested = new Set<CodeLanguage>();
  /** Whether the block's grammar has loaded (or it has none); starts loading a missing one. */
  const grammarReady = (node: PMNode) => {
    const language = resolveLanguage(node.attrs.language);
    if (!language || (lowlight && registered.has(language))) return true;
    if (!requested.has(language)) {
      requested.add(language);
      void loadLanguage(language).then(() => schedule?.());
    }
    return false;
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
        return tr.docChanged ? applyChanges(tr, value) : value;
      },
    },
    view: (view) => {
      let scheduled: { cancel: () => void; timeout: number } | null = null;
      // When the document last changed (highlighting alone never changes it), and the wait for a pause.
      let lastEdit = Number.NEGATIVE_INFINITY;
      let pause: ReturnType<typeof setTimeout> | undefined;
      /** The pending blocks whose grammar has loaded, nearest the cursor first (the block holding it at 0). */
      const ready = () => {
        const { doc, selection } = view.state;
        return codeHighlightKey
          .getState(view.state)!
          .pending.flatMap((pos) => {
            const node = doc.nodeAt(pos);
            if (!isCode(node) || !grammarReady(node)) return [];
            return [{ pos, node, distance: Math.max(0, pos - selection.head, selection.head - (pos + node.nodeSize)) }];
          })
          .sort((a, b) => a.distance - b.distance);
      };
      const work = () => {
        scheduled = null;
        if (view.isDestroyed) return;
        const started = performance.now();
        const blocks: Highlighted["blocks"] = [];
        for (const { pos, node } of ready()) {
          if (blocks.length > 0 && performance.now() - started > SLICE_MS) break;
          blocks.push({ pos, decorations: blockDecorations(node, pos) });
        }
        if (blocks.length > 0) view.dispatch(view.state.tr.setMeta(codeHighlightKey, { blocks } satisfies Highlighted).setMeta("addToHistory", false));
      };
      schedule = () => {
        if (view.isDestroyed) return;
        const quiet = performance.now() - lastEdit;
        if (quiet < TYPING_PAUSE_MS) {
          scheduled?.cancel();
          scheduled = null;
          clearTimeout(pause);
          pause = setTimeout(() => schedule?.(), TYPING_PAUSE_MS - quiet);
          return;
        }
        const first = ready()[0];
        if (!first) return;
        const timeout = first.distance === 0 ? CURSOR_TIMEOUT_MS : BACKGROUND_TIMEOUT_MS;
        if (scheduled && scheduled.timeout <= timeout) return;
        scheduled?.cancel();
        scheduled = { cancel: whenIdle(work, timeout), timeout };
      };
      schedule();
      return {
        update: (_view, previous) => {
          if (previous.doc !== view.state.doc) lastEdit = performance.now();
          schedule?.();
        },
        destroy: () => {
          scheduled?.cancel();
          clearTimeout(pause);
          schedule = null;
        },
      };
    },
    props: { decorations: (state) => codeHighlightKey.getState(state)?.decorations },
  });
}
