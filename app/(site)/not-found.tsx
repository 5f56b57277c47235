import { NotFoundMessage } from "@/components/site/not-found-message";

/**
 * What a client-side navigation to a missing reader page shows (Next renders it from the RSC payload).
 * A page loaded from the server gets app/global-not-found.tsx instead: Next writes no HTML for this
 * boundary, so scripts/server.mjs sends that page in place of Next's empty one (lib/http/not-found-page.ts).
 */
export default function NotFound() {
  return (
    <div className="py-6">
      <NotFoundMessage />
    </div>
  );
}
