import { readFileSync } from "node:fs";
import path from "node:path";
import type { TestUser } from "./factories";

// One folder per build folder: suites running side by side sign in to different databases.
export const AUTH_DIR = path.join(import.meta.dirname, "..", ".auth", path.basename(process.env.QUIRE_DIST_DIR ?? ".next-test"));
export const storageStatePath = (role: "admin" | "author" | "contributor") => path.join(AUTH_DIR, `${role}.json`);

/** The users auth.setup.ts signed in, with their passwords. */
export function signedInUsers(): Record<"admin" | "author" | "contributor", TestUser> {
  return JSON.parse(readFileSync(path.join(AUTH_DIR, "users.json"), "utf8"));
}
