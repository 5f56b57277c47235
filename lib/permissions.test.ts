import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { assertCan, can, hasRole, type Action, type Actor, type MediaResource, type PostResource, type StaffResource } from "@/lib/permissions";

const ROLES = ["OWNER", "ADMIN", "EDITOR", "AUTHOR", "CONTRIBUTOR"] as const satisfies readonly Role[];

/** Where the action is aimed: nothing, or a post that is the actor's own or someone else's, in a given state. */
type Target =
  | "no post"
  | "own draft"
  | "own scheduled"
  | "own published"
  | "other's draft"
  | "other's scheduled"
  | "other's published"
  | "own profile"
  | "other's profile"
  | "own upload"
  | "other's upload";

const POST_TARGETS = [
  "own draft",
  "own scheduled",
  "own published",
  "other's draft",
  "other's scheduled",
  "other's published",
] as const satisfies readonly Target[];

const ALL = ["no post", ...POST_TARGETS] as const satisfies readonly Target[];
const PROFILE_TARGETS = ["own profile", "other's profile"] as const satisfies readonly Target[];
const MEDIA_TARGETS = ["own upload", "other's upload"] as const satisfies readonly Target[];
const OWN = ["own draft", "own scheduled", "own published"] as const satisfies readonly Target[];
const NONE: readonly Target[] = [];

const POST_ACTIONS = ["post.edit", "post.publish", "post.unpublish", "post.delete"] as const satisfies readonly Action[];
const PROFILE_ACTIONS = ["staff.editProfile"] as const satisfies readonly Action[];
const MEDIA_ACTIONS = ["media.manage"] as const satisfies readonly Action[];
const SITE_ACTIONS = [
  "admin.access",
  "post.create",
  "post.viewAll",
  "tag.create",
  "tag.manage",
  "site.manage",
  "media.upload",
] as const satisfies readonly Action[];

/**
 * Ghost's staff roles, written out in full rather than derived from a rank, so that a change to any single
 * cell of the rules is caught. For post actions the list names every target the role may act on; for
 * site-wide actions it is either every target or none.
 */
const ALLOWED: Record<Role, Record<Action, readonly Target[]>> = {
  OWNER: {
    "admin.access": ALL,
    "post.create": ALL,
    "post.viewAll": ALL,
    "tag.create": ALL,
    "tag.manage": ALL,
    "staff.editProfile": PROFILE_TARGETS,
    "site.manage": ALL,
    "post.edit": ALL,
    "post.publish": ALL,
    "post.unpublish": ALL,
    "post.delete": ALL,
    "media.upload": ALL,
    "media.manage": MEDIA_TARGETS,
  },
  ADMIN: {
    "admin.access": ALL,
    "post.create": ALL,
    "post.viewAll": ALL,
    "tag.create": ALL,
    "tag.manage": ALL,
    "staff.editProfile": PROFILE_TARGETS,
    "site.manage": ALL,
    "post.edit": ALL,
    "post.publish": ALL,
    "post.unpublish": ALL,
    "post.delete": ALL,
    "media.upload": ALL,
    "media.manage": MEDIA_TARGETS,
  },
  EDITOR: {
    "admin.access": ALL,
    "post.create": ALL,
    "post.viewAll": ALL,
    "tag.create": ALL,
    "tag.manage": ALL,
    "staff.editProfile": ["own profile"],
    "site.manage": NONE,
    "post.edit": ALL,
    "post.publish": ALL,
    "post.unpublish": ALL,
    "post.delete": ALL,
    "media.upload": ALL,
    "media.manage": MEDIA_TARGETS,
  },
  AUTHOR: {
    "admin.access": ALL,
    "post.create": ALL,
    "post.viewAll": NONE,
    "tag.create": ALL,
    "tag.manage": NONE,
    "staff.editProfile": ["own profile"],
    "site.manage": NONE,
    "post.edit": OWN,
    "post.publish": OWN,
    "post.unpublish": OWN,
    "post.delete": OWN,
    "media.upload": ALL,
    "media.manage": ["own upload"],
  },
  CONTRIBUTOR: {
    "admin.access": ALL,
    "post.create": ALL,
    "post.viewAll": NONE,
    "tag.create": NONE,
    "tag.manage": NONE,
    "staff.editProfile": ["own profile"],
    "site.manage": NONE,
    "post.edit": ["own draft"],
    "post.publish": NONE,
    "post.unpublish": NONE,
    "post.delete": ["own draft"],
    "media.upload": ALL,
    "media.manage": ["own upload"],
  },
};

const SELF_ID = "user-self";
const OTHER_ID = "user-other";

function resourceFor(target: Target): PostResource | StaffResource | MediaResource | undefined {
  switch (target) {
    case "no post":
      return undefined;
    case "own draft":
      return { authorId: SELF_ID, status: "DRAFT" };
    case "own scheduled":
      return { authorId: SELF_ID, status: "SCHEDULED" };
    case "own published":
      return { authorId: SELF_ID, status: "PUBLISHED" };
    case "other's draft":
      return { authorId: OTHER_ID, status: "DRAFT" };
    case "other's scheduled":
      return { authorId: OTHER_ID, status: "SCHEDULED" };
    case "other's published":
      return { authorId: OTHER_ID, status: "PUBLISHED" };
    case "own profile":
      return { userId: SELF_ID };
    case "other's profile":
      return { userId: OTHER_ID };
    case "own upload":
      return { uploaderId: SELF_ID };
    case "other's upload":
      return { uploaderId: OTHER_ID };
  }
}

interface Row {
  role: Role;
  action: Action;
  target: Target;
  expected: boolean;
}

const ROWS: Row[] = ROLES.flatMap((role) => [
  ...SITE_ACTIONS.map((action) => ({ role, action, target: "no post" as Target, expected: ALLOWED[role][action].length > 0 })),
  ...POST_ACTIONS.flatMap((action) =>
    ALL.map((target) => ({ role, action, target: target as Target, expected: ALLOWED[role][action].includes(target) })),
  ),
  ...PROFILE_ACTIONS.flatMap((action) =>
    PROFILE_TARGETS.map((target) => ({ role, action, target: target as Target, expected: ALLOWED[role][action].includes(target) })),
  ),
  ...MEDIA_ACTIONS.flatMap((action) =>
    MEDIA_TARGETS.map((target) => ({ role, action, target: target as Target, expected: ALLOWED[role][action].includes(target) })),
  ),
]);

const actorFor = (role: Role): Actor => ({ id: SELF_ID, role });

describe("can", () => {
  it("covers every role and every action", () => {
    expect(new Set(ROWS.map((row) => row.role))).toEqual(new Set(ROLES));
    expect(new Set(ROWS.map((row) => row.action))).toEqual(new Set([...SITE_ACTIONS, ...POST_ACTIONS, ...PROFILE_ACTIONS, ...MEDIA_ACTIONS]));
  });

  it.each(ROWS)("$role · $action · $target → $expected", ({ role, action, target, expected }) => {
    expect(can(actorFor(role), action, resourceFor(target))).toBe(expected);
  });

  it("decides ownership by author id, not by role", () => {
    const author: Actor = { id: "a1", role: "AUTHOR" };
    const anotherAuthor: Actor = { id: "a2", role: "AUTHOR" };
    const post: PostResource = { authorId: "a1", status: "PUBLISHED" };
    expect(can(author, "post.edit", post)).toBe(true);
    expect(can(anotherAuthor, "post.edit", post)).toBe(false);
  });

  it("lets editors act on posts written by the owner", () => {
    const editor: Actor = { id: "e1", role: "EDITOR" };
    const ownersPost: PostResource = { authorId: "owner-1", status: "PUBLISHED" };
    for (const action of POST_ACTIONS) expect(can(editor, action, ownersPost)).toBe(true);
  });

  it("stops a contributor editing their draft once it is published", () => {
    const contributor: Actor = { id: "c1", role: "CONTRIBUTOR" };
    expect(can(contributor, "post.edit", { authorId: "c1", status: "DRAFT" })).toBe(true);
    expect(can(contributor, "post.edit", { authorId: "c1", status: "PUBLISHED" })).toBe(false);
    expect(can(contributor, "post.delete", { authorId: "c1", status: "PUBLISHED" })).toBe(false);
  });
});

describe("staff.editProfile", () => {
  it("needs a profile to decide: without one nobody may edit", () => {
    for (const role of ROLES) expect(can(actorFor(role), "staff.editProfile")).toBe(false);
  });

  it("does not read a post's author as the profile's owner", () => {
    expect(can(actorFor("AUTHOR"), "staff.editProfile", { authorId: SELF_ID, status: "PUBLISHED" })).toBe(false);
  });
});

describe("media.manage", () => {
  it("without a file to decide on, only editors and up may manage media", () => {
    const allowed = ROLES.filter((role) => can(actorFor(role), "media.manage"));
    expect(allowed).toEqual(["OWNER", "ADMIN", "EDITOR"]);
  });

  it("does not read a post's author as the uploader", () => {
    expect(can(actorFor("AUTHOR"), "media.manage", { authorId: SELF_ID, status: "DRAFT" })).toBe(false);
  });
});

describe("assertCan", () => {
  it.each(ROWS.filter((row) => row.expected))("allows $role · $action · $target", ({ role, action, target }) => {
    expect(() => assertCan(actorFor(role), action, resourceFor(target))).not.toThrow();
  });

  it.each(ROWS.filter((row) => !row.expected))(
    "throws FORBIDDEN for $role · $action · $target",
    ({ role, action, target }) => {
      let thrown: unknown;
      try {
        assertCan(actorFor(role), action, resourceFor(target));
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(DomainError);
      expect(thrown).toMatchObject({ code: "FORBIDDEN" });
    },
  );
});

describe("hasRole", () => {
  /** Lowest to highest. */
  const LADDER = ["CONTRIBUTOR", "AUTHOR", "EDITOR", "ADMIN", "OWNER"] as const satisfies readonly Role[];
  const pairs = LADDER.flatMap((role, i) =>
    LADDER.map((min, j) => ({ role: role as Role, min: min as Role, expected: i >= j })),
  );

  it.each(pairs)("$role has at least $min → $expected", ({ role, min, expected }) => {
    expect(hasRole({ id: SELF_ID, role }, min)).toBe(expected);
  });
});
