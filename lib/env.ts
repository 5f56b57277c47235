import "server-only";
import { z } from "zod";
import { megabytesFromEnvironment } from "@/lib/cache/storage/memory";

/** Unset, or what megabytesFromEnvironment accepts. */
function memoryLayerMb(name: string) {
  return z
    .string()
    .optional()
    .refine(
      (value) => {
        try {
          megabytesFromEnvironment({ [name]: value }, name, 0);
          return true;
        } catch {
          return false;
        }
      },
      { message: `${name} must be a whole number of MB from 0 to 4096.` },
    );
}

const EnvSchema = z.object({
  DATABASE_URL: z.string().min(1, "DATABASE_URL is required (the start scripts set it for the embedded database)."),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters."),
  SITE_URL: z
    .url({ protocol: /^https?$/, message: "SITE_URL must be an http(s) URL such as https://blog.example.com" })
    .optional(),
  PORT: z.coerce.number().int().positive().default(3000),
  /** Optional: sign-in throttle counters go to this Redis instead of PostgreSQL. */
  REDIS_URL: z.url({ protocol: /^rediss?$/, message: "REDIS_URL must be a redis:// or rediss:// URL" }).optional(),
  /**
   * MB of the cache's memory front and of the page replay (README "Memory"). Read where those start
   * (lib/cache/runtime.ts, lib/cache/replay.ts, megabytesFromEnvironment); listed here so that a bad
   * value is reported with the rest.
   */
  QUIRE_CACHE_MEMORY_MB: memoryLayerMb("QUIRE_CACHE_MEMORY_MB"),
  QUIRE_PAGE_REPLAY_MB: memoryLayerMb("QUIRE_PAGE_REPLAY_MB"),
});

const parsed = EnvSchema.safeParse(process.env);
if (!parsed.success) {
  const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
  throw new Error(`Invalid environment:\n${problems}`);
}

export const env = {
  ...parsed.data,
  /** Absolute origin every public URL is built from; never taken from the request's Host header. */
  SITE_URL: (parsed.data.SITE_URL ?? `http://localhost:${parsed.data.PORT}`).replace(/\/+$/, ""),
};
