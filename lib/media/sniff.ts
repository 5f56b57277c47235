import type { ImageFormat } from "@/lib/media/variants";

/** What the first bytes of a file say it is; "svg" and "unknown" are refused by the upload. */
export type SniffedType = ImageFormat | "svg" | "unknown";

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/**
 * The image format by its magic bytes, never by the file's name or the browser's claimed type. SVG is
 * recognised (XML or an <svg> element near the start) so it can be refused by name: it can carry script.
 */
export function sniffImageType(bytes: Uint8Array): SniffedType {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return "gif";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "webp";
  // ISO base media file: a box "ftyp" at offset 4 whose major brand is AVIF (still or sequence).
  if (startsWith(bytes, ascii("ftyp"), 4) && (startsWith(bytes, ascii("avif"), 8) || startsWith(bytes, ascii("avis"), 8))) return "avif";
  const head = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 1024)).replace(/^\uFEFF/, "").trimStart().toLowerCase();
  if (head.startsWith("<") && /<svg[\s>]/.test(head)) return "svg";
  if (head.startsWith("<?xml") || head.startsWith("<!doctype svg")) return "svg";
  return "unknown";
}
