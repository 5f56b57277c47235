/**
 * Switches between light and dark. The icons swap by CSS on data-theme, so the button is right before
 * any script runs; the click and the pressed state come from lib/theme.ts's themeToggleScript, which the
 * reader document runs.
 */
export function ThemeToggle() {
  return (
    <button type="button" aria-label="Dark theme" title="Switch between light and dark" className="theme-toggle">
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
