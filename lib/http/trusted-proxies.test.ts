import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustedProxies, sanitizeForwardedHeaders } from "@/lib/http/trusted-proxies";

/** The parts of a request sanitizeForwardedHeaders reads and writes. */
function request(peer: string, headers: Record<string, string>): IncomingMessage {
  const rawHeaders = Object.entries(headers).flat();
  const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return { socket: { remoteAddress: peer }, headers: lower, rawHeaders } as unknown as IncomingMessage;
}

const attack = {
  Host: "blog.example",
  Origin: "http://evil.test",
  "X-Forwarded-Host": "evil.test",
  "X-Forwarded-Proto": "https",
  "X-Forwarded-For": "198.51.100.1",
  "X-Forwarded-Port": "443",
  Forwarded: "for=198.51.100.1;host=evil.test",
  "X-Real-IP": "198.51.100.1",
};

describe("parseTrustedProxies", () => {
  it("trusts nobody when unset or empty, loopback included", () => {
    for (const value of [undefined, "", " , "]) {
      const proxies = parseTrustedProxies(value);
      expect(proxies.trusts("127.0.0.1")).toBe(false);
      expect(proxies.trusts("::1")).toBe(false);
      expect(proxies.description).toBe("none");
    }
  });

  it("reads addresses, CIDR ranges of both families and the name loopback", () => {
    const proxies = parseTrustedProxies("10.0.0.0/8, 192.0.2.7,fd00::/8, loopback");
    expect(proxies.trusts("10.20.30.40")).toBe(true);
    expect(proxies.trusts("11.0.0.1")).toBe(false);
    expect(proxies.trusts("192.0.2.7")).toBe(true);
    expect(proxies.trusts("192.0.2.8")).toBe(false);
    expect(proxies.trusts("fd12::1")).toBe(true);
    expect(proxies.trusts("fe80::1")).toBe(false);
    expect(proxies.trusts("127.0.0.5")).toBe(true);
    expect(proxies.trusts("::1")).toBe(true);
    // IPv4 clients on a dual-stack socket.
    expect(proxies.trusts("::ffff:10.1.2.3")).toBe(true);
    expect(proxies.trusts("not an address")).toBe(false);
  });

  it("refuses entries it cannot read instead of guessing", () => {
    for (const value of ["10.0.0.0/33", "10.0.0/8", "proxy.internal", "::1/129", "10.0.0.1/8/2", "10.0.0.0/x", "*"]) {
      expect(() => parseTrustedProxies(value), value).toThrow(/TRUSTED_PROXIES/);
    }
  });
});

describe("clientAddress", () => {
  const proxies = parseTrustedProxies("10.0.0.0/8");

  it("is the peer when the peer is not a trusted proxy, whatever X-Forwarded-For says", () => {
    expect(clientAddress("203.0.113.9", "198.51.100.1", proxies)).toBe("203.0.113.9");
  });

  it("is the right-most untrusted hop behind trusted proxies; hops left of it are the client's own claims", () => {
    expect(clientAddress("10.0.0.2", "1.1.1.1, 203.0.113.9, 10.0.0.3", proxies)).toBe("203.0.113.9");
    expect(clientAddress("::ffff:10.0.0.2", "203.0.113.9:5123", proxies)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.2", "[2001:db8::1]:443", proxies)).toBe("2001:db8::1");
  });

  it("stops at the last trusted hop when one is not an address, and is the left-most when all are trusted", () => {
    expect(clientAddress("10.0.0.2", "203.0.113.9, garbage, 10.0.0.3", proxies)).toBe("10.0.0.3");
    expect(clientAddress("10.0.0.2", "10.0.0.4, 10.0.0.3", proxies)).toBe("10.0.0.4");
    expect(clientAddress("10.0.0.2", undefined, proxies)).toBe("10.0.0.2");
  });
});

describe("sanitizeForwardedHeaders", () => {
  it("drops every forwarded header from an untrusted peer and sets x-real-ip to the peer", () => {
    const req = request("::ffff:203.0.113.9", attack);
    sanitizeForwardedHeaders(req, parseTrustedProxies(""));
    expect(req.headers).toEqual({ host: "blog.example", origin: "http://evil.test", "x-real-ip": "203.0.113.9" });
    expect(req.rawHeaders).toEqual(["Host", "blog.example", "Origin", "http://evil.test", "x-real-ip", "203.0.113.9"]);
  });

  it("keeps them from a trusted proxy and names the client from X-Forwarded-For", () => {
    const req = request("127.0.0.1", { ...attack, "X-Forwarded-For": "198.51.100.1, 203.0.113.9" });
    sanitizeForwardedHeaders(req, parseTrustedProxies("loopback"));
    expect(req.headers["x-forwarded-host"]).toBe("evil.test");
    expect(req.headers.forwarded).toBe("for=198.51.100.1;host=evil.test");
    expect(req.headers["x-real-ip"]).toBe("203.0.113.9");
    expect(req.rawHeaders.filter((value) => value.toLowerCase() === "x-real-ip")).toHaveLength(1);
  });

  it("takes a trusted proxy's X-Real-IP when it sends no X-Forwarded-For", () => {
    const req = request("127.0.0.1", { Host: "blog.example", "X-Real-IP": "203.0.113.9" });
    sanitizeForwardedHeaders(req, parseTrustedProxies("loopback"));
    expect(req.headers["x-real-ip"]).toBe("203.0.113.9");
  });
});
