import "server-only";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";
import { assertStorageKey, type ByteRange, type ObjectStorage, type StoredStream } from "@/lib/storage/storage";

export interface S3StorageOptions {
  bucket: string;
  /** Prepended to every key ("quire/media/"), so that the bucket can be shared with other data. */
  prefix?: string;
  client: S3Client;
}

const status = (error: unknown) => (error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined);
const isMissing = (error: unknown) => status(error) === 404 || (error instanceof Error && (error.name === "NoSuchKey" || error.name === "NotFound"));

/**
 * Objects in a bucket of an S3-compatible store (AWS S3, MinIO, Ceph, R2, Garage…), one object per
 * key, so that every app instance sees the same media. A PutObject replaces an object whole: readers
 * never see half of one. See lib/storage/index.ts for how it is chosen and configured.
 */
export class S3Storage implements ObjectStorage {
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly client: S3Client;

  constructor(options: S3StorageOptions) {
    this.bucket = options.bucket;
    this.prefix = options.prefix ?? "";
    this.client = options.client;
  }

  private objectKey(key: string): string {
    assertStorageKey(key);
    return this.prefix + key;
  }

  async put(key: string, data: Uint8Array, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key), Body: data, ContentType: contentType, ContentLength: data.byteLength }),
    );
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return answer.Body ? await answer.Body.transformToByteArray() : new Uint8Array();
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async stream(key: string, range?: ByteRange): Promise<StoredStream | null> {
    const Key = this.objectKey(key);
    if (range && (!Number.isInteger(range.start) || range.start < 0 || (range.end !== undefined && range.end < range.start))) {
      throw new Error(`Bad range: ${range.start}-${range.end ?? ""}`);
    }
    const Range = range ? `bytes=${range.start}-${range.end ?? ""}` : undefined;
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key, Range }));
      const bytes = answer.ContentLength ?? 0;
      const body = answer.Body ? answer.Body.transformToWebStream() : new Blob([]).stream();
      // "bytes 2-5/10": the store says which part it sent and the whole size.
      const served = answer.ContentRange?.match(/^bytes (\d+)-(\d+)\/(\d+)$/);
      if (served) return { body, bytes, totalBytes: Number(served[3]), range: { start: Number(served[1]), end: Number(served[2]) } };
      return { body, bytes, totalBytes: bytes };
    } catch (error) {
      if (isMissing(error)) return null;
      // A range past the end (416): the object exists, none of it was asked for.
      if (range && status(error) === 416) {
        const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key })).catch((headError: unknown) => {
          if (isMissing(headError)) return null;
          throw headError;
        });
        return head ? { body: new Blob([]).stream(), bytes: 0, totalBytes: head.ContentLength ?? 0 } : null;
      }
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    // S3 answers a delete of a missing key with success, as the interface wants.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
  }
}

/** Settings of the S3 driver, read from the environment by lib/storage/config.ts. */
export interface S3Settings {
  bucket: string;
  region: string;
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
  prefix: string;
}

export function createS3Storage(settings: S3Settings): S3Storage {
  const config: S3ClientConfig = {
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    // Without explicit keys the SDK's own chain applies (AWS_* variables, instance roles).
    credentials:
      settings.accessKeyId && settings.secretAccessKey
        ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
        : undefined,
    // Checksums only where S3 requires them: several S3-compatible stores reject the SDK's default
    // CRC32 trailers on PutObject.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    // A stuck store fails the request instead of holding a reader's connection for ever.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 },
    maxAttempts: 3,
  };
  return new S3Storage({ bucket: settings.bucket, prefix: settings.prefix, client: new S3Client(config) });
}
