export interface SiteFooterProps {
  title: string;
  description: string;
}

export function SiteFooter({ title, description }: SiteFooterProps) {
  return (
    <footer className="site-footer">
      <div className="site-footer-inner">
        <p className="font-medium text-zinc-800 dark:text-zinc-200">{title}</p>
        <p className="mt-1">{description}</p>
      </div>
    </footer>
  );
}
