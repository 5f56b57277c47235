import { describe, expect, it } from "vitest";
import { formatPageScripts, pageScripts } from "@/lib/http/csp";
import { readerPage, storedPageScripts, wantsNoFrameworkScripts, withoutFrameworkScripts } from "@/lib/http/framework-scripts";

// Shaped as Next 16 writes a page: chunk preloads, chunk scripts, the Turbopack chunk list, flight data.
const page = (htmlAttributes: string, body = "<main><h1>Post</h1></main>") =>
  `<!DOCTYPE html><html lang="en"${htmlAttributes}><head><meta charSet="utf-8"/>` +
  '<link rel="stylesheet" href="/_next/static/chunks/a.css" data-precedence="next"/>' +
  '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/29n.js"/>' +
  '<script src="/_next/static/chunks/0ahi.js" async=""></script>' +
  '<script>(function(){try{var s=localStorage.getItem("quire-theme")}catch(_){}})()</script>' +
  '<script type="application/ld+json">{"@type":"BlogPosting"}</script>' +
  '<script src="https://analytics.example/a.js" async></script>' +
  '<link rel="preload" href="/_next/static/media/font.woff2" as="font" crossorigin=""/>' +
  `</head><body>${body}` +
  '<script src="/_next/static/chunks/29n.js" id="_R_" async=""></script>' +
  '<script src="/_next/static/chunks/0cz.js" noModule=""></script>' +
  '<script>(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":[]})</script>' +
  "<script>(self.__next_f=self.__next_f||[]).push([0])</script>" +
  '<script>self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\n"])</script>' +
  '<script>document.documentElement.dataset.toggle="1"</script>' +
  "</body></html>";

describe("withoutFrameworkScripts", () => {
  it("leaves a page alone unless its <html> asks", () => {
    const html = page("");
    expect(wantsNoFrameworkScripts(html)).toBe(false);
    expect(withoutFrameworkScripts(html)).toBe(html);
  });

  it("removes Next's chunks, their preloads, the chunk list and the flight data, and keeps every other script and link", () => {
    const html = page(' data-framework-scripts="none"');
    const out = withoutFrameworkScripts(html);
    expect(out).not.toMatch(/_next\/static\/chunks\/[^"]*\.js/);
    expect(out).not.toContain("__next_f");
    expect(out).not.toContain("TURBOPACK");
    expect(out).toContain('<link rel="stylesheet" href="/_next/static/chunks/a.css" data-precedence="next"/>');
    expect(out).toContain('<link rel="preload" href="/_next/static/media/font.woff2" as="font" crossorigin=""/>');
    expect(out).toContain('localStorage.getItem("quire-theme")');
    expect(out).toContain('<script type="application/ld+json">{"@type":"BlogPosting"}</script>');
    expect(out).toContain('<script src="https://analytics.example/a.js" async></script>');
    expect(out).toContain('<script>document.documentElement.dataset.toggle="1"</script>');
    expect(out).toContain("<main><h1>Post</h1></main>");
    expect(out.endsWith("</body></html>")).toBe(true);
  });

  it("also removes the chunk list as Next writes it without cacheComponents (with an id) and its preconnect to the page's own origin", () => {
    const html = page(' data-framework-scripts="none"')
      .replace("<head>", '<head><link rel="preconnect" href="/" crossorigin=""/><link rel="preconnect" href="https://cdn.example"/>')
      .replace('<script>(globalThis["TURBOPACK"]', '<script id="_R_">(globalThis["TURBOPACK"]');
    const out = withoutFrameworkScripts(html);
    expect(out).not.toContain("TURBOPACK");
    expect(out).not.toContain('href="/" crossorigin');
    expect(out).toContain('<link rel="preconnect" href="https://cdn.example"/>');
    expect(out).toContain('localStorage.getItem("quire-theme")');
  });

  it("keeps an inline script with attributes other than the chunk list's id, whatever its text", () => {
    const inline = '<script id="mine">(globalThis["TURBOPACK"] || [])</script>';
    expect(withoutFrameworkScripts(page(' data-framework-scripts="none"', `<main></main>${inline}`))).toContain(inline);
  });

  it("leaves a streamed page whole: its hidden parts are revealed by React's inline scripts", () => {
    const html = page(' data-framework-scripts="none"', '<template id="B:0"></template><div hidden id="S:0"><p>late</p></div><script>$RC("B:0","S:0")</script>');
    expect(withoutFrameworkScripts(html)).toBe(html);
  });

  it("does not mistake text that mentions the attribute for the opt-in", () => {
    const html = page("", '<main><p>data-framework-scripts="none"</p></main>');
    expect(withoutFrameworkScripts(html)).toBe(html);
  });
});

describe("readerPage", () => {
  it("is the page as sent, with the policy sources of the scripts left in it and their header line", () => {
    const html = page(' data-framework-scripts="none"');
    const reader = readerPage(html)!;
    expect(reader.html).toBe(withoutFrameworkScripts(html));
    expect(reader.scripts).toEqual(pageScripts(reader.html));
    expect(reader.scripts.scriptOrigins).toEqual(["https://analytics.example"]);
    expect(reader.scripts.scriptHashes).toHaveLength(2);
    expect(reader.header).toBe(formatPageScripts(reader.scripts));
    expect(storedPageScripts(reader.header)).toEqual(reader.scripts);
    // Stripping what is stripped already changes nothing.
    expect(readerPage(reader.html)!.html).toBe(reader.html);
  });

  it("is null for a page that keeps the framework's scripts: it did not ask, or it streams", () => {
    expect(readerPage(page(""))).toBeNull();
    expect(readerPage(page(' data-framework-scripts="none"', '<template id="B:0"></template><script>$RC("B:0","S:0")</script>'))).toBeNull();
  });

  it("reads no sources from a response without the header", () => {
    expect(storedPageScripts(undefined)).toBeNull();
    expect(storedPageScripts(["a", "b"])).toBeNull();
  });
});
