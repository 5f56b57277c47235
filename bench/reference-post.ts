import { demoAuthors, demoPosts, demoSite, demoTags } from "@/prisma/demo/content";

/**
 * The demo post the static baseline page reproduces (a median-length one), so the baseline answers with
 * about as many bytes as a real post page. The demo-content run loads this very post.
 */
export const REFERENCE_POST_SLUG = "hybrid-retrieval-in-practice";

/** The reference post with its author, from the demo content (no database). */
export function referencePost() {
  const post = demoPosts.find((candidate) => candidate.slug === REFERENCE_POST_SLUG);
  const author = demoAuthors.find((candidate) => candidate.key === post?.authorKey);
  if (!post || !author) throw new Error(`The demo content has no post "${REFERENCE_POST_SLUG}" with an author.`);
  const tags = demoTags.filter((tag) => post.tagSlugs.includes(tag.slug));
  return { post, author, tags, site: demoSite };
}
