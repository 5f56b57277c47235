import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, FRAME_ORIGINS } from "@/lib/http/csp";
import { EMBED_FRAME_ORIGINS, embedFrameUrl, embedOf, embedPageUrl, isEmbedId, parseEmbedUrl } from "@/lib/editor/embeds";

describe("parseEmbedUrl", () => {
  it.each([
    ["https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"],
    ["https://youtube.com/watch?v=dQw4w9WgXcQ&t=42s", "youtube", "dQw4w9WgXcQ"],
    ["https://m.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"],
    ["https://youtu.be/dQw4w9WgXcQ?si=abc", "youtube", "dQw4w9WgXcQ"],
    ["https://www.youtube.com/embed/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"],
    ["https://www.youtube.com/shorts/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"],
    ["https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"],
    ["  https://vimeo.com/76979871  ", "vimeo", "76979871"],
    ["https://player.vimeo.com/video/76979871", "vimeo", "76979871"],
    ["https://codepen.io/team-x/pen/abcXYZ1", "codepen", "team-x/abcXYZ1"],
    ["https://codepen.io/someone/full/PoaRmBX", "codepen", "someone/PoaRmBX"],
    ["https://gist.github.com/octocat/6cad326836d38bd3a7ae", "gist", "octocat/6cad326836d38bd3a7ae"],
    ["https://gist.github.com/octo-cat/0123456789ABCDEF0123456789abcdef", "gist", "octo-cat/0123456789abcdef0123456789abcdef"],
  ])("reads %s", (url, provider, id) => {
    expect(parseEmbedUrl(url)).toEqual({ provider, id });
  });

  it.each([
    "javascript:alert(1)//https://youtu.be/dQw4w9WgXcQ",
    "data:text/html,https://youtu.be/dQw4w9WgXcQ",
    "ftp://youtu.be/dQw4w9WgXcQ",
    "https://evil.example/watch?v=dQw4w9WgXcQ",
    "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
    "https://evilyoutube.com/watch?v=dQw4w9WgXcQ",
    "https://www.youtube.com@evil.example/watch?v=dQw4w9WgXcQ",
    "https://user:pw@www.youtube.com/watch?v=dQw4w9WgXcQ",
    "https://www.youtube.com:8443/watch?v=dQw4w9WgXcQ",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ%22onload%3D",
    "https://www.youtube.com/watch?v=short",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQx",
    "https://www.youtube.com/redirect?q=https://evil.example",
    "https://youtu.be/dQw4w9WgXcQ/../../evil",
    "https://vimeo.com/channels/staffpicks",
    "https://vimeo.com/0",
    "https://vimeo.com/76979871/extra",
    "https://codepen.io/someone/pen/abc/../../evil",
    "https://codepen.io/some one/pen/abc",
    "https://codepen.io/someone/pen/<script>",
    "https://gist.github.com/octocat/not-hex",
    "https://gist.github.com/-octocat/6cad326836d38bd3a7ae",
    "https://gist.github.com/octocat/6cad326836d38bd3a7ae/raw",
    "https://gist.githubusercontent.com/octocat/6cad326836d38bd3a7ae",
    "not a url",
    "",
  ])("refuses %s", (url) => {
    expect(parseEmbedUrl(url)).toBeNull();
  });
});

describe("stored embeds", () => {
  it("accept only a known provider with an id of its shape", () => {
    expect(embedOf({ provider: "youtube", id: "dQw4w9WgXcQ" })).toEqual({ provider: "youtube", id: "dQw4w9WgXcQ" });
    expect(embedOf({ provider: "youtube", id: "76979871" })).toBeNull();
    expect(embedOf({ provider: "vimeo", id: "dQw4w9WgXcQ" })).toBeNull();
    expect(embedOf({ provider: "iframe", id: "https://evil.example" })).toBeNull();
    expect(embedOf({ provider: "__proto__", id: "x" })).toBeNull();
    expect(isEmbedId("codepen", "a/b\n")).toBe(false);
  });

  it("build every address from the id: no-cookie YouTube, do-not-track Vimeo, CodePen's embed page, no frame for gists", () => {
    expect(embedFrameUrl({ provider: "youtube", id: "dQw4w9WgXcQ" })).toBe("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ");
    expect(embedFrameUrl({ provider: "vimeo", id: "76979871" })).toBe("https://player.vimeo.com/video/76979871?dnt=1");
    expect(embedFrameUrl({ provider: "codepen", id: "someone/PoaRmBX" })).toBe("https://codepen.io/someone/embed/PoaRmBX?default-tab=result");
    expect(embedFrameUrl({ provider: "gist", id: "octocat/6cad326836d38bd3a7ae" })).toBeNull();
    expect(embedPageUrl({ provider: "gist", id: "octocat/6cad326836d38bd3a7ae" })).toBe("https://gist.github.com/octocat/6cad326836d38bd3a7ae");
  });

  it("frame only origins the Content-Security-Policy's frame-src names, and it names exactly those", () => {
    expect([...FRAME_ORIGINS]).toEqual([...EMBED_FRAME_ORIGINS]);
    for (const provider of ["youtube", "vimeo", "codepen"] as const) {
      const id = { youtube: "dQw4w9WgXcQ", vimeo: "1", codepen: "a/b" }[provider];
      expect(EMBED_FRAME_ORIGINS).toContain(new URL(embedFrameUrl({ provider, id })!).origin);
    }
    expect(contentSecurityPolicy()).toContain(`frame-src ${EMBED_FRAME_ORIGINS.join(" ")};`);
  });
});
