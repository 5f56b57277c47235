/*
 * Embeds of a few video and code sites, known by provider and id only. A URL becomes an embed only when
 * it matches one provider's exact shape; the id is then all that is stored, and every address the
 * reader page uses (player, link) is built from it here, so no stored or pasted URL ever reaches a
 * frame or the server. Isomorphic and pure: nothing here fetches anything.
 */

export const EMBED_PROVIDERS = ["youtube", "vimeo", "codepen", "gist"] as const;
export type EmbedProvider = (typeof EMBED_PROVIDERS)[number];

export const EMBED_PROVIDER_NAMES: Record<EmbedProvider, string> = { youtube: "YouTube", vimeo: "Vimeo", codepen: "CodePen", gist: "GitHub Gist" };

/** What an id looks like, per provider: YouTube's 11 characters, Vimeo's number, CodePen's user/pen, a gist's user/hash. */
const ID_PATTERNS: Record<EmbedProvider, RegExp> = {
  youtube: /^[A-Za-z0-9_-]{11}$/,
  vimeo: /^[1-9][0-9]{0,11}$/,
  codepen: /^[A-Za-z0-9_-]{1,64}\/[A-Za-z0-9]{1,16}$/,
  gist: /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\/[0-9a-f]{20,40}$/,
};

/** Longest title kept for an embed. */
export const EMBED_TITLE_MAX = 200;

export interface EmbedRef {
  provider: EmbedProvider;
  id: string;
}

export function isEmbedProvider(value: unknown): value is EmbedProvider {
  return typeof value === "string" && (EMBED_PROVIDERS as readonly string[]).includes(value);
}

/** Whether `id` is a valid id for `provider`. */
export function isEmbedId(provider: EmbedProvider, id: unknown): id is string {
  return typeof id === "string" && ID_PATTERNS[provider].test(id);
}

const YOUTUBE_HOSTS = new Set(["youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com", "www.youtube-nocookie.com"]);

/**
 * The provider and id of a YouTube, Vimeo, CodePen or GitHub Gist URL, or null for anything else
 * (other hosts, look-alike hosts, credentials, ports, other paths, malformed ids). Only http(s).
 */
export function parseEmbedUrl(input: string): EmbedRef | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.username || url.password || url.port) return null;
  const host = url.hostname.toLowerCase();
  const parts = url.pathname.split("/").filter(Boolean);
  const found = ((): EmbedRef | null => {
    if (YOUTUBE_HOSTS.has(host)) {
      if (parts.length === 1 && parts[0] === "watch") return { provider: "youtube", id: url.searchParams.get("v") ?? "" };
      if (parts.length === 2 && (parts[0] === "embed" || parts[0] === "shorts" || parts[0] === "live")) return { provider: "youtube", id: parts[1]! };
      return null;
    }
    if (host === "youtu.be") return parts.length === 1 ? { provider: "youtube", id: parts[0]! } : null;
    if (host === "vimeo.com" || host === "www.vimeo.com") return parts.length === 1 ? { provider: "vimeo", id: parts[0]! } : null;
    if (host === "player.vimeo.com") return parts.length === 2 && parts[0] === "video" ? { provider: "vimeo", id: parts[1]! } : null;
    if (host === "codepen.io") {
      return parts.length === 3 && ["pen", "full", "details", "embed"].includes(parts[1]!) ? { provider: "codepen", id: `${parts[0]}/${parts[2]}` } : null;
    }
    if (host === "gist.github.com") return parts.length === 2 ? { provider: "gist", id: `${parts[0]}/${parts[1]!.toLowerCase()}` } : null;
    return null;
  })();
  return found && isEmbedId(found.provider, found.id) ? found : null;
}

/** The page of the embedded item on its own site, for links (the reader's fallback and feeds). */
export function embedPageUrl({ provider, id }: EmbedRef): string {
  switch (provider) {
    case "youtube":
      return `https://www.youtube.com/watch?v=${id}`;
    case "vimeo":
      return `https://vimeo.com/${id}`;
    case "codepen": {
      const [user, pen] = id.split("/");
      return `https://codepen.io/${user}/pen/${pen}`;
    }
    case "gist":
      return `https://gist.github.com/${id}`;
  }
}

/**
 * The player address for a frame, or null for providers that cannot be framed without running their
 * script in the page (gists, shown as a link card instead). YouTube through its no-cookie domain and
 * Vimeo with do-not-track, so loading a player does not set tracking cookies.
 */
export function embedFrameUrl({ provider, id }: EmbedRef): string | null {
  switch (provider) {
    case "youtube":
      return `https://www.youtube-nocookie.com/embed/${id}`;
    case "vimeo":
      return `https://player.vimeo.com/video/${id}?dnt=1`;
    case "codepen": {
      const [user, pen] = id.split("/");
      return `https://codepen.io/${user}/embed/${pen}?default-tab=result`;
    }
    case "gist":
      return null;
  }
}

/** The origins embeds may frame: the Content-Security-Policy's frame-src, and the reader script's check. */
export const EMBED_FRAME_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com", "https://codepen.io"] as const;

/** A valid stored embed's provider and id, or null. */
export function embedOf(attrs: Record<string, unknown>): EmbedRef | null {
  const { provider, id } = attrs;
  return isEmbedProvider(provider) && isEmbedId(provider, id) ? { provider, id } : null;
}

/** An embed's title as shown, or the provider's name when it has none. */
export function embedTitle(attrs: Record<string, unknown>, provider: EmbedProvider): string {
  const title = typeof attrs.title === "string" ? attrs.title.trim().slice(0, EMBED_TITLE_MAX) : "";
  return title || `${EMBED_PROVIDER_NAMES[provider]} embed`;
}
