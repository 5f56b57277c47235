import { randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { parsePostDoc, deriveExcerpt } from "../../lib/editor/doc";
import { testDb } from "./db";

export type StaffRole = "OWNER" | "ADMIN" | "EDITOR" | "AUTHOR" | "CONTRIBUTOR";

export interface TestUser {
  id: string;
  email: string;
  password: string;
  name: string;
  role: StaffRole;
}

const unique = () => randomUUID().slice(0, 8);

/** A staff member with a known password. */
export async function createUser(role: StaffRole, name = `${role.toLowerCase()} ${unique()}`): Promise<TestUser> {
  const suffix = unique();
  const email = `${role.toLowerCase()}-${suffix}@quire.test`;
  const password = `pw-${randomUUID()}`;
  const user = await testDb().user.create({
    data: { email, name, slug: `${role.toLowerCase()}-${suffix}`, role, passwordHash: await hash(password) },
  });
  return { id: user.id, email, password, name, role };
}

export interface CreatePostOptions {
  authorId: string;
  title?: string;
  status?: "DRAFT" | "PUBLISHED";
  paragraphs?: string[];
}

/** A post written straight to the database, with the same derived fields the app computes. */
export async function createPost({ authorId, title = `Test post ${unique()}`, status = "DRAFT", paragraphs }: CreatePostOptions) {
  // The suffix starts with a letter: "title-12345678" would look to the editor like a slug derived from the
  // title and numbered (components/editor/post-editor.tsx isDerivedSlug), and publishing would replace it.
  const slug = `${title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}-p${unique()}`;
  const body = parsePostDoc({
    type: "doc",
    content: (paragraphs ?? [`Body of ${title}.`]).map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })),
  });
  return testDb().post.create({
    data: {
      title,
      slug,
      content: body.doc,
      plaintext: body.plaintext,
      wordCount: body.wordCount,
      excerpt: deriveExcerpt(null, body.summary),
      status,
      publishedAt: status === "PUBLISHED" ? new Date() : null,
      authorId,
    },
    select: { id: true, slug: true, title: true },
  });
}
