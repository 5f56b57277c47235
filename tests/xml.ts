import { SaxesParser } from "saxes";

/** The first well-formedness error in `xml` (a strict, spec-conformant parser), or null. Tests only. */
export function xmlError(xml: string): string | null {
  const parser = new SaxesParser({ xmlns: true });
  let error: string | null = null;
  parser.on("error", (cause) => {
    error ??= cause.message;
  });
  parser.write(xml).close();
  return error;
}
