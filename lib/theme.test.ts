import { Window } from "happy-dom";
import { afterEach, describe, expect, it } from "vitest";
import { storedChoiceFor, themeScript, themeToggleScript, THEME_STORAGE_KEY } from "@/lib/theme";

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

describe("the theme switch script", () => {
  let window: Window | undefined;
  afterEach(async () => {
    await window?.happyDOM.close();
    window = undefined;
  });

  /** A page with two switches, the first paint's theme applied, then the switch script run. */
  function load(stored: string | null, systemDark: boolean) {
    const win = new Window();
    window = win;
    const { document } = win;
    if (stored) win.localStorage.setItem(THEME_STORAGE_KEY, stored);
    const listeners: (() => void)[] = [];
    const media = { matches: systemDark, addEventListener: (_: string, listener: () => void) => listeners.push(listener) };
    const run = (script: string) => new Function("window", "document", "localStorage", "matchMedia", "addEventListener", "Element", script)(win, document, win.localStorage, () => media, win.addEventListener.bind(win), win.Element);
    document.body.innerHTML = '<button type="button" class="theme-toggle">a</button><button type="button" class="theme-toggle">b</button><button type="button" id="other">c</button>';
    run(themeScript);
    run(themeToggleScript);
    const buttons = [...document.querySelectorAll("button.theme-toggle")];
    return {
      theme: () => document.documentElement.dataset.theme,
      pressed: () => buttons.map((button) => button.getAttribute("aria-pressed")),
      click: (selector = "button.theme-toggle") => (document.querySelector(selector) as unknown as { click(): void }).click(),
      stored: () => win.localStorage.getItem(THEME_STORAGE_KEY),
      systemChanges: (dark: boolean) => {
        media.matches = dark;
        for (const listener of listeners) listener();
      },
    };
  }

  it("marks every switch with the theme shown, and switches and stores on a click", () => {
    const page = load(null, false);
    expect(page.theme()).toBe("light");
    expect(page.pressed()).toEqual(["false", "false"]);
    page.click();
    expect(page.theme()).toBe("dark");
    expect(page.pressed()).toEqual(["true", "true"]);
    expect(page.stored()).toBe("dark");
    // Back to what the system shows: nothing stored, so the site follows the system again.
    page.click();
    expect(page.theme()).toBe("light");
    expect(page.stored()).toBeNull();
  });

  it("ignores other clicks, and follows the system only while nothing is stored", () => {
    const page = load(null, false);
    page.click("#other");
    expect(page.theme()).toBe("light");
    page.systemChanges(true);
    expect(page.theme()).toBe("dark");
    expect(page.pressed()).toEqual(["true", "true"]);
    const chosen = load("light", false);
    chosen.systemChanges(true);
    expect(chosen.theme()).toBe("light");
  });
});
