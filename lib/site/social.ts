/** The social networks a site can link to, in the order the footer shows them. */
export const SOCIAL_NETWORKS = ["x", "mastodon", "bluesky", "github", "linkedin"] as const;
export type SocialNetwork = (typeof SOCIAL_NETWORKS)[number];

/**
 * Stored accounts, each in one canonical form: X and GitHub user names without "@", the Mastodon
 * profile URL, the Bluesky handle (a domain), LinkedIn's "in/<slug>" or "company/<slug>".
 */
export type SocialAccounts = Partial<Record<SocialNetwork, string>>;

export const SOCIAL_LABELS: Record<SocialNetwork, string> = {
  x: "X (Twitter)",
  mastodon: "Mastodon",
  bluesky: "Bluesky",
  github: "GitHub",
  linkedin: "LinkedIn",
};

export const SOCIAL_HINTS: Record<SocialNetwork, string> = {
  x: "@handle or https://x.com/handle",
  mastodon: "@you@instance.social or https://instance.social/@you",
  bluesky: "you.bsky.social or https://bsky.app/profile/you.bsky.social",
  github: "user name or https://github.com/name",
  linkedin: "https://www.linkedin.com/in/you or …/company/name",
};

const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/i;

/** The URL if `raw` is an https (or http) URL on one of `hosts`, else null. */
function urlOn(raw: string, hosts: readonly string[]): URL | null {
  if (!/^https?:\/\//i.test(raw)) return null;
  try {
    const url = new URL(raw);
    return hosts.includes(url.hostname.toLowerCase()) && !url.username && !url.password ? url : null;
  } catch {
    return null;
  }
}

const onePathSegment = (url: URL) => url.pathname.replace(/\/+$/, "").replace(/^\//, "");

type Parse = (raw: string) => string | null;

const X_NAME = /^[A-Za-z0-9_]{1,15}$/;
const GITHUB_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const MASTODON_USER = /^[A-Za-z0-9_]{1,30}$/;
const LINKEDIN_SLUG = /^[\p{L}\p{N}_-]{2,100}$/u;

const parsers: Record<SocialNetwork, Parse> = {
  x: (raw) => {
    const url = urlOn(raw, ["x.com", "www.x.com", "twitter.com", "www.twitter.com", "mobile.twitter.com"]);
    const name = url ? onePathSegment(url) : raw.replace(/^@/, "");
    return X_NAME.test(name) ? name : null;
  },
  github: (raw) => {
    const url = urlOn(raw, ["github.com", "www.github.com"]);
    const name = url ? onePathSegment(url) : raw.replace(/^@/, "");
    return GITHUB_NAME.test(name) ? name : null;
  },
  mastodon: (raw) => {
    const address = /^@?([^@\s/]+)@([^@\s/]+)$/.exec(raw);
    let user: string | undefined;
    let host: string | undefined;
    if (address) [, user, host] = address;
    else if (/^https:\/\//i.test(raw)) {
      try {
        const url = new URL(raw);
        const path = /^\/@([^/]+)\/?$/.exec(url.pathname);
        if (path && !url.search && !url.username && !url.port) [user, host] = [path[1], url.hostname];
      } catch {
        return null;
      }
    }
    if (!user || !host || !MASTODON_USER.test(user) || !HOSTNAME.test(host)) return null;
    return `https://${host.toLowerCase()}/@${user}`;
  },
  bluesky: (raw) => {
    const url = urlOn(raw, ["bsky.app"]);
    const path = url ? /^\/profile\/([^/]+)\/?$/.exec(url.pathname)?.[1] : raw.replace(/^@/, "");
    return path && HOSTNAME.test(path) ? path.toLowerCase() : null;
  },
  linkedin: (raw) => {
    const url = urlOn(raw, ["linkedin.com", "www.linkedin.com"]);
    const path = url ? decodeSafely(onePathSegment(url)) : raw.replace(/^\/+|\/+$/g, "");
    const match = path === null ? null : /^(in|company)\/([^/]+)$/.exec(path);
    return match && LINKEDIN_SLUG.test(match[2]!) ? `${match[1]}/${match[2]}` : null;
  },
};

function decodeSafely(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/** The canonical stored form of what someone typed for `network`, or null when it is no account there. */
export function parseSocialAccount(network: SocialNetwork, raw: string): string | null {
  const value = raw.trim();
  if (value === "" || value.length > 300) return null;
  return parsers[network](value);
}

/** The public profile URL of a stored account. */
export function socialProfileUrl(network: SocialNetwork, account: string): string {
  switch (network) {
    case "x":
      return `https://x.com/${account}`;
    case "github":
      return `https://github.com/${account}`;
    case "mastodon":
      return account;
    case "bluesky":
      return `https://bsky.app/profile/${account}`;
    case "linkedin":
      return `https://www.linkedin.com/${account.split("/").map(encodeURIComponent).join("/")}/`;
  }
}

export interface SocialLink {
  network: SocialNetwork;
  label: string;
  url: string;
}

/** The site's accounts as links, in footer order (Mastodon's needs rel="me" where it is shown). */
export function socialLinks(accounts: SocialAccounts): SocialLink[] {
  return SOCIAL_NETWORKS.flatMap((network) => {
    const account = accounts[network];
    return account ? [{ network, label: SOCIAL_LABELS[network], url: socialProfileUrl(network, account) }] : [];
  });
}

/** The twitter:site value ("@name"), or undefined without an X account. */
export function twitterSite(accounts: SocialAccounts): string | undefined {
  return accounts.x ? `@${accounts.x}` : undefined;
}
