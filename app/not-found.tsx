import { NotFoundMessage } from "@/components/site/not-found-message";
import { SkipLink } from "@/components/ui/skip-link";

export const metadata = { title: "Page not found" };

export default function GlobalNotFound() {
  return (
    <>
      <SkipLink />
      <main id="main" className="mx-auto max-w-3xl px-5 py-20">
        <NotFoundMessage />
      </main>
    </>
  );
}
