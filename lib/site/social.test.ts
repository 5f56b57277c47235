import { describe, expect, it } from "vitest";
import { parseSocialAccount, socialLinks, socialProfileUrl, twitterSite } from "@/lib/site/social";

describe("parseSocialAccount", () => {
  it.each([
    ["x", "@quire_blog", "quire_blog"],
    ["x", "quire_blog", "quire_blog"],
    ["x", "https://x.com/quire_blog", "quire_blog"],
    ["x", "https://twitter.com/quire_blog/", "quire_blog"],
    ["github", "octo-cat", "octo-cat"],
    ["github", "https://github.com/octo-cat", "octo-cat"],
    ["mastodon", "@ada@hachyderm.io", "https://hachyderm.io/@ada"],
    ["mastodon", "ada@Hachyderm.io", "https://hachyderm.io/@ada"],
    ["mastodon", "https://mastodon.social/@ada", "https://mastodon.social/@ada"],
    ["bluesky", "@ada.bsky.social", "ada.bsky.social"],
    ["bluesky", "https://bsky.app/profile/ada.example.com", "ada.example.com"],
    ["linkedin", "https://www.linkedin.com/in/ada-lovelace/", "in/ada-lovelace"],
    ["linkedin", "https://linkedin.com/company/quire", "company/quire"],
    ["linkedin", "in/ada-lovelace", "in/ada-lovelace"],
  ] as const)("%s: %j → %j", (network, raw, expected) => {
    expect(parseSocialAccount(network, raw)).toBe(expected);
  });

  it.each([
    ["x", "this_name_is_far_too_long"],
    ["x", "https://evil.example/quire"],
    ["x", "javascript:alert(1)"],
    ["x", "a b"],
    ["github", "-octo"],
    ["github", "octo--cat"],
    ["github", "https://github.com/octo/repo"],
    ["mastodon", "ada"],
    ["mastodon", "http://mastodon.social/@ada"],
    ["mastodon", "https://mastodon.social/users/ada"],
    ["mastodon", "@ada@not a host"],
    ["bluesky", "ada"],
    ["bluesky", "https://bsky.app/profile/ada/post/1"],
    ["linkedin", "https://www.linkedin.com/feed/"],
    ["linkedin", "https://linkedin.evil.example/in/ada"],
    ["linkedin", "ada"],
  ] as const)("%s refuses %j", (network, raw) => {
    expect(parseSocialAccount(network, raw)).toBeNull();
  });
});

describe("links", () => {
  it("builds profile URLs in footer order and twitter:site from the X handle", () => {
    const accounts = { github: "octo-cat", x: "quire_blog", mastodon: "https://hachyderm.io/@ada", linkedin: "in/ada-lovelace", bluesky: "ada.bsky.social" };
    expect(socialLinks(accounts).map((link) => link.url)).toEqual([
      "https://x.com/quire_blog",
      "https://hachyderm.io/@ada",
      "https://bsky.app/profile/ada.bsky.social",
      "https://github.com/octo-cat",
      "https://www.linkedin.com/in/ada-lovelace/",
    ]);
    expect(twitterSite(accounts)).toBe("@quire_blog");
    expect(twitterSite({})).toBeUndefined();
    expect(socialProfileUrl("linkedin", "in/zoë")).toBe("https://www.linkedin.com/in/zo%C3%AB/");
  });
});
