import { safeHref } from "@/lib/editor/safe-href";
import { initials } from "@/lib/initials";
import { authorPath } from "@/lib/paths";

export interface AuthorBoxProps {
  author: { name: string; slug: string; bio: string | null; website: string | null; avatarSrc?: string | null };
}

/** The author's own site as a link target: absolute http(s) only, since it is shown on every post. */
function websiteHref(website: string | null): string | null {
  const href = safeHref(website);
  return href && /^https?:\/\//i.test(href) ? href : null;
}


/** Who wrote the post: name linking to their author page, bio, and their website (rel="me"). */
export function AuthorBox({ author }: AuthorBoxProps) {
  const website = websiteHref(author.website);
  return (
    <aside aria-label="About the author" className="mt-14 flex gap-4 rounded-lg border border-zinc-200 p-5 dark:border-zinc-800">
      {author.avatarSrc ? (
        // eslint-disable-next-line @next/next/no-img-element -- a 256-pixel WebP already; decorative beside the name
        <img src={author.avatarSrc} alt="" width={48} height={48} loading="lazy" decoding="async" className="size-12 shrink-0 rounded-full object-cover" />
      ) : (
        <span aria-hidden="true" className="flex size-12 shrink-0 items-center justify-center rounded-full bg-indigo-100 font-semibold text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200">
          {initials(author.name)}
        </span>
      )}
      <div className="min-w-0">
        <p className="eyebrow">Written by</p>
        <p className="mt-0.5 font-semibold">
          <a className="hover:text-indigo-700 hover:underline dark:hover:text-indigo-300" href={authorPath(author.slug)}>
            {author.name}
          </a>
        </p>
        {author.bio && <p className="mt-2 text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">{author.bio}</p>}
        {website && (
          <p className="mt-2 text-sm">
            <a href={website} rel="me noopener" className="break-all text-indigo-700 hover:underline dark:text-indigo-300">
              {website.replace(/^https?:\/\//i, "").replace(/\/$/, "")}
            </a>
          </p>
        )}
      </div>
    </aside>
  );
}
