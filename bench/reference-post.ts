import { demoAuthors, demoPosts, demoSite, demoTags } from "@/prisma/demo/content";

/**
 * The demo post the demo-content run loads (a median-length one; the 10,000-post run loads a generated
 * post of about its length). The static baseline pages take their title, author and tags from it, and
 * start their text with its prose.
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
