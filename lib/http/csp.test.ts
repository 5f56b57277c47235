import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, formatPageScripts, inlineScriptHashes, pageScripts, parsePageScripts } from "@/lib/http/csp";

const hash = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

describe("inlineScriptHashes", () => {
  it("hashes the exact text of every inline script a browser runs, each once", () => {
    const theme = '(function(){document.documentElement.dataset.theme="dark"})()';
    const flight = 'self.__next_f.push([1,"é \\u003c/script>"])';
    const html = [
      `<html><head><script>${theme}</script>`,
      `<script src="/_next/static/chunks/a.js" async=""></script>`,
      `<script type="application/ld+json">{"@type":"BlogPosting"}</script>`,
      `<script type='module'>import "/x.js"</script>`,
      `</head><body><SCRIPT nonce="">${flight}</SCRIPT >`,
      `<script>${theme}</script><script></script></body></html>`,
    ].join("");
    expect(inlineScriptHashes(html)).toEqual([hash(theme), hash('import "/x.js"'), hash(flight), hash("")]);
  });

  it("finds none in a page without inline scripts", () => {
    expect(inlineScriptHashes('<p>&lt;script>alert(1)&lt;/script></p><script src="/a.js"></script>')).toEqual([]);
  });
});

describe("contentSecurityPolicy", () => {
  it("allows scripts from this origin and the listed hashes only, never inline or eval", () => {
    const policy = contentSecurityPolicy({ scriptHashes: [hash("a")] });
    expect(policy).toContain(`script-src 'self' ${hash("a")};`);
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy.match(/script-src[^;]*/)![0]).not.toMatch(/unsafe/);
  });

  it("lets Next's development server evaluate code and reach its socket", () => {
    expect(contentSecurityPolicy({ dev: true })).toMatch(/script-src 'self' 'unsafe-inline' 'unsafe-eval'; .*connect-src 'self' ws: wss:/);
  });
});

describe("formatPageScripts and parsePageScripts", () => {
  it("keep a page's hashes and origins on one line and read them back", () => {
    const scripts = pageScripts('<script>theme()</script><script src="https://cdn.example:8443/a.js"></script><script>b()</script>');
    expect(scripts).toEqual({ scriptHashes: [hash("theme()"), hash("b()")], scriptOrigins: ["https://cdn.example:8443"] });
    const line = formatPageScripts(scripts);
    expect(line).toBe(`${hash("theme()")} ${hash("b()")} https://cdn.example:8443`);
    expect(parsePageScripts(line)).toEqual(scripts);
    expect(parsePageScripts("")).toEqual({ scriptHashes: [], scriptOrigins: [] });
  });

  it("read nothing but hashes and https origins: no keyword or other source can widen the policy", () => {
    const widening = `'unsafe-inline' 'unsafe-eval' * http://x.example https: data: ${hash("a")}; 'sha256-a b' https://a.example;script-src`;
    expect(parsePageScripts(widening)).toEqual({ scriptHashes: [], scriptOrigins: [] });
    expect(parsePageScripts(`${hash("a")} https://cdn.example`)).toEqual({ scriptHashes: [hash("a")], scriptOrigins: ["https://cdn.example"] });
  });
});
