import "server-only";
import type sharpFunction from "sharp";

/** The sharp function, whose module (libvips and its worker threads) loads on the first call of loadSharp. */
export type SharpFunction = typeof sharpFunction;

let loading: Promise<SharpFunction> | undefined;

/**
 * sharp, imported on first use: loading it maps libvips and starts its thread pool, memory a server
 * keeps for its whole life although most of them never process an image (reader pages read image
 * sizes from the database). A failed import is tried again on the next call.
 */
export function loadSharp(): Promise<SharpFunction> {
  loading ??= import("sharp").then(
    (module) => module.default,
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
