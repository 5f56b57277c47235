// @vitest-environment happy-dom
import { Editor } from "@tiptap/core";
import { afterEach, describe, expect, it } from "vitest";
import { postExtensions } from "@/lib/editor/extensions";
import { TASK_CHECKBOX_LABEL } from "@/lib/editor/nodes/task-list";

let editor: Editor | undefined;
afterEach(() => {
  editor?.destroy();
  editor = undefined;
});

function mount(content: object = { type: "doc", content: [{ type: "paragraph" }] }): Editor {
  const element = document.createElement("div");
  document.body.append(element);
  editor = new Editor({ element, extensions: postExtensions, content });
  return editor;
}

/** Types `text` at the cursor a character at a time, as a keyboard does, so input rules run. */
function type(target: Editor, text: string) {
  for (const char of text) {
    const { from, to } = target.state.selection;
    const handled = target.view.someProp("handleTextInput", (handle) => handle(target.view, from, to, char, () => target.state.tr.insertText(char, from, to)));
    if (!handled) target.view.dispatch(target.state.tr.insertText(char, from, to));
  }
}

const firstTask = (target: Editor) => {
  const list = target.getJSON().content?.[0];
  return { list: list?.type, item: list?.content?.[0] };
};

describe("typed task lists", () => {
  it.each([
    ["[x] ", true],
    ["[X] ", true],
    ["[ ] ", false],
  ])("%j at the start of a paragraph makes a task item, checked: %s", (marker, checked) => {
    const target = mount();
    target.commands.focus("start");
    type(target, `${marker}Ship it`);
    expect(firstTask(target)).toEqual({ list: "taskList", item: { type: "taskItem", attrs: { checked }, content: [{ type: "paragraph", content: [{ type: "text", text: "Ship it" }] }] } });
  });

  it("[X] in the middle of a line stays text", () => {
    const target = mount();
    target.commands.focus("start");
    type(target, "See [X] here");
    expect(target.getJSON().content?.[0]).toEqual({ type: "paragraph", content: [{ type: "text", text: "See [X] here" }] });
  });

  it("- [X] (a new bullet list, then the box) makes a checked task too", () => {
    const target = mount();
    target.commands.focus("start");
    type(target, "- [X] Done in Markdown");
    expect(firstTask(target)).toMatchObject({ list: "taskList", item: { attrs: { checked: true } } });
  });
});

describe("the task item in the editor", () => {
  it("names its checkbox without a hidden copy of the item's text", () => {
    const target = mount({
      type: "doc",
      content: [{ type: "taskList", content: [{ type: "taskItem", attrs: { checked: true }, content: [{ type: "paragraph", content: [{ type: "text", text: "Buy milk" }] }] }] }],
    });
    const item = target.view.dom.querySelector('li[data-type="taskItem"]')!;
    const checkbox = item.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    expect(checkbox.getAttribute("aria-label")).toBe(TASK_CHECKBOX_LABEL);
    expect(checkbox.checked).toBe(true);
    // The label holds the checkbox alone; the text is said once, by the paragraph.
    expect(item.querySelector(":scope > label")!.textContent).toBe("");
    expect(item.textContent).toBe("Buy milk");

    target.commands.setTextSelection(3);
    target.commands.toggleTaskChecked();
    expect(checkbox.checked).toBe(false);
    expect(checkbox.getAttribute("aria-label")).toBe(TASK_CHECKBOX_LABEL);
    expect(item.querySelector(":scope > label")!.textContent).toBe("");
  });
});
