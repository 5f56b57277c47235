import type { Metadata, Viewport } from "next";
import { HtmlDocument } from "@/components/site/html-document";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Quire", template: "%s" },
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return <HtmlDocument>{children}</HtmlDocument>;
}
