import type { Page } from "@playwright/test";

/**
 * Counts React commits on the page, from outside the app: React reports every commit to a devtools hook
 * if one is installed before it loads. Call before the page is opened; the result reads the count so far.
 */
export async function countReactCommits(page: Page): Promise<() => Promise<number>> {
  await page.addInitScript(() => {
    const w = window as unknown as { __commits: number; __REACT_DEVTOOLS_GLOBAL_HOOK__: unknown };
    w.__commits = 0;
    w.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
      isDisabled: false,
      supportsFiber: true,
      renderers: new Map(),
      inject: () => 1,
      checkDCE: () => {},
      onScheduleFiberRoot: () => {},
      onCommitFiberRoot: () => (w.__commits += 1),
      onCommitFiberUnmount: () => {},
      onPostCommitFiberRoot: () => {},
    };
  });
  return () => page.evaluate(() => (window as unknown as { __commits: number }).__commits);
}
