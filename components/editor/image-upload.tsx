"use client";

import { Extension, type Editor } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState, type Transaction } from "@tiptap/pm/state";
import { Decoration, DecorationSet, type EditorView } from "@tiptap/pm/view";
import { useRef, useSyncExternalStore } from "react";
import { UPLOAD_ENDPOINT, UPLOAD_NAME_HEADER, type UploadResult } from "@/lib/media/upload-types";
import { MAX_UPLOAD_BYTES, formatBytes } from "@/lib/media/variants";

/** One file on its way up, or one that failed (kept until dismissed so the writer can read why). */
export interface UploadEntry {
  id: number;
  name: string;
  /** 0 to 1 of the bytes sent. */
  progress: number;
  error: string | null;
}

/** The uploads of one editor, as a tiny external store for useSyncExternalStore. */
class UploadTracker {
  private entries: UploadEntry[] = [];
  private readonly listeners = new Set<() => void>();
  private nextId = 1;

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = () => this.entries;

  private set(entries: UploadEntry[]) {
    this.entries = entries;
    for (const listener of this.listeners) listener();
  }

  add(name: string): number {
    const id = this.nextId++;
    this.set([...this.entries, { id, name, progress: 0, error: null }]);
    return id;
  }

  progress(id: number, progress: number) {
    this.set(this.entries.map((entry) => (entry.id === id ? { ...entry, progress } : entry)));
  }

  fail(id: number, error: string) {
    this.set(this.entries.map((entry) => (entry.id === id ? { ...entry, error } : entry)));
  }

  remove(id: number) {
    this.set(this.entries.filter((entry) => entry.id !== id));
  }
}

const UNREACHABLE = "Could not reach the server, so the image was not uploaded. Try again in a moment.";

const isUploadResult = (value: unknown): value is UploadResult =>
  typeof value === "object" && value !== null && "ok" in value && typeof (value as { ok: unknown }).ok === "boolean";

/** Sends one file to the upload endpoint, reporting the share of bytes sent. Never rejects. */
export function uploadFile(file: File, onProgress: (fraction: number) => void): Promise<UploadResult> {
  // Refused here as the server would, without sending megabytes first.
  if (file.size > MAX_UPLOAD_BYTES) {
    return Promise.resolve({ ok: false, error: `"${file.name}" is ${formatBytes(file.size)}; images up to ${formatBytes(MAX_UPLOAD_BYTES)} can be uploaded.` });
  }
  return new Promise((resolve) => {
    // XMLHttpRequest, not fetch: only it reports upload progress.
    const request = new XMLHttpRequest();
    request.open("POST", UPLOAD_ENDPOINT);
    request.responseType = "json";
    request.setRequestHeader("Content-Type", "application/octet-stream");
    request.setRequestHeader(UPLOAD_NAME_HEADER, encodeURIComponent(file.name));
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onload = () =>
      resolve(isUploadResult(request.response) ? request.response : { ok: false, error: `The upload failed (HTTP ${request.status}). Try again in a moment.` });
    request.onerror = () => resolve({ ok: false, error: UNREACHABLE });
    request.send(file);
  });
}

interface PlaceholderMeta {
  add?: { id: number; pos: number; name: string };
  remove?: { id: number };
}

const placeholderKey = new PluginKey<DecorationSet>("imageUploadPlaceholders");

/** Where the placeholder of upload `id` is now, after whatever was typed meanwhile; null if its spot was deleted. */
function placeholderPos(state: EditorState, id: number): number | null {
  const found = placeholderKey.getState(state)?.find(undefined, undefined, (spec) => spec.uploadId === id);
  return found?.[0]?.from ?? null;
}

function placeholderElement(name: string): HTMLElement {
  const element = document.createElement("span");
  element.className = "not-prose my-2 block rounded-md border border-dashed border-zinc-300 bg-zinc-50 px-3 py-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300";
  element.setAttribute("data-upload-placeholder", "");
  element.textContent = `Uploading ${name}…`;
  return element;
}

/** Placeholders shown where images are being uploaded; decorations, so they never reach the saved document. */
function placeholderPlugin() {
  return new Plugin<DecorationSet>({
    key: placeholderKey,
    state: {
      init: () => DecorationSet.empty,
      apply(tr: Transaction, set: DecorationSet) {
        let next = set.map(tr.mapping, tr.doc);
        const meta = tr.getMeta(placeholderKey) as PlaceholderMeta | undefined;
        if (meta?.add) {
          const widget = Decoration.widget(meta.add.pos, placeholderElement(meta.add.name), { uploadId: meta.add.id, side: -1 });
          next = next.add(tr.doc, [widget]);
        }
        if (meta?.remove) {
          const id = meta.remove.id;
          next = next.remove(next.find(undefined, undefined, (spec) => spec.uploadId === id));
        }
        return next;
      },
    },
    props: {
      decorations: (state) => placeholderKey.getState(state),
    },
  });
}

/** Uploads each file and puts the image where its placeholder stands once it is stored. */
function startUploads(editor: Editor, tracker: UploadTracker, files: readonly File[], at: number) {
  for (const file of files) {
    const id = tracker.add(file.name);
    editor.view.dispatch(editor.state.tr.setMeta(placeholderKey, { add: { id, pos: at, name: file.name } } satisfies PlaceholderMeta));
    void uploadFile(file, (fraction) => tracker.progress(id, fraction)).then((result) => {
      if (editor.isDestroyed) return;
      const pos = placeholderPos(editor.state, id);
      const tr = editor.state.tr.setMeta(placeholderKey, { remove: { id } } satisfies PlaceholderMeta);
      if (!result.ok) {
        editor.view.dispatch(tr);
        tracker.fail(id, result.error);
        return;
      }
      const image = editor.schema.nodes.image?.create({ src: result.data.src, alt: result.data.alt || null });
      // replaceRangeWith puts a block image beside the paragraph the placeholder sits in, never inside it.
      if (image && pos !== null) tr.replaceRangeWith(pos, pos, image);
      editor.view.dispatch(tr);
      tracker.remove(id);
    });
  }
}

// Absent when the editor was built without the extension.
const trackerOf = (editor: Editor): UploadTracker | null => (editor.storage.imageUpload as { tracker: UploadTracker } | undefined)?.tracker ?? null;

/**
 * Uploads one file shown in the editor's upload list (progress while it goes, then removed, or kept as
 * an inline error the writer dismisses), without placing it: the gallery inserts its images together.
 * Never rejects.
 */
export async function uploadListed(editor: Editor, file: File): Promise<UploadResult> {
  const tracker = trackerOf(editor);
  const id = tracker?.add(file.name);
  const result = await uploadFile(file, (fraction) => (id === undefined ? undefined : tracker?.progress(id, fraction)));
  if (id !== undefined) {
    if (result.ok) tracker?.remove(id);
    else tracker?.fail(id, result.error);
  }
  return result;
}

/** Files among a paste or drop that this extension takes: any file at all (the server decides what an image is). */
function filesOf(data: DataTransfer | null): File[] {
  return data ? Array.from(data.files) : [];
}

declare module "@tiptap/core" {
  interface Storage {
    imageUpload: { tracker: UploadTracker };
  }
  interface Commands<ReturnType> {
    imageUpload: {
      /** Uploads the files and inserts each image at the selection once it is stored. */
      uploadImages: (files: readonly File[]) => ReturnType;
    };
  }
}

/**
 * Paste and drop of image files into the editor, and the uploadImages command behind the toolbar's
 * "Upload image". Runs before other paste handling (priority) but only takes pastes that carry files
 * and no text: a copied spreadsheet range also carries a picture of itself, and that must stay text.
 */
export const ImageUpload = Extension.create<Record<string, never>, { tracker: UploadTracker }>({
  name: "imageUpload",
  priority: 1000,

  addStorage() {
    return { tracker: new UploadTracker() };
  },

  addCommands() {
    return {
      uploadImages:
        (files) =>
        ({ editor }) => {
          if (files.length === 0) return false;
          startUploads(editor, this.storage.tracker, files, editor.state.selection.from);
          return true;
        },
    };
  },

  addProseMirrorPlugins() {
    const editor = this.editor;
    const tracker = this.storage.tracker;
    return [
      placeholderPlugin(),
      new Plugin({
        key: new PluginKey("imageUploadInput"),
        props: {
          handlePaste(view: EditorView, event: ClipboardEvent) {
            const files = filesOf(event.clipboardData);
            if (files.length === 0 || event.clipboardData?.getData("text/plain")) return false;
            event.preventDefault();
            startUploads(editor, tracker, files, view.state.selection.from);
            return true;
          },
          handleDrop(view: EditorView, event: DragEvent, _slice, moved: boolean) {
            const files = filesOf(event.dataTransfer);
            if (moved || files.length === 0) return false;
            event.preventDefault();
            const pos = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos ?? view.state.selection.from;
            startUploads(editor, tracker, files, pos);
            return true;
          },
        },
      }),
    ];
  },
});

const emptyEntries: UploadEntry[] = [];
const noSubscription = () => () => undefined;

/** The toolbar's file picker: several images at once, inserted at the cursor. */
export function ImageUploadButton({ editor }: { editor: Editor }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        aria-label="Upload image"
        title="Upload image (or paste or drop image files into the text)"
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => input.current?.click()}
        className="min-w-9 shrink-0 rounded px-2 py-1.5 text-sm font-medium text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
      >
        Upload
      </button>
      <input
        ref={input}
        type="file"
        accept="image/jpeg,image/png,image/webp,image/avif,image/gif"
        multiple
        hidden
        data-testid="image-upload-input"
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          // Cleared so that choosing the same file again still fires a change.
          event.target.value = "";
          editor.chain().focus().uploadImages(files).run();
        }}
      />
    </>
  );
}

/** Progress of each upload, and a dismissable message for each one that failed. */
export function UploadStatus({ editor }: { editor: Editor }) {
  const tracker = trackerOf(editor);
  const entries = useSyncExternalStore(tracker?.subscribe ?? noSubscription, tracker?.snapshot ?? (() => emptyEntries), () => emptyEntries);
  if (entries.length === 0) return null;
  return (
    <ul aria-label="Uploads" className="space-y-2 border-b border-zinc-200 px-3 py-2 text-sm dark:border-zinc-800">
      {entries.map((entry) =>
        entry.error ? (
          <li key={entry.id} role="alert" className="flex items-start justify-between gap-3 rounded-md bg-red-50 px-3 py-2 text-red-800 dark:bg-red-950 dark:text-red-200">
            <span>
              <span className="font-medium">{entry.name}</span> was not uploaded. {entry.error}
            </span>
            <button type="button" onClick={() => tracker?.remove(entry.id)} className="shrink-0 rounded px-2 py-0.5 font-medium hover:bg-red-100 dark:hover:bg-red-900">
              Dismiss<span className="sr-only"> message about {entry.name}</span>
            </button>
          </li>
        ) : (
          <li key={entry.id} className="flex items-center gap-3">
            <span className="min-w-0 flex-1 truncate">Uploading {entry.name}</span>
            <progress max={1} value={entry.progress} aria-label={`Uploading ${entry.name}`} className="h-2 w-32 shrink-0" />
          </li>
        ),
      )}
    </ul>
  );
}
