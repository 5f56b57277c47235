import { describe, expect, it } from "vitest";
import { demoAuthors, demoSite, demoTags } from "@/prisma/demo/content";
import { MAX_SITE_DESCRIPTION_LENGTH } from "@/lib/validations/settings";

// Found by a crawl (issue 13): the home and author pages' meta descriptions ran past what search results show.
describe("demo descriptions", () => {
  it("fit in a search result's 160 characters: the site, every author and every tag", () => {
    expect(demoSite.description.length).toBeLessThanOrEqual(MAX_SITE_DESCRIPTION_LENGTH);
    for (const author of demoAuthors) expect(author.bio.length, author.name).toBeLessThanOrEqual(160);
    for (const tag of demoTags) expect(tag.description.length, tag.name).toBeLessThanOrEqual(160);
  });
});
