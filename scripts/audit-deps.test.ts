import { describe, expect, it } from "vitest";
import { evaluateAudit, type AllowlistEntry } from "./audit-deps";

const now = new Date("2026-12-05T12:00:00Z");

function report(vias: Array<{ name: string; severity: string; source: number; ghsa: string } | string>) {
  return JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities: {
      [typeof vias[0] === "string" ? vias[0] : vias[0]!.name]: {
        via: vias.map((v) =>
          typeof v === "string" ? v : { source: v.source, name: v.name, title: `Bug in ${v.name}`, url: `https://github.com/advisories/${v.ghsa}`, severity: v.severity },
        ),
      },
    },
  });
}

const high = { name: "left-pad", severity: "high", source: 1001, ghsa: "GHSA-aaaa-bbbb-cccc" };
const allow = (over: Partial<AllowlistEntry> = {}): AllowlistEntry => ({
  id: "GHSA-aaaa-bbbb-cccc",
  package: "left-pad",
  reason: "Only reachable from the build, never at run time",
  reviewed: "2026-11-30",
  ...over,
});

describe("evaluateAudit", () => {
  it("blocks high and critical advisories and ignores moderate and low ones", () => {
    const out = evaluateAudit(
      report([high, { name: "left-pad", severity: "critical", source: 1002, ghsa: "GHSA-dddd-eeee-ffff" }, { name: "left-pad", severity: "moderate", source: 1003, ghsa: "GHSA-1111-2222-3333" }]),
      [],
      now,
    );
    expect(out.kind).toBe("checked");
    if (out.kind !== "checked") return;
    expect(out.blocking.map((f) => f.id).sort()).toEqual(["GHSA-aaaa-bbbb-cccc", "GHSA-dddd-eeee-ffff"]);
  });

  it("skips transitive references (strings) and counts an advisory once", () => {
    const out = evaluateAudit(report([high, "other-package", high]), [], now);
    expect(out.kind === "checked" && out.blocking).toHaveLength(1);
  });

  it("accepts an allow-listed advisory reviewed recently, by GHSA id or npm id, for that package only", () => {
    for (const entry of [allow(), allow({ id: 1001 }), allow({ id: "ghsa-aaaa-bbbb-cccc" })]) {
      const out = evaluateAudit(report([high]), [entry], now);
      expect(out.kind === "checked" && out.blocking).toEqual([]);
      expect(out.kind === "checked" && out.allowed.map((f) => f.id)).toEqual(["GHSA-aaaa-bbbb-cccc"]);
    }
    const otherPackage = evaluateAudit(report([high]), [allow({ package: "right-pad" })], now);
    expect(otherPackage.kind === "checked" && otherPackage.blocking).toHaveLength(1);
  });

  it("stops accepting an advisory whose review is older than 90 days, and reports the entry", () => {
    const stale = allow({ reviewed: "2026-08-01" });
    const out = evaluateAudit(report([high]), [stale], now);
    expect(out.kind === "checked" && out.blocking).toHaveLength(1);
    expect(out.kind === "checked" && out.staleAllowances).toEqual([stale]);
  });

  it("passes a clean report", () => {
    expect(evaluateAudit(JSON.stringify({ auditReportVersion: 2, vulnerabilities: {} }), [], now)).toEqual({ kind: "checked", blocking: [], allowed: [], staleAllowances: [] });
  });

  it("reports an unreachable audit endpoint or unreadable output as unavailable, never as a pass", () => {
    const refused = JSON.stringify({ message: "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk", statusCode: 405 });
    expect(evaluateAudit(refused, [], now)).toEqual({ kind: "unavailable", message: expect.stringContaining("405") });
    expect(evaluateAudit("", [], now).kind).toBe("unavailable");
    expect(evaluateAudit("npm error network", [], now).kind).toBe("unavailable");
  });
});
