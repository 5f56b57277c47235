/**
 * Fails CI on known high or critical advisories in the production dependencies (`npm audit --omit=dev`),
 * except those accepted in .ci/audit-allowlist.json with a reason and a review date. An audit that cannot
 * be run (no answer from the registry's audit endpoint, unreadable output) fails too: no silent pass.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const BLOCKING = new Set(["high", "critical"]);
/** An accepted advisory must be looked at again within this many days, or it blocks again. */
export const REVIEW_DAYS = 90;

export const AllowlistEntry = z.object({
  /** The advisory's GitHub id (GHSA-…) or its npm numeric id. */
  id: z.union([z.string().min(1), z.number().int()]),
  package: z.string().min(1),
  reason: z.string().min(10),
  /** yyyy-mm-dd of the last review. */
  reviewed: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export type AllowlistEntry = z.infer<typeof AllowlistEntry>;
export const Allowlist = z.array(AllowlistEntry);

/** One advisory of npm audit's JSON (report version 2): a `via` entry that is an object. */
interface Via {
  source: number;
  name: string;
  title: string;
  url: string;
  severity: string;
}

export interface Finding {
  id: string;
  source: number;
  package: string;
  severity: string;
  title: string;
  url: string;
}

export type AuditOutcome =
  | { kind: "unavailable"; message: string }
  | { kind: "checked"; blocking: Finding[]; allowed: Finding[]; staleAllowances: AllowlistEntry[] };

/** GHSA id from an advisory URL (https://github.com/advisories/GHSA-xxxx-xxxx-xxxx), else the numeric id. */
function advisoryId(via: Via): string {
  return /GHSA-[\w-]+/i.exec(via.url)?.[0] ?? String(via.source);
}

function isVia(value: unknown): value is Via {
  return typeof value === "object" && value !== null && typeof (value as Via).source === "number" && typeof (value as Via).name === "string";
}

/** Reads `npm audit --json` output and the allow-list into what blocks, what was accepted, and stale acceptances. */
export function evaluateAudit(output: string, allowlist: AllowlistEntry[], now: Date): AuditOutcome {
  let report: unknown;
  try {
    report = JSON.parse(output);
  } catch {
    return { kind: "unavailable", message: `npm audit gave no JSON report: ${output.slice(0, 200) || "(empty output)"}` };
  }
  const vulnerabilities = (report as { vulnerabilities?: unknown }).vulnerabilities;
  if (typeof vulnerabilities !== "object" || vulnerabilities === null) {
    // npm prints {"message": "405 Method Not Allowed - POST …/advisories/bulk", …} when the endpoint refuses.
    const message = (report as { message?: unknown }).message;
    return { kind: "unavailable", message: typeof message === "string" ? message : "the report has no vulnerabilities section" };
  }

  const findings = new Map<string, Finding>();
  for (const entry of Object.values(vulnerabilities as Record<string, { via?: unknown[] }>)) {
    for (const via of entry.via ?? []) {
      if (!isVia(via) || !BLOCKING.has(via.severity)) continue;
      const id = advisoryId(via);
      findings.set(`${id}\n${via.name}`, { id, source: via.source, package: via.name, severity: via.severity, title: via.title, url: via.url });
    }
  }

  const cutoff = now.getTime() - REVIEW_DAYS * 24 * 60 * 60 * 1000;
  const isCurrent = (entry: AllowlistEntry) => Date.parse(`${entry.reviewed}T00:00:00Z`) >= cutoff;
  const matches = (entry: AllowlistEntry, finding: Finding) =>
    entry.package === finding.package && (String(entry.id).toUpperCase() === finding.id.toUpperCase() || entry.id === finding.source);

  const blocking: Finding[] = [];
  const allowed: Finding[] = [];
  for (const finding of findings.values()) {
    (allowlist.some((entry) => isCurrent(entry) && matches(entry, finding)) ? allowed : blocking).push(finding);
  }
  return { kind: "checked", blocking, allowed, staleAllowances: allowlist.filter((entry) => !isCurrent(entry)) };
}

function runNpmAudit(): Promise<string> {
  return new Promise((resolve) => {
    // npm audit exits non-zero whenever it finds anything; the JSON on stdout is what counts.
    execFile("npm", ["audit", "--omit=dev", "--json"], { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 }, (_error, stdout) => resolve(stdout));
  });
}

async function main(): Promise<number> {
  const allowlistPath = fileURLToPath(new URL("../.ci/audit-allowlist.json", import.meta.url));
  const allowlist = Allowlist.parse(JSON.parse(await readFile(allowlistPath, "utf8")));
  const outcome = evaluateAudit(await runNpmAudit(), allowlist, new Date());
  if (outcome.kind === "unavailable") {
    console.error(`Dependency audit FAILED: the registry's audit endpoint could not be used (${outcome.message}).`);
    console.error("No result is not a pass: run the audit where the endpoint answers, or fix the registry access.");
    return 2;
  }
  for (const entry of outcome.staleAllowances) {
    console.error(`Allow-list entry ${entry.id} (${entry.package}) was last reviewed ${entry.reviewed}, over ${REVIEW_DAYS} days ago: it no longer applies.`);
  }
  for (const f of outcome.allowed) console.log(`accepted (allow-list): ${f.severity} ${f.id} in ${f.package}: ${f.title}`);
  for (const f of outcome.blocking) console.error(`${f.severity.toUpperCase()} ${f.id} in ${f.package}: ${f.title} (${f.url})`);
  if (outcome.blocking.length > 0) {
    console.error(`Dependency audit FAILED: ${outcome.blocking.length} high or critical advisories in production dependencies.`);
    return 1;
  }
  console.log("Dependency audit passed: no unaccepted high or critical advisories in production dependencies.");
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error("Dependency audit FAILED:", error);
      process.exit(2);
    },
  );
}
