/** Public paths, in one place so that links and canonical URLs agree. */
export const postPath = (slug: string) => `/blog/${slug}`;
export const homePagePath = (page: number) => (page <= 1 ? "/" : `/page/${page}`);
export const editPostPath = (id: string) => `/admin/posts/${id}`;
