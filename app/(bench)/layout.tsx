import type { Metadata, Viewport } from "next";
import { HtmlDocument, documentViewport } from "@/components/site/html-document";
import "../globals.css";

export const metadata: Metadata = {
  title: { default: "Quire", template: "%s" },
};

export const viewport: Viewport = documentViewport;

/**
 * A root layout of its own: reader pages (app/(site)/layout.tsx) carry the site's code injection and
 * accent, which must never reach these pages.
 */
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return <HtmlDocument>{children}</HtmlDocument>;
}
