import { AuthorBox } from "@/components/posts/author-box";
import { PostBody } from "@/components/posts/post-body";
import { PostDate } from "@/components/posts/post-date";
import { TableOfContents } from "@/components/posts/table-of-contents";
import { TagLinks } from "@/components/posts/tag-links";
import { safeImageSrc } from "@/lib/editor/safe-href";
import { authorPath } from "@/lib/paths";
import type { PublicPost } from "@/lib/posts";
import { ARTICLE_IMAGE_SIZES, responsiveImage } from "@/lib/responsive-image";

export interface PostArticleProps {
  /** Its body and table of contents come rendered: stored with the post, or rendered by the preview's read. */
  post: PublicPost;
}

/** A post's article as readers see it: the reader page and the previews render this same component. */
export async function PostArticle({ post }: PostArticleProps) {
  const featureImageSrc = safeImageSrc(post.featureImage);
  // Its box comes from the aspect ratio below, so the file's width and height stay off the element.
  const featureImage = featureImageSrc ? await responsiveImage(featureImageSrc, ARTICLE_IMAGE_SIZES) : null;
  return (
    <article>
      <header className="mb-10">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          <PostDate date={post.publishedAt} /> · {post.readingMinutes} min read
        </p>
        <h1 className="mt-3 text-3xl font-bold tracking-tight text-balance sm:text-4xl">{post.title}</h1>
        <p className="mt-4 flex items-center gap-2 text-zinc-600 dark:text-zinc-400">
          {post.author.avatarSrc && (
            // eslint-disable-next-line @next/next/no-img-element -- a 256-pixel WebP already; decorative beside the name
            <img src={post.author.avatarSrc} alt="" width={28} height={28} decoding="async" className="size-7 rounded-full object-cover" />
          )}
          <span>By</span>
          <a className="font-medium text-zinc-800 hover:text-indigo-700 hover:underline dark:text-zinc-200 dark:hover:text-indigo-300" href={authorPath(post.author.slug)}>
            {post.author.name}
          </a>
        </p>
        <TagLinks tags={post.tags} className="mt-4 flex flex-wrap gap-2" linkClassName="tag-chip" />
      </header>
      {featureImage && (
        // The reserved aspect ratio keeps the text from jumping when the image arrives; only images on
        // this site get a srcset, and uploads a source per format of their copies (lib/responsive-image.ts).
        <figure className="mb-10">
          <picture className="contents">
            {featureImage.sources?.map((source) => <source key={source.type} type={source.type} srcSet={source.srcSet} sizes={featureImage.sizes} />)}
            <img
              src={featureImage.src}
              srcSet={featureImage.srcSet}
              sizes={featureImage.srcSet ? featureImage.sizes : undefined}
              alt={post.featureImageAlt}
              fetchPriority="high"
              loading="eager"
              decoding="async"
              className="aspect-[1.91/1] w-full rounded-lg bg-zinc-100 object-cover dark:bg-zinc-900"
            />
          </picture>
          {post.featureImageCaption && <figcaption className="mt-2 text-center text-sm text-zinc-600 dark:text-zinc-400">{post.featureImageCaption}</figcaption>}
        </figure>
      )}
      <TableOfContents entries={post.toc} />
      <PostBody body={post.body} />
      <AuthorBox author={post.author} />
    </article>
  );
}
