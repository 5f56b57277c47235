import type { PagesCacheHandler } from "./pages";

/** Declares lib/cache/handlers/pages-adapter.mjs, which Next imports natively, for TypeScript callers (its tests). */
export default class QuirePagesCacheHandler implements Pick<PagesCacheHandler, "get" | "set" | "revalidateTag" | "resetRequestCache"> {
  get: PagesCacheHandler["get"];
  set: PagesCacheHandler["set"];
  revalidateTag: PagesCacheHandler["revalidateTag"];
  resetRequestCache(): void;
}
