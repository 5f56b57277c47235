/**
 * Reader theme: "light" or "dark" on <html data-theme>, chosen before first paint. A stored choice wins;
 * without one the system preference decides. Choosing what the system already shows clears the stored
 * choice, so the site follows the system again. Isomorphic: the toggle and the inline script share it.
 */
export type Theme = "light" | "dark";

export const THEME_STORAGE_KEY = "quire-theme";

/** The inline <head> script: sets data-theme and color-scheme before the body paints (no flash). */
export const themeScript = `(function(){try{var s=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});var d=s==="dark"||(s!=="light"&&matchMedia("(prefers-color-scheme: dark)").matches);var e=document.documentElement;e.dataset.theme=d?"dark":"light";e.style.colorScheme=d?"dark":"light"}catch(_){}})()`;

/** What to store for `next` given the system's theme: nothing when they agree. */
export function storedChoiceFor(next: Theme, system: Theme): Theme | null {
  return next === system ? null : next;
}
