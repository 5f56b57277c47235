import type { Viewport } from "next";
import { themeScript } from "@/lib/theme";

/** The viewport every root layout exports: theme colours for the browser's chrome. */
export const documentViewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

export interface HtmlDocumentProps {
  /** Extra <head> elements after the theme script (reader pages: the accent and the head code injection). */
  head?: React.ReactNode;
  children: React.ReactNode;
  /**
   * False for pages that are complete as HTML: the server then sends them without React, the router and
   * the flight data (lib/http/framework-scripts.ts). Such a page must not need hydration for anything.
   */
  frameworkScripts?: boolean;
}

/**
 * The <html> and <body> every page shares, with the theme set before the first paint. Text uses the
 * system font stacks of app/globals.css, so no page waits for or downloads a web font.
 */
export function HtmlDocument({ head, children, frameworkScripts = true }: HtmlDocumentProps) {
  return (
    // The theme script sets data-theme before React hydrates, so <html> legitimately differs from the server's.
    <html lang="en" data-framework-scripts={frameworkScripts ? undefined : "none"} suppressHydrationWarning>
      {/* The rule is for the pages router's next/head; an App Router root layout writes <head> itself. */}
      {/* eslint-disable-next-line @next/next/no-head-element */}
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
        {head}
      </head>
      <body className="min-h-dvh bg-white font-sans text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">{children}</body>
    </html>
  );
}
