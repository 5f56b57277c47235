/**
 * A local S3-compatible server for tests (the maintained s3rver fork, @20minutes/s3rver), with one
 * empty bucket, in a temporary folder that close() removes. It checks request signatures, so a
 * client with wrong keys fails here as it would on a real store.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverConstructor = new (options: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string }[];
}) => S3rverInstance;

// The package is CommonJS without type declarations; this is the part of its API used here.
const S3rver = createRequire(import.meta.url)("@20minutes/s3rver") as S3rverConstructor;

/** s3rver's fixed credentials (it accepts no others). */
export const S3RVER_KEYS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;

export interface LocalS3 {
  endpoint: string;
  bucket: string;
  close(): Promise<void>;
}

export async function startLocalS3(options: { port?: number; bucket?: string } = {}): Promise<LocalS3> {
  const bucket = options.bucket ?? "quire-test";
  const directory = await mkdtemp(path.join(tmpdir(), "quire-s3-"));
  const server = new S3rver({ address: "127.0.0.1", port: options.port ?? 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
