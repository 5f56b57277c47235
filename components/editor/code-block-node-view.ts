import { NodeView, type NodeViewRendererProps } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { CODE_FILENAME_MAX, CODE_LANGUAGES, languageLabel, resolveLanguage } from "@/lib/editor/code-languages";

const controlClass =
  "rounded border border-zinc-300 bg-white px-1.5 py-0.5 text-xs text-zinc-800 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200";

let nextId = 0;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

let pickerTemplate: HTMLSelectElement | null = null;

/** The language picker, cloned from one built once: a post may have dozens of code blocks. */
function languagePicker(): HTMLSelectElement {
  if (!pickerTemplate) {
    pickerTemplate = element("select", { class: controlClass });
    pickerTemplate.append(new Option("Plain text", ""), ...CODE_LANGUAGES.map((name) => new Option(languageLabel(name), name)));
  }
  return pickerTemplate.cloneNode(true) as HTMLSelectElement;
}

/**
 * A code block in the editor: a language picker and a filename field above the code, both changeable
 * at any time. The fields are outside the editable text (contentEditable false), so typing in them
 * never enters the code.
 *
 * Plain DOM rather than a React node view: a post has dozens of code blocks, and each React node view
 * is a portal that re-renders on every keystroke in its block and, when mounted, moves its content in
 * from a ref callback that makes the browser lay out the whole document again (once per block).
 * Tiptap's NodeView base class gives it the same event and mutation handling as the React views.
 */
class CodeBlockView extends NodeView<null> {
  // `declare`: the base constructor calls mount(), which sets these before a field initializer would reset them.
  declare private wrapper: HTMLDivElement;
  declare private code: HTMLElement;
  declare private filename: HTMLInputElement;
  declare private language: HTMLSelectElement;

  override mount() {
    const id = `code-block-${(nextId += 1)}`;
    this.wrapper = element("div", { class: "code-block-editor my-6" });
    const fields = element("div", { contenteditable: "false", class: "mb-1 flex flex-wrap items-center gap-2" });
    const filenameLabel = element("label", { for: `${id}-file`, class: "sr-only" });
    filenameLabel.textContent = "Filename or caption";
    this.filename = element("input", {
      id: `${id}-file`,
      maxlength: String(CODE_FILENAME_MAX),
      placeholder: "Filename or caption (optional)",
      class: `${controlClass} min-w-0 flex-1 font-mono`,
    });
    this.filename.addEventListener("input", () => this.updateAttributes({ filename: this.filename.value || undefined }));
    const languageLabelElement = element("label", { for: `${id}-lang`, class: "sr-only" });
    languageLabelElement.textContent = "Code language";
    this.language = languagePicker();
    this.language.id = `${id}-lang`;
    this.language.addEventListener("change", () => this.updateAttributes({ language: this.language.value || null }));
    fields.append(filenameLabel, this.filename, languageLabelElement, this.language);
    const pre = element("pre", { class: "m-0" });
    this.code = element("code");
    pre.append(this.code);
    this.wrapper.append(fields, pre);
    this.render(this.node);
  }

  override get dom() {
    return this.wrapper;
  }

  override get contentDOM() {
    return this.code;
  }

  update(node: PMNode) {
    if (node.type !== this.node.type) return false;
    this.node = node;
    this.render(node);
    return true;
  }

  /** Shows the node's attributes; fields are written only when they differ, so the caret stays put while typing in them. */
  private render(node: PMNode) {
    const language = resolveLanguage(node.attrs.language);
    const filename = typeof node.attrs.filename === "string" ? node.attrs.filename : "";
    if (language) this.wrapper.dataset.language = language;
    else delete this.wrapper.dataset.language;
    const codeClass = language ? `language-${language}` : "";
    if (this.code.className !== codeClass) {
      if (codeClass) this.code.className = codeClass;
      else this.code.removeAttribute("class");
    }
    if (this.filename.value !== filename) this.filename.value = filename;
    if (this.language.value !== (language ?? "")) this.language.value = language ?? "";
    const disabled = !this.editor.isEditable;
    this.filename.disabled = disabled;
    this.language.disabled = disabled;
  }
}

export const codeBlockNodeView = (props: NodeViewRendererProps) => new CodeBlockView(null, props);
