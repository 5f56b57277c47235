import type { ActionResult } from "@/lib/action-result";

/** Where the editor sends image files: POST, the file's bytes as the body, its name in UPLOAD_NAME_HEADER. */
export const UPLOAD_ENDPOINT = "/api/media";

/** The uploaded file's name, URI-encoded (headers are ASCII); shown in the library, never used for storage. */
export const UPLOAD_NAME_HEADER = "x-upload-name";

/** What the upload endpoint answers with a 201. */
export interface UploadedMedia {
  id: string;
  src: string;
  width: number;
  height: number;
  alt: string;
  originalName: string;
}

/** The upload endpoint's JSON body, whatever its status. */
export type UploadResult = ActionResult<UploadedMedia>;
