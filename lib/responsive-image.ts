import { getImageProps } from "next/image";

/** The width a post's images take: the article column (max-w-3xl less its padding), or the screen less its padding. */
export const ARTICLE_IMAGE_SIZES = "(min-width: 48rem) 44rem, calc(100vw - 2.5rem)";

export interface ResponsiveImage {
  src: string;
  srcSet?: string;
  sizes?: string;
}

/**
 * An image's src, with a srcset of resized copies from Next's image optimizer when the image is on this
 * site, so a phone downloads a phone-sized file. Images on other hosts stay as they are: the optimizer
 * fetches only allow-listed origins, and allow-listing every host an author links to would make it an
 * open proxy. SVGs are left alone too (they scale by themselves; Next does not rasterise them).
 */
export function responsiveImage(src: string, sizes: string): ResponsiveImage {
  if (!src.startsWith("/") || src.startsWith("//")) return { src };
  const { props } = getImageProps({ src, alt: "", fill: true, sizes });
  return props.srcSet ? { src: props.src, srcSet: props.srcSet, sizes: props.sizes } : { src };
}
