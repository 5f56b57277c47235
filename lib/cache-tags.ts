/** Every cache tag the app uses; reads tag with these, writes invalidate with these. */
export const cacheTags = {
  site: "site",
  /** Any list of published posts: home, pagination, feeds, sitemap. */
  postList: "posts",
  post: (slug: string) => `post:${slug}`,
  tag: (slug: string) => `tag:${slug}`,
  author: (slug: string) => `author:${slug}`,
  /** An uploaded file's size, copies and alt text, as pages showing it read them. */
  media: (key: string) => `media:${key}`,
} as const;
