import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import { themeScript } from "@/lib/theme";

/** The <html> and <body> every page shares: fonts, and the theme set before the first paint. */
export function HtmlDocument({ children }: { children: React.ReactNode }) {
  return (
    // The theme script sets data-theme before React hydrates, so <html> legitimately differs from the server's.
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`} suppressHydrationWarning>
      {/* The rule is for the pages router's next/head; an App Router root layout writes <head> itself. */}
      {/* eslint-disable-next-line @next/next/no-head-element */}
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-dvh bg-white font-sans text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">{children}</body>
    </html>
  );
}
