import { z } from "zod";
import type { S3Settings } from "@/lib/storage/s3";

const flag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((value) => value === "true" || value === "1");

const StorageEnv = z.discriminatedUnion("MEDIA_STORAGE", [
  z.object({ MEDIA_STORAGE: z.literal("disk"), MEDIA_DIR: z.string().optional() }),
  z.object({
    MEDIA_STORAGE: z.literal("s3"),
    S3_BUCKET: z.string().min(1, "S3_BUCKET is required when MEDIA_STORAGE=s3"),
    S3_REGION: z.string().min(1).default("us-east-1"),
    S3_ENDPOINT: z.url({ protocol: /^https?$/, message: "S3_ENDPOINT must be an http(s) URL" }).optional(),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    S3_FORCE_PATH_STYLE: flag,
    S3_PREFIX: z
      .string()
      .regex(/^(?:[A-Za-z0-9._-]+\/)*$/, "S3_PREFIX must be empty or folder names each ending in /, such as quire/media/")
      .default(""),
  }),
]);

export type StorageSettings = { driver: "disk"; dir?: string } | ({ driver: "s3" } & S3Settings);

/**
 * Which store holds uploaded media, from the environment: MEDIA_STORAGE=disk (the default; MEDIA_DIR)
 * or MEDIA_STORAGE=s3 (S3_* variables, see README "Production"). Bad settings fail loudly at the first
 * use instead of silently falling back to a disk that other instances cannot see.
 */
export function storageSettings(source: Record<string, string | undefined> = process.env): StorageSettings {
  const parsed = StorageEnv.safeParse({ ...source, MEDIA_STORAGE: source.MEDIA_STORAGE || "disk" });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`Invalid media storage settings:\n${problems}`);
  }
  const value = parsed.data;
  if (value.MEDIA_STORAGE === "disk") return { driver: "disk", dir: value.MEDIA_DIR || undefined };
  if (Boolean(value.S3_ACCESS_KEY_ID) !== Boolean(value.S3_SECRET_ACCESS_KEY)) {
    throw new Error("Invalid media storage settings:\n  S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together");
  }
  return {
    driver: "s3",
    bucket: value.S3_BUCKET,
    region: value.S3_REGION,
    endpoint: value.S3_ENDPOINT,
    accessKeyId: value.S3_ACCESS_KEY_ID,
    secretAccessKey: value.S3_SECRET_ACCESS_KEY,
    forcePathStyle: value.S3_FORCE_PATH_STYLE,
    prefix: value.S3_PREFIX,
  };
}
