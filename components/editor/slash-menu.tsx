"use client";

import { computePosition, flip, offset, shift } from "@floating-ui/dom";
import { Extension, type Editor, type Range } from "@tiptap/core";
import { PluginKey } from "@tiptap/pm/state";
import { ReactRenderer } from "@tiptap/react";
import Suggestion, { exitSuggestion, type SuggestionKeyDownProps, type SuggestionProps } from "@tiptap/suggestion";
import { forwardRef, useEffect, useId, useImperativeHandle, useRef, useState } from "react";
import { GALLERY_MAX, GALLERY_MIN } from "@/lib/editor/nodes/gallery";
import { parseEmbedUrl } from "@/lib/editor/embeds";
import { filterSlashItems, type SlashItem, type SlashUi } from "@/components/editor/slash-menu-items";
import { uploadListed } from "@/components/editor/image-upload";
import { focusEditorNow } from "@/components/editor/focus-editor";

const slashKey = new PluginKey("slashMenu");
export const SLASH_LISTBOX_ID = "slash-menu-listbox";

interface MenuHandle {
  onKeyDown: (event: KeyboardEvent) => boolean;
}

interface MenuProps {
  items: SlashItem[];
  select: (item: SlashItem) => void;
  onActive: (id: string | null) => void;
}

const optionId = (item: SlashItem) => `slash-option-${item.id}`;

/** The list of blocks; the editor keeps focus and points at the active option (aria-activedescendant). */
const SlashMenuList = forwardRef<MenuHandle, MenuProps>(function SlashMenuList({ items, select, onActive }, ref) {
  const [active, setActive] = useState(0);
  const [lastItems, setLastItems] = useState(items);
  if (lastItems !== items) {
    setLastItems(items);
    setActive(0);
  }
  const current = items[Math.min(active, items.length - 1)];
  useEffect(() => {
    onActive(current ? optionId(current) : null);
    if (current) document.getElementById(optionId(current))?.scrollIntoView({ block: "nearest" });
  }, [current, onActive]);
  useImperativeHandle(ref, () => ({
    onKeyDown: (event) => {
      if (items.length === 0) return false;
      if (event.key === "ArrowDown") {
        setActive((index) => (index + 1) % items.length);
        return true;
      }
      if (event.key === "ArrowUp") {
        setActive((index) => (index - 1 + items.length) % items.length);
        return true;
      }
      if (event.key === "Enter" || event.key === "Tab") {
        if (current) select(current);
        return true;
      }
      return false;
    },
  }));
  return (
    <div className="w-72 max-w-[calc(100vw-2rem)] overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
      {items.length === 0 ? (
        <p className="px-3 py-2 text-sm text-zinc-600 dark:text-zinc-400">No block matches.</p>
      ) : (
        <ul id={SLASH_LISTBOX_ID} role="listbox" aria-label="Insert block" className="max-h-80 overflow-y-auto py-1">
          {items.map((item, index) => (
            <li
              key={item.id}
              id={optionId(item)}
              role="option"
              aria-selected={item === current}
              onMouseDown={(event) => event.preventDefault()}
              onMouseEnter={() => setActive(index)}
              onClick={() => select(item)}
              className={`cursor-pointer px-3 py-1.5 ${item === current ? "bg-indigo-50 dark:bg-indigo-950" : ""}`}
            >
              <span className="block text-sm font-medium text-zinc-900 dark:text-zinc-100">{item.title}</span>
              <span className="block text-xs text-zinc-600 dark:text-zinc-400">{item.description}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});

interface EmbedFormProps {
  onInsert: (url: string, title: string) => string | null;
  onClose: () => void;
}

/** Asks for the address (and an optional title) of an embed; only the four providers' URLs are taken. */
function EmbedForm({ onInsert, onClose }: EmbedFormProps) {
  const id = useId();
  const [url, setUrl] = useState("");
  const [title, setTitle] = useState("");
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const parsed = url.trim() ? parseEmbedUrl(url) : null;
  const submit = () => setError(onInsert(url, title));
  return (
    // Not a <form>: it lives outside the editor's element, where a submit reads as leaving the page.
    <div
      role="dialog"
      aria-label="Embed"
      className="w-80 max-w-[calc(100vw-2rem)] space-y-2 rounded-lg border border-zinc-200 bg-white p-3 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          onClose();
        }
        if (event.key === "Enter" && event.target instanceof HTMLInputElement) {
          event.preventDefault();
          submit();
        }
      }}
    >
      <label htmlFor={`${id}-url`} className="block font-medium">
        Video, pen or gist URL
      </label>
      <input ref={input} id={`${id}-url`} value={url} onChange={(event) => setUrl(event.target.value)} placeholder="https://www.youtube.com/watch?v=…" aria-describedby={`${id}-help`} className="block w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-950" />
      <p id={`${id}-help`} className="text-xs text-zinc-600 dark:text-zinc-400">
        {error ?? (url.trim() && !parsed ? "Not a YouTube, Vimeo, CodePen or GitHub Gist address." : "YouTube, Vimeo, CodePen or GitHub Gist.")}
      </p>
      <label htmlFor={`${id}-title`} className="block font-medium">
        Title
      </label>
      <input id={`${id}-title`} value={title} onChange={(event) => setTitle(event.target.value)} maxLength={200} className="block w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-950" />
      <div className="flex justify-end gap-2">
        <button type="button" onClick={onClose} className="rounded-md px-3 py-1.5 font-medium hover:bg-zinc-100 dark:hover:bg-zinc-800">
          Cancel
        </button>
        <button type="button" onClick={submit} className="rounded-md bg-indigo-700 px-3 py-1.5 font-medium text-white hover:bg-indigo-800">
          Insert embed
        </button>
      </div>
    </div>
  );
}

/** Places a floating element at the editor's cursor. */
async function placeAtCursor(editor: Editor, element: HTMLElement) {
  const { from } = editor.state.selection;
  const coords = editor.view.coordsAtPos(from);
  const reference = { getBoundingClientRect: () => new DOMRect(coords.left, coords.top, 1, coords.bottom - coords.top) };
  const { x, y } = await computePosition(reference, element, { placement: "bottom-start", strategy: "fixed", middleware: [offset(6), flip(), shift({ padding: 8 })] });
  Object.assign(element.style, { position: "fixed", left: `${x}px`, top: `${y}px`, zIndex: "50" });
}

/** Opens a file picker; picked images upload and become an image, or a gallery when there are several. */
function pickImages(editor: Editor, multiple: boolean) {
  const input = document.createElement("input");
  input.type = "file";
  input.accept = "image/jpeg,image/png,image/webp,image/avif,image/gif";
  input.multiple = multiple;
  input.addEventListener("change", () => {
    const files = Array.from(input.files ?? []);
    if (!multiple || files.length < GALLERY_MIN) {
      editor.chain().focus().uploadImages(files).run();
      return;
    }
    void uploadGallery(editor, files.slice(0, GALLERY_MAX));
  });
  input.click();
}

/**
 * Uploads a gallery's files, then inserts them as one gallery (or single images if too few arrived).
 * Each file shows in the editor's upload list with its progress; one that fails stays there as an
 * inline error naming the file and why, while the others still make the gallery.
 */
async function uploadGallery(editor: Editor, files: File[]) {
  const at = editor.state.selection.from;
  const results = await Promise.all(files.map((file) => uploadListed(editor, file)));
  if (editor.isDestroyed) return;
  const images = results.flatMap((result) => (result.ok ? [{ type: "image", attrs: { src: result.data.src, alt: result.data.alt || null } }] : []));
  if (images.length === 0) return;
  const content = images.length >= GALLERY_MIN ? { type: "gallery", content: images } : images;
  editor.chain().focus().insertContentAt(Math.min(at, editor.state.doc.content.size), content).run();
}

function openEmbedForm(editor: Editor) {
  const close = () => {
    renderer.destroy();
    renderer.element.remove();
    focusEditorNow(editor);
  };
  const renderer = new ReactRenderer(EmbedForm, {
    editor,
    props: {
      onClose: close,
      onInsert: (url: string, title: string) => {
        const embed = parseEmbedUrl(url);
        if (!embed) return "Not a YouTube, Vimeo, CodePen or GitHub Gist address.";
        close();
        editor.chain().insertEmbed(url, title).run();
        return null;
      },
    } satisfies EmbedFormProps,
  });
  document.body.appendChild(renderer.element);
  void placeAtCursor(editor, renderer.element);
}

/** Whether "/" here starts a command: at the start of a text block or after a space, outside code. */
function allowedAt(editor: Editor, range: Range): boolean {
  const $from = editor.state.doc.resolve(range.from);
  if ($from.parent.type.spec.code || !$from.parent.isTextblock) return false;
  const before = $from.parent.textBetween(0, $from.parentOffset, undefined, "\ufffc");
  return before === "" || /\s$/.test(before);
}

/**
 * Typing "/" at the start of a line or after a space opens a list of blocks, filtered by what follows;
 * arrows move, Enter or Tab inserts, Escape closes (the text stays as typed).
 */
export const SlashMenu = Extension.create({
  name: "slashMenu",

  addProseMirrorPlugins() {
    const editor = this.editor;
    const ui: SlashUi = {
      pickImages: (multiple) => pickImages(editor, multiple),
      askEmbedUrl: () => openEmbedForm(editor),
    };
    return [
      Suggestion<SlashItem, SlashItem>({
        pluginKey: slashKey,
        editor,
        char: "/",
        allowedPrefixes: null,
        allow: ({ range }) => allowedAt(editor, range),
        items: ({ query }) => filterSlashItems(query),
        command: ({ editor: current, range, props: item }) => item.run(current, range, ui),
        render: () => {
          let renderer: ReactRenderer<MenuHandle, MenuProps> | null = null;
          let unmount: (() => void) | null = null;
          const dom = () => editor.view.dom;
          const onActive = (id: string | null) => {
            if (id) dom().setAttribute("aria-activedescendant", id);
            else dom().removeAttribute("aria-activedescendant");
          };
          const propsOf = (props: SuggestionProps<SlashItem, SlashItem>): MenuProps => ({ items: props.items, select: (item) => props.command(item), onActive });
          return {
            onStart: (props) => {
              renderer = new ReactRenderer(SlashMenuList, { editor, props: propsOf(props) });
              // Above the sticky save bar and toolbar.
              renderer.element.style.zIndex = "40";
              unmount = props.mount(renderer.element);
              dom().setAttribute("aria-controls", SLASH_LISTBOX_ID);
            },
            onUpdate: (props) => renderer?.updateProps(propsOf(props)),
            onKeyDown: ({ event, view }: SuggestionKeyDownProps) => {
              if (event.key === "Escape") {
                exitSuggestion(view, slashKey);
                return true;
              }
              return renderer?.ref?.onKeyDown(event) ?? false;
            },
            onExit: () => {
              unmount?.();
              renderer?.destroy();
              renderer?.element.remove();
              renderer = null;
              dom().removeAttribute("aria-controls");
              dom().removeAttribute("aria-activedescendant");
            },
          };
        },
      }),
    ];
  },
});
