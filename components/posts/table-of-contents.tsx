import type { TocEntry } from "@/lib/editor/headings";

export interface TableOfContentsProps {
  entries: TocEntry[];
}

/** Links to the post's sections (plain fragment links: they work without JavaScript). Renders nothing without entries. */
export function TableOfContents({ entries }: TableOfContentsProps) {
  if (entries.length === 0) return null;
  return (
    <nav aria-label="Table of contents" className="mb-10 rounded-lg border border-zinc-200 bg-zinc-50 px-5 py-4 dark:border-zinc-800 dark:bg-zinc-900">
      <p className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">On this page</p>
      <ol className="mt-3 space-y-2 text-sm leading-snug">
        {entries.map((entry) => (
          <li key={entry.id}>
            <a href={`#${entry.id}`} className="toc-link">
              {entry.text}
            </a>
            {entry.children.length > 0 && (
              <ol className="mt-2 space-y-2 border-l border-zinc-200 pl-4 dark:border-zinc-700">
                {entry.children.map((child) => (
                  <li key={child.id}>
                    <a href={`#${child.id}`} className="toc-link">
                      {child.text}
                    </a>
                  </li>
                ))}
              </ol>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
