import { describe, expect, it } from "vitest";
import { storedChoiceFor, themeScript, THEME_STORAGE_KEY } from "@/lib/theme";

describe("theme", () => {
  it("stores only a choice that differs from the system", () => {
    expect(storedChoiceFor("dark", "light")).toBe("dark");
    expect(storedChoiceFor("light", "dark")).toBe("light");
    expect(storedChoiceFor("dark", "dark")).toBeNull();
    expect(storedChoiceFor("light", "light")).toBeNull();
  });

  it("the inline script resolves the stored choice, else the system preference", () => {
    const run = (stored: string | null, systemDark: boolean) => {
      const root = { dataset: {} as Record<string, string>, style: {} as Record<string, string> };
      const env = {
        localStorage: { getItem: (key: string) => (key === THEME_STORAGE_KEY ? stored : null) },
        matchMedia: () => ({ matches: systemDark }),
        document: { documentElement: root },
      };
      new Function("localStorage", "matchMedia", "document", themeScript)(env.localStorage, env.matchMedia, env.document);
      return [root.dataset.theme, root.style.colorScheme];
    };
    expect(run(null, true)).toEqual(["dark", "dark"]);
    expect(run(null, false)).toEqual(["light", "light"]);
    expect(run("light", true)).toEqual(["light", "light"]);
    expect(run("dark", false)).toEqual(["dark", "dark"]);
    expect(run("bogus", true)).toEqual(["dark", "dark"]);
  });

  it("the inline script never throws, even when storage is blocked", () => {
    const blocked = { getItem: () => { throw new Error("SecurityError"); } };
    expect(() => new Function("localStorage", "matchMedia", "document", themeScript)(blocked, () => ({ matches: false }), {})).not.toThrow();
  });
});
