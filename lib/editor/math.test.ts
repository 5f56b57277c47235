import { describe, expect, it } from "vitest";
import { renderMath } from "@/lib/editor/math";
import { LATEX_MAX } from "@/lib/editor/nodes/math";

describe("renderMath", () => {
  it("renders inline and display formulas with MathML for assistive technology", () => {
    const inline = renderMath("e^{i\\pi} + 1 = 0", { display: false });
    expect(inline.ok).toBe(true);
    expect(inline.ok && inline.html).toContain("<math");
    expect(inline.ok && inline.html).toContain('class="katex"');
    const display = renderMath("\\sum_{k=1}^n k", { display: true });
    expect(display.ok && display.html).toContain("katex-display");
  });

  it("gives MathML only for feeds", () => {
    const result = renderMath("x^2", { display: false, output: "mathml" });
    expect(result.ok && result.html).toContain("<math");
    expect(result.ok && result.html).not.toContain("katex-html");
  });

  it.each(["\\frac{1}{", "\\undefinedcommand", "x^^2", "}"])("reports %s as an error instead of throwing", (latex) => {
    const result = renderMath(latex, { display: true });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.length).toBeGreaterThan(0);
  });

  it.each(["\\href{javascript:alert(1)}{x}", "\\url{https://evil.example}", "\\includegraphics{https://evil.example/x.png}", "\\htmlClass{x}{y}"])(
    "never emits links, images or classes from %s",
    (latex) => {
      const result = renderMath(latex, { display: false });
      const html = result.ok ? result.html : "";
      expect(html).not.toMatch(/href=|<img|src=|class="x"/);
    },
  );

  it("stops macro expansion loops and over-long formulas", () => {
    expect(renderMath("\\def\\a{\\a\\a}\\a", { display: false }).ok).toBe(false);
    expect(renderMath("x".repeat(LATEX_MAX + 1), { display: false }).ok).toBe(false);
  });
});
