import { describe, expect, it } from "vitest";
import { isSecureSite, sessionCookieName } from "./session-cookie";

describe("sessionCookieName", () => {
  it("carries the __Secure- prefix when the site is served over HTTPS", () => {
    expect(sessionCookieName("https://blog.example.com")).toBe("__Secure-quire.session-token");
    expect(isSecureSite("HTTPS://blog.example.com")).toBe(true);
  });

  it("has no prefix over plain HTTP or when no site URL is set", () => {
    expect(sessionCookieName("http://localhost:3000")).toBe("quire.session-token");
    expect(sessionCookieName("")).toBe("quire.session-token");
  });
});
