/**
 * Reader theme: "light" or "dark" on <html data-theme>, chosen before first paint. A stored choice wins;
 * without one the system preference decides. Choosing what the system already shows clears the stored
 * choice, so the site follows the system again. Reader pages run no framework scripts, so both the first
 * paint and the switch are small inline scripts made here.
 */
export type Theme = "light" | "dark";

export const THEME_STORAGE_KEY = "quire-theme";

/** The inline <head> script: sets data-theme and color-scheme before the body paints (no flash). */
export const themeScript = `(function(){try{var s=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});var d=s==="dark"||(s!=="light"&&matchMedia("(prefers-color-scheme: dark)").matches);var e=document.documentElement;e.dataset.theme=d?"dark":"light";e.style.colorScheme=d?"dark":"light"}catch(_){}})()`;

/** What to store for `next` given the system's theme: nothing when they agree. */
export function storedChoiceFor(next: Theme, system: Theme): Theme | null {
  return next === system ? null : next;
}

/**
 * The switch (components/site/theme-toggle.tsx draws its button), run at the end of <body>: marks every
 * `button.theme-toggle` pressed in the dark theme, switches and stores the choice on a click
 * (storedChoiceFor's rule), follows the system while nothing is stored, and follows a choice made in
 * another tab. Storage may be blocked: the switch then holds for this page.
 */
export const themeToggleScript = `(function(){var k=${JSON.stringify(THEME_STORAGE_KEY)},m=matchMedia("(prefers-color-scheme: dark)"),e=document.documentElement;function sys(){return m.matches?"dark":"light"}function cur(){return e.dataset.theme==="dark"?"dark":"light"}function get(){try{return localStorage.getItem(k)}catch(_){return null}}function sync(){var b=document.querySelectorAll("button.theme-toggle");for(var i=0;i<b.length;i++)b[i].setAttribute("aria-pressed",cur()==="dark"?"true":"false")}function apply(t){e.dataset.theme=t;e.style.colorScheme=t;sync()}function follow(){var s=get();apply(s==="dark"||s==="light"?s:sys())}document.addEventListener("click",function(v){var b=v.target instanceof Element?v.target.closest("button.theme-toggle"):null;if(!b)return;var n=cur()==="dark"?"light":"dark";apply(n);try{if(n===sys())localStorage.removeItem(k);else localStorage.setItem(k,n)}catch(_){}});m.addEventListener("change",follow);addEventListener("storage",function(v){if(v.key===k||v.key===null)follow()});sync()})()`;
