import { describe, expect, it } from "vitest";
import { dedent, languageFromVscodeData, looksLikeCode } from "@/lib/editor/paste/code";

describe("looksLikeCode", () => {
  it.each([
    ["const a = 1;\nif (a > 0) {\n  console.log(a);\n}", "JavaScript"],
    ["def main():\n    print('hi')\n    return 0", "Python"],
    ["SELECT id, title\nFROM posts\nWHERE status = 'PUBLISHED';", "SQL"],
    ["$ npm ci\n$ npm test", "a shell session"],
    ["server:\n  port: 3000\n  host: localhost", "YAML"],
    ['{\n  "name": "quire",\n  "private": true\n}', "JSON"],
  ])("recognises %s", (text) => {
    expect(looksLikeCode(text)).toBe(true);
  });

  it.each([
    ["One line of code();", "a single line"],
    [
      "The editor keeps your text on this device while you write, so a closed tab loses nothing.\nWhen you open the post again it offers the kept copy back, and you can restore or discard it.",
      "prose",
    ],
    ["Shopping list\nMilk\nEggs\nBread", "a plain list of words"],
  ])("leaves %s alone", (text) => {
    expect(looksLikeCode(text)).toBe(false);
  });
});

describe("languageFromVscodeData", () => {
  it.each([
    ['{"version":1,"isFromEmptySelection":false,"multicursorText":null,"mode":"typescript"}', "typescript"],
    ['{"version":1,"mode":"typescriptreact"}', "tsx"],
    ['{"version":1,"mode":"shellscript"}', "bash"],
    ['{"version":1,"mode":"plaintext"}', null],
    ['{"version":1,"mode":"<script>"}', null],
    ["not json", null],
    [null, null],
  ])("%s gives %s", (data, language) => {
    expect(languageFromVscodeData(data)).toBe(language);
  });
});

describe("dedent", () => {
  it("removes the indentation all lines share and trailing blank lines", () => {
    expect(dedent("    if (a) {\n      b();\n    }\n\n")).toBe("if (a) {\n  b();\n}");
  });
});
