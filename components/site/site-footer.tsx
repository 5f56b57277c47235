export interface SiteFooterProps {
  title: string;
  description: string;
}

export function SiteFooter({ title, description }: SiteFooterProps) {
  return (
    <footer className="mt-16 border-t border-zinc-200 dark:border-zinc-800">
      <div className="mx-auto max-w-3xl px-5 py-8 text-sm text-zinc-600 dark:text-zinc-400">
        <p className="font-medium text-zinc-800 dark:text-zinc-200">{title}</p>
        <p className="mt-1">{description}</p>
      </div>
    </footer>
  );
}
