import "server-only";
import { z } from "zod";

const EnvSchema = z.object({
  DATABASE_URL: z.string().min(1, "DATABASE_URL is required (the start scripts set it for the embedded database)."),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters."),
  SITE_URL: z
    .url({ protocol: /^https?$/, message: "SITE_URL must be an http(s) URL such as https://blog.example.com" })
    .optional(),
  PORT: z.coerce.number().int().positive().default(3000),
  /** Optional: sign-in throttle counters go to this Redis instead of PostgreSQL. */
  REDIS_URL: z.url({ protocol: /^rediss?$/, message: "REDIS_URL must be a redis:// or rediss:// URL" }).optional(),
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
