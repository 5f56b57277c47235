import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT_BYTES, actionBodyRefusal, isActionRequest } from "@/lib/http/action-body-limit";

const request = (method: string, url: string, headers: Record<string, string>) => ({ method, url, headers }) as unknown as IncomingMessage;
const action = (headers: Record<string, string>) => request("POST", "/admin/posts/abc", { "next-action": "7f00aa", ...headers });

describe("isActionRequest", () => {
  it("is a POST with Next-Action, or a form POST outside /api", () => {
    expect(isActionRequest(action({}))).toBe(true);
    expect(isActionRequest(request("POST", "/login", { "content-type": "multipart/form-data; boundary=x" }))).toBe(true);
    expect(isActionRequest(request("POST", "/login", { "content-type": "application/x-www-form-urlencoded" }))).toBe(true);
    expect(isActionRequest(request("POST", "/api/auth/callback/credentials", { "content-type": "application/x-www-form-urlencoded" }))).toBe(false);
    expect(isActionRequest(request("GET", "/admin", { "next-action": "7f00aa" }))).toBe(false);
    expect(isActionRequest(request("POST", "/x", { "content-type": "application/json" }))).toBe(false);
  });
});

describe("actionBodyRefusal", () => {
  it("lets action bodies up to the limit through", () => {
    expect(actionBodyRefusal(action({ "content-length": "0" }))).toBeNull();
    expect(actionBodyRefusal(action({ "content-length": String(ACTION_BODY_LIMIT_BYTES) }))).toBeNull();
    expect(actionBodyRefusal(action({}))).toBeNull();
  });

  it("answers 413 with a plain message for a larger one, and 411 for one of undeclared length", () => {
    const refusal = actionBodyRefusal(action({ "content-length": String(ACTION_BODY_LIMIT_BYTES + 1) }));
    expect(refusal?.status).toBe(413);
    expect(refusal?.message).toMatch(/^[\x20-\x7e]+$/);
    expect(refusal?.message).toContain("4 MB");
    expect(actionBodyRefusal(action({ "content-length": "99999999999999999999" }))?.status).toBe(413);
    expect(actionBodyRefusal(action({ "transfer-encoding": "chunked" }))?.status).toBe(411);
  });

  it("leaves other requests alone, however large", () => {
    expect(actionBodyRefusal(request("POST", "/api/upload", { "content-length": "999999999" }))).toBeNull();
  });
});
