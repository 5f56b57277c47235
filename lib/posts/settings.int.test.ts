import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getPublishedPost, savePost } from "@/lib/posts";
import { getPostSettings, savePostSettings } from "@/lib/posts/settings";
import { dateToWallTime } from "@/lib/posts/schedule-time";
import { getSiteTimezone } from "@/lib/site";
import type { SessionUser } from "@/lib/users";
import { SavePostSettingsInput } from "@/lib/validations/post-settings";
import { createStaffSet, docJson, expectDomainError, postInput, removeCreatedData, uniqueName } from "@/tests/integration/fixtures";

let author: SessionUser;
let otherAuthor: SessionUser;
let editor: SessionUser;
let contributor: SessionUser;

beforeAll(async () => {
  ({ author, otherAuthor, editor, contributor } = await createStaffSet());
});

afterAll(async () => {
  await removeCreatedData();
});

async function newPost(actor: SessionUser, intent: "save" | "publish" = "save") {
  const { post } = await savePost(actor, postInput({ title: uniqueName("Settings"), content: docJson("Body text.") }), intent);
  return post;
}

const empty = { metaTitle: "", metaDescription: "", canonicalUrl: "", socialTitle: "", socialDescription: "", socialImage: "", publishedAt: "" };
const input = (postId: string, fields: Partial<typeof empty> = {}) => SavePostSettingsInput.parse({ postId, ...empty, ...fields });

describe("post settings", () => {
  it("stores search and social settings, and readers' post carries them", async () => {
    const post = await newPost(author, "publish");
    const { settings, publicTags } = await savePostSettings(
      author,
      input(post.id, {
        metaTitle: "  A better title  ",
        metaDescription: "What the post is about.",
        canonicalUrl: "https://origin.example/post",
        socialTitle: "Share me",
        socialDescription: "For the card.",
        socialImage: "/media/abc.png",
      }),
    );
    expect(settings).toMatchObject({ metaTitle: "A better title", canonicalUrl: "https://origin.example/post", socialImage: "/media/abc.png" });
    expect(publicTags).toEqual([`post:${post.slug}`]);
    const stored = await getPublishedPost(post.slug);
    expect(stored?.seo).toEqual({
      metaTitle: "A better title",
      metaDescription: "What the post is about.",
      canonicalUrl: "https://origin.example/post",
      socialTitle: "Share me",
      socialDescription: "For the card.",
      socialImage: "/media/abc.png",
    });
    // Empty values clear the settings again.
    await savePostSettings(author, input(post.id));
    expect(await getPostSettings(author, post.id)).toMatchObject({ metaTitle: "", canonicalUrl: "", socialImage: "" });
  });

  it("is refused, changing nothing, for a post the actor may not edit, and hides whether it exists", async () => {
    const post = await newPost(author);
    await expectDomainError(savePostSettings(otherAuthor, input(post.id, { metaTitle: "Hijacked" })), "NOT_FOUND");
    await expectDomainError(savePostSettings(contributor, input(post.id, { metaTitle: "Hijacked" })), "NOT_FOUND");
    await expectDomainError(savePostSettings(author, input("missing-post-id", { metaTitle: "x" })), "NOT_FOUND");
    expect(await getPostSettings(otherAuthor, post.id)).toBeNull();
    expect((await db.post.findUniqueOrThrow({ where: { id: post.id } })).metaTitle).toBe("");
    // An editor may edit anyone's post, settings included.
    await savePostSettings(editor, input(post.id, { metaTitle: "Edited by an editor" }));
    expect((await getPostSettings(author, post.id))?.metaTitle).toBe("Edited by an editor");
  });

  it("back-dates a published post, refuses a future date and a date for a draft, and says which lists changed", async () => {
    const zone = await getSiteTimezone();
    const post = await newPost(author, "publish");
    const earlier = new Date(Date.UTC(2024, 2, 1, 9, 30));
    const { settings, publicTags } = await savePostSettings(author, input(post.id, { publishedAt: dateToWallTime(earlier, zone).slice(0, 16) }));
    expect(settings.publishedAt?.toISOString()).toBe(earlier.toISOString());
    expect(publicTags).toContain("posts");
    expect(publicTags).toContain(`post:${post.slug}`);
    const future = new Date(Date.now() + 86_400_000);
    await expectDomainError(savePostSettings(author, input(post.id, { publishedAt: dateToWallTime(future, zone).slice(0, 16) })), "INVALID_INPUT");
    expect((await getPostSettings(author, post.id))?.publishedAt?.toISOString()).toBe(earlier.toISOString());

    const draft = await newPost(author);
    await expectDomainError(savePostSettings(author, input(draft.id, { publishedAt: dateToWallTime(earlier, zone).slice(0, 16) })), "INVALID_STATE");
    expect((await getPostSettings(author, draft.id))?.publishedAt).toBeNull();
  });
});
