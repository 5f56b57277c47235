import { randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { deriveExcerpt, parsePostDoc } from "../../lib/editor/doc";
import { testDb } from "./db";

const unique = () => randomUUID().slice(0, 8);

type Block = Record<string, unknown>;

export const text = (value: string) => ({ type: "text", text: value });
export const paragraph = (value: string): Block => ({ type: "paragraph", content: [text(value)] });
export const heading = (level: 2 | 3 | 4, value: string): Block => ({ type: "heading", attrs: { level }, content: [text(value)] });
export const codeBlock = (language: string | null, code: string): Block => ({ type: "codeBlock", attrs: { language }, content: [text(code)] });
export const image = (src: string, alt: string): Block => ({ type: "image", attrs: { src, alt } });

/** An author with a bio and a website, who can sign in like the other factories' users. */
export async function createProfiledAuthor(name = `Author ${unique()}`) {
  const suffix = unique();
  return testDb().user.create({
    data: {
      email: `post-author-${suffix}@quire.test`,
      name,
      slug: `post-author-${suffix}`,
      role: "AUTHOR",
      passwordHash: await hash(randomUUID()),
      bio: "Writes about databases and the people who page for them.",
      website: `https://${suffix}.example.com/`,
    },
    select: { id: true, name: true, slug: true, website: true },
  });
}

export interface RichPostOptions {
  authorId: string;
  title: string;
  blocks: Block[];
  tagNames?: string[];
  status?: "DRAFT" | "PUBLISHED";
  publishedAt?: Date;
  featureImage?: string | null;
}

/** A post with any body blocks and tags, written with the derived fields the app computes. */
export async function createRichPost({ authorId, title, blocks, tagNames = [], status = "PUBLISHED", publishedAt = new Date(), featureImage = null }: RichPostOptions) {
  const body = parsePostDoc({ type: "doc", content: blocks });
  const slug = `${title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}-${unique()}`;
  return testDb().post.create({
    data: {
      title,
      slug,
      content: body.doc,
      plaintext: body.plaintext,
      wordCount: body.wordCount,
      excerpt: deriveExcerpt(null, body.summary),
      status,
      publishedAt: status === "PUBLISHED" ? publishedAt : null,
      featureImage,
      authorId,
      tags: {
        create: tagNames.map((name, position) => ({
          position,
          tag: { connectOrCreate: { where: { slug: name.toLowerCase().replace(/[^a-z0-9]+/g, "-") }, create: { name, slug: name.toLowerCase().replace(/[^a-z0-9]+/g, "-") } } },
        })),
      },
    },
    select: { id: true, slug: true, title: true },
  });
}

/** A moment in a window of time no other test uses, so these posts' neighbours are each other. */
export function isolatedTime(): (hours: number) => Date {
  const base = Date.UTC(1970 + Math.floor(Math.random() * 25), Math.floor(Math.random() * 12), 1);
  return (hours) => new Date(base + hours * 3_600_000);
}

export { unique };
