import { describe, expect, it } from "vitest";
import { linkHrefFromInput, safeHref, safeImageSrc } from "@/lib/editor/safe-href";

/** Script URLs in the disguises browsers still execute. */
const SCRIPT_URLS = [
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "JAVASCRIPT:alert(1)",
  " javascript:alert(1)",
  "javascript:alert(1) ",
  "\tjavascript:alert(1)",
  "java\tscript:alert(1)",
  "java\nscript:alert(1)",
  "java\rscript:alert(1)",
  "\u0000javascript:alert(1)",
  "\u0001javascript:alert(1)",
  "jav\u0000ascript:alert(1)",
  "javascript\u0000:alert(1)",
  "\u00a0javascript:alert(1)",
];

const OTHER_BAD_SCHEMES = [
  "data:text/html,<script>alert(1)</script>",
  "DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
  "data:image/png;base64,iVBORw0KGgo=",
  "vbscript:msgbox(1)",
  "VBScript:msgbox(1)",
  "file:///etc/passwd",
  "blob:https://example.com/1234",
];

/** Relative-looking URLs that a browser resolves to another host. */
const OTHER_HOSTS = [
  "//evil.com",
  "//evil.com/path",
  " //evil.com",
  "\\\\evil.com",
  "\\/evil.com",
  "/\t/evil.com",
  "/\n/evil.com",
];

/** Browsers treat "\" like "/" in http(s) URLs, so these are protocol-relative links to evil.com too. */
const BACKSLASH_HOSTS = ["/\\evil.com", "/\\/evil.com"];

const NOT_STRINGS: unknown[] = [null, undefined, 42, true, {}, ["https://example.com"], { toString: () => "https://example.com" }];

describe("safeHref", () => {
  it.each([
    "https://example.com",
    "https://example.com/a/b?c=d#e",
    "http://example.com",
    "HTTPS://EXAMPLE.COM/",
    "mailto:someone@example.com",
    "/about",
    "/blog/hello-world",
    "#section-2",
    "?page=2",
    "./sibling",
    "../parent",
    "relative/path",
  ])("allows %j unchanged", (href) => {
    expect(safeHref(href)).toBe(href);
  });

  it("returns the href trimmed", () => {
    expect(safeHref("  https://example.com/  ")).toBe("https://example.com/");
  });

  it.each(SCRIPT_URLS)("rejects the script URL %j", (href) => {
    expect(safeHref(href)).toBeNull();
  });

  it.each(OTHER_BAD_SCHEMES)("rejects %j", (href) => {
    expect(safeHref(href)).toBeNull();
  });

  it.each(OTHER_HOSTS)("rejects the protocol-relative %j", (href) => {
    expect(safeHref(href)).toBeNull();
  });

  // Every browser opens "/\evil.com" as https://evil.com/.
  it.each(BACKSLASH_HOSTS)("rejects the backslash disguise %j", (href) => {
    expect(safeHref(href)).toBeNull();
  });

  it.each(NOT_STRINGS)("rejects the non-string %j", (value) => {
    expect(safeHref(value)).toBeNull();
  });

  it.each(["", "   ", "\t\n"])("rejects the empty value %j", (href) => {
    expect(safeHref(href)).toBeNull();
  });

  it("allows 2048 characters and rejects 2049", () => {
    const base = "https://example.com/";
    const atLimit = base + "a".repeat(2048 - base.length);
    expect(atLimit).toHaveLength(2048);
    expect(safeHref(atLimit)).toBe(atLimit);
    expect(safeHref(`${atLimit}a`)).toBeNull();
  });
});

describe("safeImageSrc", () => {
  it.each([
    "https://cdn.example.com/a.png",
    "http://example.com/a.png",
    "HTTPS://EXAMPLE.COM/A.PNG",
    "/uploads/2024/a.png",
  ])("allows %j unchanged", (src) => {
    expect(safeImageSrc(src)).toBe(src);
  });

  it("returns the src trimmed", () => {
    expect(safeImageSrc("  /uploads/a.png ")).toBe("/uploads/a.png");
  });

  it.each(SCRIPT_URLS)("rejects the script URL %j", (src) => {
    expect(safeImageSrc(src)).toBeNull();
  });

  it.each(OTHER_BAD_SCHEMES)("rejects %j", (src) => {
    expect(safeImageSrc(src)).toBeNull();
  });

  it.each(["mailto:someone@example.com", "#fragment"])("rejects %j, which is not an image address", (src) => {
    expect(safeImageSrc(src)).toBeNull();
  });

  // Browsers strip tabs and newlines from URLs, so "/	/evil.com" loads from //evil.com.
  it.each([...OTHER_HOSTS, ...BACKSLASH_HOSTS])("rejects the protocol-relative %j", (src) => {
    expect(safeImageSrc(src)).toBeNull();
  });

  it.each(NOT_STRINGS)("rejects the non-string %j", (value) => {
    expect(safeImageSrc(value)).toBeNull();
  });

  it.each(["", "   "])("rejects the empty value %j", (src) => {
    expect(safeImageSrc(src)).toBeNull();
  });

  it("allows 2048 characters and rejects 2049", () => {
    const base = "https://example.com/";
    const atLimit = base + "a".repeat(2048 - base.length);
    expect(safeImageSrc(atLimit)).toBe(atLimit);
    expect(safeImageSrc(`${atLimit}a`)).toBeNull();
  });
});

describe("linkHrefFromInput", () => {
  it.each([
    ["example.com/docs", "https://example.com/docs"],
    ["example.com", "https://example.com"],
    ["www.example.co.uk/a?b=1#c", "https://www.example.co.uk/a?b=1#c"],
    ["docs.example.com:8443/x", "https://docs.example.com:8443/x"],
    ["  example.com/docs  ", "https://example.com/docs"],
    ["ada@example.com", "mailto:ada@example.com"],
  ])("makes %j a link that leaves the site: %j", (input, href) => {
    expect(linkHrefFromInput(input)).toBe(href);
  });

  it.each(["https://example.com/x", "http://example.com", "mailto:ada@example.com", "/about", "/blog/other-post", "#section", "?page=2", "./sibling", "../up"])(
    "keeps %j as typed",
    (input) => {
      expect(linkHrefFromInput(input)).toBe(input);
    },
  );

  it.each(["", "   ", "docs", "docs/page", "localhost:3000", "javascript:alert(1)", "//evil.com", "data:text/html,x", "exa mple.com"])(
    "refuses %j",
    (input) => {
      expect(linkHrefFromInput(input)).toBeNull();
    },
  );
});
