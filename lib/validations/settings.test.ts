import { describe, expect, it } from "vitest";
import { navigationHref, UpdateSiteSettingsInput, type SiteSettingsFormValues } from "@/lib/validations/settings";

const valid: SiteSettingsFormValues = {
  title: "Ironbark Notes",
  description: "Engineering notes.",
  logo: "",
  icon: "/media/0123456789abcdef01234567.png",
  defaultSocialImage: "",
  accentColor: "#1D4ED8",
  navigation: [{ label: "About", url: "/about" }],
  secondaryNavigation: [{ label: "Source", url: "github.com/quire" }],
  social: { x: "@quire_blog", mastodon: "", github: "", linkedin: "", bluesky: "" },
  timezone: "europe/berlin",
  postsPerPage: "12",
  codeInjectionHead: "<script>console.log(1)</script>",
  codeInjectionFoot: "",
};

const errorsOf = (input: unknown) => {
  const result = UpdateSiteSettingsInput.safeParse(input);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
};

describe("UpdateSiteSettingsInput", () => {
  it("normalises what it accepts", () => {
    const parsed = UpdateSiteSettingsInput.parse(valid);
    expect(parsed).toMatchObject({
      logo: null,
      icon: "/media/0123456789abcdef01234567.png",
      accentColor: "#1d4ed8",
      secondaryNavigation: [{ label: "Source", url: "https://github.com/quire" }],
      social: { x: "quire_blog", mastodon: undefined },
      timezone: "Europe/Berlin",
      postsPerPage: 12,
      codeInjectionHead: "<script>console.log(1)</script>",
    });
  });

  it("keeps head injection as written when it holds only head elements", () => {
    const head = '<!-- a -->\n<meta name="x" content="y">\n<script async src="https://plausible.io/js/script.js"></script>\n<style>a > b {}</style>';
    expect(UpdateSiteSettingsInput.parse({ ...valid, codeInjectionHead: head }).codeInjectionHead).toBe(head);
  });

  it("empty accent colour means the default", () => {
    expect(UpdateSiteSettingsInput.parse({ ...valid, accentColor: "" }).accentColor).toBeNull();
  });

  it.each([
    [{ title: "  " }, "title"],
    [{ description: "x".repeat(161) }, "description"],
    [{ accentColor: "blue" }, "accentColor"],
    [{ accentColor: "#fde047" }, "accentColor"],
    [{ icon: "https://evil.example/icon.png" }, "icon"],
    [{ logo: "/media/../etc/passwd" }, "logo"],
    [{ timezone: "Mars/Olympus_Mons" }, "timezone"],
    [{ postsPerPage: "0" }, "postsPerPage"],
    [{ postsPerPage: "51" }, "postsPerPage"],
    [{ postsPerPage: "2.5" }, "postsPerPage"],
    [{ navigation: [{ label: "Bad", url: "javascript:alert(1)" }] }, "navigation.0.url"],
    [{ navigation: [{ label: "", url: "/about" }] }, "navigation.0.label"],
    [{ navigation: Array.from({ length: 13 }, () => ({ label: "x", url: "/x" })) }, "navigation"],
    [{ social: { ...valid.social, mastodon: "ada" } }, "social.mastodon"],
    [{ codeInjectionFoot: "x".repeat(20_001) }, "codeInjectionFoot"],
    [{ codeInjectionHead: "<div>banner</div>" }, "codeInjectionHead"],
    [{ codeInjectionHead: "hello" }, "codeInjectionHead"],
  ])("refuses %j at %s", (change, path) => {
    expect(Object.keys(errorsOf({ ...valid, ...change }))).toContain(path);
  });

  it("names the contrast ratio when refusing a light accent", () => {
    expect(errorsOf({ ...valid, accentColor: "#fde047" }).accentColor).toMatch(/1\.\d\d:1.*4\.5:1/);
  });
});

describe("navigationHref", () => {
  it.each([
    ["/about", "/about"],
    ["https://example.com/x", "https://example.com/x"],
    ["example.com", "https://example.com"],
    ["hello@example.com", "mailto:hello@example.com"],
    ["mailto:hello@example.com", "mailto:hello@example.com"],
  ])("%j → %j", (raw, expected) => {
    expect(navigationHref(raw)).toBe(expected);
  });

  it.each(["javascript:alert(1)", "java\tscript:alert(1)", "data:text/html,x", "//evil.example", "/\\evil.example", "about", "../up", "#top", "?q=1", "vbscript:x"])(
    "refuses %j",
    (raw) => {
      expect(navigationHref(raw)).toBeNull();
    },
  );
});
