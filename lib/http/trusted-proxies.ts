// No "server-only" marker: instrumentation.ts loads this for scripts/server.mjs, outside React's server environment.
import { BlockList, isIP } from "node:net";
import type { IncomingMessage } from "node:http";

/**
 * Request headers a client can set to claim another host, scheme, port or address. Next compares an
 * action's Origin with X-Forwarded-Host, next-auth builds URLs from them, and sign-in throttling keys on
 * X-Real-IP, so they are believed only when the connection comes from a proxy the operator listed.
 */
export const FORWARDED_HEADERS = ["forwarded", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-for", "x-forwarded-port", "x-real-ip"] as const;

/** Names TRUSTED_PROXIES accepts besides addresses and CIDR ranges. */
const NAMED_RANGES: Record<string, [string, number, "ipv4" | "ipv6"][]> = {
  loopback: [
    ["127.0.0.0", 8, "ipv4"],
    ["::1", 128, "ipv6"],
  ],
};

export interface TrustedProxies {
  /** Whether a connection from this address may set forwarded headers. */
  trusts(address: string): boolean;
  /** The list as configured, for logs. */
  readonly description: string;
}

/**
 * Parses TRUSTED_PROXIES: comma-separated IP addresses, CIDR ranges (`10.0.0.0/8`, `fd00::/8`) and the
 * name `loopback`. Empty or unset trusts nobody. Throws an Error naming the first entry it cannot read,
 * so a typo stops the server instead of silently trusting no one (or everyone).
 */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const list = new BlockList();
  const entries = (value ?? "").split(",").map((entry) => entry.trim()).filter((entry) => entry !== "");
  for (const entry of entries) {
    const named = NAMED_RANGES[entry.toLowerCase()];
    if (named) {
      for (const [network, prefix, type] of named) list.addSubnet(network, prefix, type);
      continue;
    }
    const [address = "", prefixText, extra] = entry.split("/");
    const type = isIP(address) === 4 ? "ipv4" : isIP(address) === 6 ? "ipv6" : null;
    const maxPrefix = type === "ipv4" ? 32 : 128;
    const prefix = prefixText === undefined ? maxPrefix : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
    if (type === null || extra !== undefined || !(prefix >= 0 && prefix <= maxPrefix)) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address, a CIDR range or "loopback".`);
    }
    list.addSubnet(address, prefix, type);
  }
  return {
    trusts(address) {
      const plain = unmapped(address);
      const type = isIP(plain);
      return type !== 0 && list.check(plain, type === 4 ? "ipv4" : "ipv6");
    },
    description: entries.length > 0 ? entries.join(", ") : "none",
  };
}

/** `::ffff:10.0.0.1` (an IPv4 client on a dual-stack socket) as `10.0.0.1`; other addresses as they are. */
function unmapped(address: string): string {
  const match = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return match ? match[1]! : address;
}

/**
 * The address of the client: the connection's peer, or, when the peer is a trusted proxy, the
 * right-most address in X-Forwarded-For that is not a trusted proxy (addresses left of it were written
 * by the client itself and prove nothing). When every hop is trusted, the left-most one.
 */
export function clientAddress(peer: string, forwardedFor: string | undefined, proxies: TrustedProxies): string {
  let client = unmapped(peer);
  if (!proxies.trusts(client) || !forwardedFor) return client;
  const hops = forwardedFor.split(",").map((hop) => hop.trim());
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = unmapped(stripPort(hops[i]!));
    // A hop a trusted proxy wrote that is no address at all: the proxy we reached is the last thing known.
    if (isIP(hop) === 0) return client;
    client = hop;
    if (!proxies.trusts(hop)) return client;
  }
  return client;
}

/** `203.0.113.7:51234` and `[2001:db8::1]:443` as their addresses (some proxies append the port). */
function stripPort(hop: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hop);
  if (bracketed) return bracketed[1]!;
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(hop);
  return v4WithPort ? v4WithPort[1]! : hop;
}

/**
 * Makes a request's forwarded headers trustworthy before Next and next-auth read them: a request from
 * an untrusted peer loses every header in FORWARDED_HEADERS; every request gets `x-real-ip` set to
 * clientAddress(). Called by scripts/server.mjs first thing for every request.
 */
export function sanitizeForwardedHeaders(req: IncomingMessage, proxies: TrustedProxies): void {
  const peer = req.socket.remoteAddress ?? "";
  const trusted = proxies.trusts(peer);
  const forwardedFor = [req.headers["x-forwarded-for"] ?? []].flat().join(",");
  // A trusted proxy that names the client only in X-Real-IP (nginx's common `proxy_set_header X-Real-IP`).
  const proxiedRealIp = trusted && !forwardedFor ? [req.headers["x-real-ip"] ?? []].flat()[0]?.trim() : undefined;
  const realIp = proxiedRealIp && isIP(proxiedRealIp) !== 0 ? unmapped(proxiedRealIp) : clientAddress(peer, trusted ? forwardedFor : undefined, proxies);
  if (!trusted) {
    for (const name of FORWARDED_HEADERS) delete req.headers[name];
    const raw = req.rawHeaders;
    const kept: string[] = [];
    for (let i = 0; i < raw.length; i += 2) {
      if (!(FORWARDED_HEADERS as readonly string[]).includes(raw[i]!.toLowerCase())) kept.push(raw[i]!, raw[i + 1]!);
    }
    raw.splice(0, raw.length, ...kept);
  }
  if (realIp) {
    req.headers["x-real-ip"] = realIp;
    const raw = req.rawHeaders;
    for (let i = raw.length - 2; i >= 0; i -= 2) if (raw[i]!.toLowerCase() === "x-real-ip") raw.splice(i, 2);
    raw.push("x-real-ip", realIp);
  }
}
