"use client";

import { useEffect, useSyncExternalStore } from "react";
import { storedChoiceFor, THEME_STORAGE_KEY, type Theme } from "@/lib/theme";

const systemTheme = (): Theme => (window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
const currentTheme = (): Theme => (document.documentElement.dataset.theme === "dark" ? "dark" : "light");

function subscribeToTheme(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  return () => observer.disconnect();
}

function apply(theme: Theme) {
  const root = document.documentElement;
  root.dataset.theme = theme;
  root.style.colorScheme = theme;
}

/**
 * Switches between light and dark. The icons swap by CSS on data-theme, so the server-rendered button is
 * right before hydration; the pressed state comes from the page once it runs.
 */
export function ThemeToggle() {
  // The theme lives on <html data-theme>; the pressed state follows it, and is unknown on the server.
  const dark = useSyncExternalStore(subscribeToTheme, () => currentTheme() === "dark", () => null);

  useEffect(() => {
    // Follow the system while the reader has not chosen.
    const query = window.matchMedia("(prefers-color-scheme: dark)");
    const onSystemChange = () => {
      if (!localStorage.getItem(THEME_STORAGE_KEY)) apply(systemTheme());
    };
    query.addEventListener("change", onSystemChange);
    return () => query.removeEventListener("change", onSystemChange);
  }, []);

  function toggle() {
    const next: Theme = currentTheme() === "dark" ? "light" : "dark";
    apply(next);
    try {
      const stored = storedChoiceFor(next, systemTheme());
      if (stored) localStorage.setItem(THEME_STORAGE_KEY, stored);
      else localStorage.removeItem(THEME_STORAGE_KEY);
    } catch {
      // Storage can be blocked; the switch still holds for this page.
    }
  }

  return (
    <button
      type="button"
      onClick={toggle}
      aria-pressed={dark ?? undefined}
      aria-label="Dark theme"
      title="Switch between light and dark"
      className="theme-toggle"
    >
      {/* Moon in light mode, sun in dark mode. */}
      <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5 dark:hidden" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
        <path d="M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z" />
      </svg>
      <svg aria-hidden="true" viewBox="0 0 24 24" className="hidden size-5 dark:block" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
        <circle cx="12" cy="12" r="4" />
        <path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" />
      </svg>
    </button>
  );
}
