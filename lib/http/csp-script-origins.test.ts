import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, externalScriptOrigins } from "@/lib/http/csp";

describe("externalScriptOrigins", () => {
  it("lists the https origins of external scripts, each once, and nothing else", () => {
    const html = [
      `<script async src="https://plausible.io/js/script.js" data-domain="x"></script>`,
      `<script src='https://plausible.io/js/other.js'></script>`,
      `<SCRIPT SRC=https://cdn.example.com:8443/a.js></SCRIPT>`,
      `<script src="/_next/static/chunks/a.js"></script>`,
      `<script src="http://insecure.example/a.js"></script>`,
      `<script src="//protocol-relative.example/a.js"></script>`,
      `<script>var s = "https://inline.example/x.js"</script>`,
      `<img src="https://images.example/a.png">`,
      `<p>&lt;script src="https://escaped.example/a.js">&lt;/script></p>`,
    ].join("");
    expect(externalScriptOrigins(html)).toEqual(["https://plausible.io", "https://cdn.example.com:8443"]);
  });

  it("finds none in a page without external scripts", () => {
    expect(externalScriptOrigins('<script>1</script><script src="/a.js"></script>')).toEqual([]);
  });
});

describe("contentSecurityPolicy with script origins", () => {
  it("allows the origins for scripts and connections, and nothing more", () => {
    const policy = contentSecurityPolicy({ scriptHashes: ["'sha256-x'"], scriptOrigins: ["https://plausible.io"] });
    expect(policy).toContain("script-src 'self' https://plausible.io 'sha256-x';");
    expect(policy).toContain("connect-src 'self' https://plausible.io;");
    expect(policy).toContain("default-src 'self'");
  });

  it("is unchanged without origins", () => {
    expect(contentSecurityPolicy({ scriptHashes: ["'sha256-x'"] })).toContain("script-src 'self' 'sha256-x'; style-src");
    expect(contentSecurityPolicy()).toContain("connect-src 'self';");
  });
});
