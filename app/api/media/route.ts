import { z } from "zod";
import { toActionError } from "@/lib/action-result";
import { getSessionUser } from "@/lib/auth";
import { DomainError } from "@/lib/errors";
import { processImage } from "@/lib/media/image";
import { createMedia } from "@/lib/media/media";
import { BodyTooLargeError, readLimited } from "@/lib/media/read-limited";
import { UPLOAD_NAME_HEADER, type UploadResult } from "@/lib/media/upload-types";
import { MAX_UPLOAD_BYTES, formatBytes } from "@/lib/media/variants";
import { can } from "@/lib/permissions";

const UploadHeaders = z.object({
  name: z
    .string()
    .max(1024, "The file name is too long.")
    .transform((value, ctx) => {
      try {
        return decodeURIComponent(value);
      } catch {
        ctx.addIssue({ code: "custom", message: "The file name could not be read." });
        return z.NEVER;
      }
    }),
  length: z.coerce.number().int().min(0).optional(),
});

const json = (result: UploadResult, status: number) =>
  Response.json(result, { status, headers: { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } });

const tooLarge = () => json({ ok: false, code: "INVALID_INPUT", error: `The file is larger than ${formatBytes(MAX_UPLOAD_BYTES)}, the most an image may be.` }, 413);

/** A browser request from another site: refused like Next refuses cross-site server actions. */
function crossSite(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/**
 * Uploads one image: the body is the file. Signed-in staff only (media.upload); the body is read up to
 * the size limit and no further, the type is decided from the content, and the stored files carry no
 * metadata (lib/media/image.ts). Answers an UploadResult: 201, or 400/401/403/413/415 with a message.
 */
export async function POST(request: Request): Promise<Response> {
  if (crossSite(request)) return json({ ok: false, code: "FORBIDDEN", error: "Uploads must come from this site." }, 403);
  const actor = await getSessionUser();
  if (!actor) return json({ ok: false, code: "UNAUTHENTICATED", error: "Your session has ended. Sign in again to upload images." }, 401);
  if (!can(actor, "media.upload")) return json({ ok: false, code: "FORBIDDEN", error: "You do not have permission to upload files." }, 403);

  const headers = UploadHeaders.safeParse({ name: request.headers.get(UPLOAD_NAME_HEADER) ?? "", length: request.headers.get("content-length") ?? undefined });
  if (!headers.success) return json({ ok: false, code: "INVALID_INPUT", error: headers.error.issues[0]?.message ?? "Invalid upload." }, 400);
  // Refused before reading when the length is declared; readLimited holds undeclared (chunked) bodies to the same limit.
  if ((headers.data.length ?? 0) > MAX_UPLOAD_BYTES) return tooLarge();

  let body: Uint8Array;
  try {
    body = await readLimited(request.body, MAX_UPLOAD_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return tooLarge();
    throw error;
  }

  try {
    const image = await processImage(body);
    const item = await createMedia(actor, { originalName: headers.data.name, image });
    return json({ ok: true, data: { id: item.id, src: item.src, width: item.width, height: item.height, alt: item.alt, originalName: item.originalName } }, 201);
  } catch (error) {
    const status = error instanceof DomainError ? (error.code === "INVALID_INPUT" ? 415 : error.code === "FORBIDDEN" ? 403 : 400) : 500;
    return json(toActionError(error), status);
  }
}
