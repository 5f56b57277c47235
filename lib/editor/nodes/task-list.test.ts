import { DOMParser as PMDOMParser } from "@tiptap/pm/model";
import { Window } from "happy-dom";
import { afterAll, describe, expect, it } from "vitest";
import { docToPlaintext, nodeFromStoredDoc, parsePostDoc, postSchema } from "@/lib/editor/doc";
import { taskItemLabel, withTaskMarkers } from "@/lib/editor/nodes/task-list";
import { cleanPastedHtml, type HtmlParser } from "@/lib/editor/paste/clean-html";
import { markdownToHtml } from "@/lib/editor/paste/markdown";
import { DomainError } from "@/lib/errors";

type Json = Record<string, unknown>;

const text = (value: string): Json => ({ type: "text", text: value });
const paragraph = (value: string): Json => ({ type: "paragraph", content: [text(value)] });
const task = (value: string, checked: unknown, ...nested: Json[]): Json => ({ type: "taskItem", attrs: { checked }, content: [paragraph(value), ...nested] });
const taskList = (...items: Json[]): Json => ({ type: "taskList", content: items });
const doc = (...content: Json[]): Json => ({ type: "doc", content });

const window = new Window();
const parser = new window.DOMParser() as unknown as HtmlParser;
afterAll(() => window.close());

/** Pasted HTML as the editor reads it: cleaned, then parsed by the post schema's own parse rules. */
function pasted(html: string): Json {
  const cleaned = cleanPastedHtml(html, parser).html;
  const body = parser.parseFromString(cleaned, "text/html").body;
  return PMDOMParser.fromSchema(postSchema).parse(body as unknown as Node).toJSON() as Json;
}

describe("task lists in the post schema", () => {
  it("are valid with a checked state per item, nested task lists and other blocks inside items", () => {
    const input = doc(taskList(task("Write", true), task("Review", false, taskList(task("Tables", true)), paragraph("Then publish."))));
    const { doc: parsed, plaintext } = parsePostDoc(input);
    expect(parsed).toEqual(input);
    expect(plaintext).toBe("Write\nReview\nTables\nThen publish.");
  });

  it("keep only `checked` and read a missing one as not done", () => {
    const { doc: parsed } = parsePostDoc(doc(taskList({ type: "taskItem", attrs: { checked: true, class: "x", "data-id": "1" }, content: [paragraph("A")] }, { type: "taskItem", content: [paragraph("B")] })));
    const items = (parsed.content?.[0]?.content ?? []).map((item) => item.attrs);
    expect(items).toEqual([{ checked: true }, { checked: false }]);
  });

  it.each([["yes"], [1], [null], [{}]])("reject a checked value of %j", (checked) => {
    const error = (() => {
      try {
        parsePostDoc(doc(taskList(task("A", checked))));
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: "INVALID_DOCUMENT" });
  });

  it("reject a plain list item in a task list and a task item in a bullet list", () => {
    expect(() => parsePostDoc(doc(taskList({ type: "listItem", content: [paragraph("A")] })))).toThrow(DomainError);
    expect(() => parsePostDoc(doc({ type: "bulletList", content: [task("A", false)] }))).toThrow(DomainError);
  });

  it("name each checkbox after its item's first line", () => {
    const node = nodeFromStoredDoc(doc(taskList(task("  Ship   the release  ", true, taskList(task("Inner", false))), { type: "taskItem", attrs: { checked: false }, content: [{ type: "paragraph" }] })));
    const list = node.firstChild!;
    expect(taskItemLabel(list.child(0))).toBe("Ship the release");
    expect(taskItemLabel(list.child(1))).toBe("Empty task");
    expect(taskItemLabel(nodeFromStoredDoc(doc(taskList(task("x".repeat(200), false)))).firstChild!.firstChild!)).toHaveLength(80);
  });
});

describe("pasted task lists", () => {
  it("GitHub-flavoured Markdown text keeps its tasks, their state and their nesting", () => {
    const { html } = markdownToHtml("- [ ] Write the post\n- [x] Pick a title\n  - [x] Ask the editor\n  - [ ] Check the **slug**\n");
    expect(pasted(html)).toEqual(
      doc(
        taskList(
          task("Write the post", false),
          task("Pick a title", true, taskList(task("Ask the editor", true), { type: "taskItem", attrs: { checked: false }, content: [{ type: "paragraph", content: [text("Check the "), { type: "text", text: "slug", marks: [{ type: "bold" }] }] }] })),
        ),
      ),
    );
  });

  it("HTML checkboxes in list items (GitHub's rendered README, a web page) become tasks", () => {
    const html = '<ul class="contains-task-list"><li class="task-list-item"><input type="checkbox" class="task-list-item-checkbox" disabled checked> Done</li><li class="task-list-item"><p><input type="checkbox" disabled> To do</p></li></ul>';
    expect(pasted(html)).toEqual(doc(taskList(task("Done", true), task("To do", false))));
  });

  it("Tiptap's own markup (a copy from another editor) keeps its state", () => {
    const html = '<ul data-type="taskList"><li data-type="taskItem" data-checked="true"><label><input type="checkbox" checked="checked"><span></span></label><div><p>Copied</p></div></li><li data-type="taskItem" data-checked="false"><label><input type="checkbox"><span></span></label><div><p>Open</p></div></li></ul>';
    expect(pasted(html)).toEqual(doc(taskList(task("Copied", true), task("Open", false))));
  });

  it("Google Docs checklist items (role=checkbox) keep their state", () => {
    const html = '<ul><li role="checkbox" aria-checked="true" style="list-style-type:none"><p><span>Booked</span></p></li><li role="checkbox" aria-checked="false"><p><span>Paid</span></p></li></ul>';
    expect(pasted(html)).toEqual(doc(taskList(task("Booked", true), task("Paid", false))));
  });

  it("a list mixing tasks and plain items is split into a task list and a bullet list, in order", () => {
    const html = "<ul><li><input type=checkbox checked> One</li><li><input type=checkbox> Two</li><li>Plain</li><li><input type=checkbox> Three</li></ul>";
    const parsed = pasted(html) as { content: Json[] };
    expect(parsed.content.map((block) => block.type)).toEqual(["taskList", "bulletList", "taskList"]);
    expect(parsed.content[0]).toEqual(taskList(task("One", true), task("Two", false)));
  });

  it("leaves a checkbox after the text alone (a form, not a task) and drops it", () => {
    const parsed = pasted("<ul><li>Accept <input type=checkbox checked></li></ul>") as { content: Json[] };
    expect(parsed.content[0]?.type).toBe("bulletList");
  });

  it("keeps only the task attributes on the cleaned HTML", () => {
    const { html } = cleanPastedHtml('<ul class="x"><li class="y" id="z"><input type="checkbox" checked class="c"> Done</li></ul>', parser);
    expect(html.replace(/>\s+</g, "><")).toBe('<ul data-type="taskList"><li data-type="taskItem" data-checked="true"> Done</li></ul>');
  });
});

describe("withTaskMarkers", () => {
  it("puts each task's state in front of its first line, nested ones too, so a tick shows in a comparison", () => {
    const stored = nodeFromStoredDoc(doc(paragraph("Steps:"), taskList(task("Write", true), task("Review", false, taskList(task("Tables", true)), paragraph("Then publish.")))));
    expect(docToPlaintext(withTaskMarkers(stored))).toBe("Steps:\n[x] Write\n[ ] Review\n[x] Tables\nThen publish.");
    expect(docToPlaintext(stored)).toBe("Steps:\nWrite\nReview\nTables\nThen publish.");
  });

  it("returns a document without tasks unchanged", () => {
    const stored = nodeFromStoredDoc(doc(paragraph("No tasks.")));
    expect(withTaskMarkers(stored)).toBe(stored);
  });
});
