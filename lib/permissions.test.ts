import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import {
  assertCan,
  can,
  grantableRoles,
  hasRole,
  type Action,
  type Actor,
  type InviteResource,
  type MediaResource,
  type PostResource,
  type StaffResource,
} from "@/lib/permissions";

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
  | "other's upload"
  | "own account"
  | "owner's account"
  | "admin's account"
  | "editor's account"
  | "author's account"
  | "contributor's account"
  | "invite as owner"
  | "invite as admin"
  | "invite as editor"
  | "invite as author"
  | "invite as contributor";

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
const ACCOUNT_TARGETS = [
  "own account",
  "owner's account",
  "admin's account",
  "editor's account",
  "author's account",
  "contributor's account",
] as const satisfies readonly Target[];
const INVITE_TARGETS = ["invite as owner", "invite as admin", "invite as editor", "invite as author", "invite as contributor"] as const satisfies readonly Target[];
const OTHERS_BELOW_OWNER = ["admin's account", "editor's account", "author's account", "contributor's account"] as const satisfies readonly Target[];
const OWN = ["own draft", "own scheduled", "own published"] as const satisfies readonly Target[];
const NONE: readonly Target[] = [];

const POST_ACTIONS = ["post.edit", "post.publish", "post.unpublish", "post.delete", "post.setPublishDate"] as const satisfies readonly Action[];
const PROFILE_ACTIONS = ["staff.editProfile"] as const satisfies readonly Action[];
const MEDIA_ACTIONS = ["media.manage"] as const satisfies readonly Action[];
const ACCOUNT_ACTIONS = ["staff.manage", "staff.resetPassword", "staff.viewSessions", "staff.revokeSessions", "staff.transferOwnership"] as const satisfies readonly Action[];
const INVITE_ACTIONS = ["staff.invite"] as const satisfies readonly Action[];
const SITE_ACTIONS = [
  "admin.access",
  "post.create",
  "post.viewAll",
  "tag.create",
  "tag.manage",
  "site.manage",
  "audit.view",
  "signin.unlock",
  "media.upload",
  "staff.view",
  "post.setAuthor",
] as const satisfies readonly Action[];

/**
 * Ghost's staff roles, written out in full rather than derived from a rank, so that a change to any single
 * cell of the rules is caught. For post actions the list names every target the role may act on; for
 * site-wide actions it is either every target or none.
 */
const ALLOWED: Record<Role, Record<Action, readonly Target[]>> = {
  OWNER: {
    "post.setAuthor": ALL,
    "post.setPublishDate": ALL,
    "staff.view": ALL,
    "staff.invite": ["no post", "invite as admin", "invite as editor", "invite as author", "invite as contributor"],
    "staff.manage": OTHERS_BELOW_OWNER,
    "staff.resetPassword": OTHERS_BELOW_OWNER,
    "staff.viewSessions": OTHERS_BELOW_OWNER,
    "staff.revokeSessions": OTHERS_BELOW_OWNER,
    "staff.transferOwnership": ["admin's account"],
    "staff.assignRole": NONE, // walked in full by ASSIGNABLE below
    "admin.access": ALL,
    "post.create": ALL,
    "post.viewAll": ALL,
    "tag.create": ALL,
    "tag.manage": ALL,
    "staff.editProfile": [...PROFILE_TARGETS, ...ACCOUNT_TARGETS],
    "site.manage": ALL,
    "audit.view": ALL,
    "signin.unlock": ALL,
    "post.edit": ALL,
    "post.publish": ALL,
    "post.unpublish": ALL,
    "post.delete": ALL,
    "media.upload": ALL,
    "media.manage": MEDIA_TARGETS,
  },
  ADMIN: {
    "post.setAuthor": ALL,
    "post.setPublishDate": ALL,
    "staff.view": ALL,
    "staff.invite": ["no post", "invite as admin", "invite as editor", "invite as author", "invite as contributor"],
    "staff.manage": OTHERS_BELOW_OWNER,
    "staff.resetPassword": OTHERS_BELOW_OWNER,
    "staff.viewSessions": OTHERS_BELOW_OWNER,
    "staff.revokeSessions": OTHERS_BELOW_OWNER,
    "staff.transferOwnership": NONE,
    "staff.assignRole": NONE, // walked in full by ASSIGNABLE below
    "admin.access": ALL,
    "post.create": ALL,
    "post.viewAll": ALL,
    "tag.create": ALL,
    "tag.manage": ALL,
    "staff.editProfile": [...PROFILE_TARGETS, ...ACCOUNT_TARGETS],
    "site.manage": ALL,
    "audit.view": ALL,
    "signin.unlock": ALL,
    "post.edit": ALL,
    "post.publish": ALL,
    "post.unpublish": ALL,
    "post.delete": ALL,
    "media.upload": ALL,
    "media.manage": MEDIA_TARGETS,
  },
  EDITOR: {
    "post.setAuthor": ALL,
    "post.setPublishDate": ALL,
    "staff.view": ALL,
    "staff.invite": ["no post", "invite as author", "invite as contributor"],
    "staff.manage": ["author's account", "contributor's account"],
    "staff.resetPassword": NONE,
    "staff.viewSessions": NONE,
    "staff.revokeSessions": ["author's account", "contributor's account"],
    "staff.transferOwnership": NONE,
    "staff.assignRole": NONE, // walked in full by ASSIGNABLE below
    "admin.access": ALL,
    "post.create": ALL,
    "post.viewAll": ALL,
    "tag.create": ALL,
    "tag.manage": ALL,
    "staff.editProfile": ["own profile", "own account", "author's account", "contributor's account"],
    "site.manage": NONE,
    "audit.view": NONE,
    "signin.unlock": NONE,
    "post.edit": ALL,
    "post.publish": ALL,
    "post.unpublish": ALL,
    "post.delete": ALL,
    "media.upload": ALL,
    "media.manage": MEDIA_TARGETS,
  },
  AUTHOR: {
    "post.setAuthor": NONE,
    "post.setPublishDate": OWN,
    "staff.view": NONE,
    "staff.invite": NONE,
    "staff.manage": NONE,
    "staff.resetPassword": NONE,
    "staff.viewSessions": NONE,
    "staff.revokeSessions": NONE,
    "staff.transferOwnership": NONE,
    "staff.assignRole": NONE, // walked in full by ASSIGNABLE below
    "admin.access": ALL,
    "post.create": ALL,
    "post.viewAll": NONE,
    "tag.create": ALL,
    "tag.manage": NONE,
    "staff.editProfile": ["own profile", "own account"],
    "site.manage": NONE,
    "audit.view": NONE,
    "signin.unlock": NONE,
    "post.edit": OWN,
    "post.publish": OWN,
    "post.unpublish": OWN,
    "post.delete": OWN,
    "media.upload": ALL,
    "media.manage": ["own upload"],
  },
  CONTRIBUTOR: {
    "post.setAuthor": NONE,
    "post.setPublishDate": NONE,
    "staff.view": NONE,
    "staff.invite": NONE,
    "staff.manage": NONE,
    "staff.resetPassword": NONE,
    "staff.viewSessions": NONE,
    "staff.revokeSessions": NONE,
    "staff.transferOwnership": NONE,
    "staff.assignRole": NONE, // walked in full by ASSIGNABLE below
    "admin.access": ALL,
    "post.create": ALL,
    "post.viewAll": NONE,
    "tag.create": NONE,
    "tag.manage": NONE,
    "staff.editProfile": ["own profile", "own account"],
    "site.manage": NONE,
    "audit.view": NONE,
    "signin.unlock": NONE,
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

const ROLE_OF_ACCOUNT = {
  "owner's account": "OWNER",
  "admin's account": "ADMIN",
  "editor's account": "EDITOR",
  "author's account": "AUTHOR",
  "contributor's account": "CONTRIBUTOR",
} as const satisfies Record<string, Role>;

function resourceFor(target: Target, actorRole: Role = "AUTHOR"): PostResource | StaffResource | InviteResource | MediaResource | undefined {
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
    case "own account":
      return { userId: SELF_ID, role: actorRole };
    case "owner's account":
    case "admin's account":
    case "editor's account":
    case "author's account":
    case "contributor's account":
      return { userId: OTHER_ID, role: ROLE_OF_ACCOUNT[target] };
    case "invite as owner":
      return { invitedRole: "OWNER" };
    case "invite as admin":
      return { invitedRole: "ADMIN" };
    case "invite as editor":
      return { invitedRole: "EDITOR" };
    case "invite as author":
      return { invitedRole: "AUTHOR" };
    case "invite as contributor":
      return { invitedRole: "CONTRIBUTOR" };
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
    [...PROFILE_TARGETS, ...ACCOUNT_TARGETS].map((target) => ({ role, action, target: target as Target, expected: ALLOWED[role][action].includes(target) })),
  ),
  ...MEDIA_ACTIONS.flatMap((action) =>
    MEDIA_TARGETS.map((target) => ({ role, action, target: target as Target, expected: ALLOWED[role][action].includes(target) })),
  ),
  ...ACCOUNT_ACTIONS.flatMap((action) =>
    ACCOUNT_TARGETS.map((target) => ({ role, action, target: target as Target, expected: ALLOWED[role][action].includes(target) })),
  ),
  ...INVITE_ACTIONS.flatMap((action) =>
    (["no post", ...INVITE_TARGETS] as const).map((target) => ({ role, action, target: target as Target, expected: ALLOWED[role][action].includes(target) })),
  ),
]);

const actorFor = (role: Role): Actor => ({ id: SELF_ID, role });

describe("can", () => {
  it("covers every role and every action", () => {
    expect(new Set(ROWS.map((row) => row.role))).toEqual(new Set(ROLES));
    expect(new Set([...ROWS.map((row) => row.action), ...ASSIGN_ROWS.map(() => "staff.assignRole" as const)])).toEqual(
      new Set(Object.keys(ALLOWED.OWNER)),
    );
  });

  it.each(ROWS)("$role · $action · $target → $expected", ({ role, action, target, expected }) => {
    expect(can(actorFor(role), action, resourceFor(target, role))).toBe(expected);
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

/**
 * The role-change field rule in full: for each actor role and each current role of another staff member,
 * the new roles the actor may give. Changing one's own role is never allowed (the own-account column).
 */
const ASSIGNABLE: Record<Role, Record<Role | "self", readonly Role[]>> = {
  OWNER: {
    self: [],
    OWNER: [],
    ADMIN: ["ADMIN", "EDITOR", "AUTHOR", "CONTRIBUTOR"],
    EDITOR: ["ADMIN", "EDITOR", "AUTHOR", "CONTRIBUTOR"],
    AUTHOR: ["ADMIN", "EDITOR", "AUTHOR", "CONTRIBUTOR"],
    CONTRIBUTOR: ["ADMIN", "EDITOR", "AUTHOR", "CONTRIBUTOR"],
  },
  ADMIN: {
    self: [],
    OWNER: [],
    ADMIN: ["ADMIN", "EDITOR", "AUTHOR", "CONTRIBUTOR"],
    EDITOR: ["ADMIN", "EDITOR", "AUTHOR", "CONTRIBUTOR"],
    AUTHOR: ["ADMIN", "EDITOR", "AUTHOR", "CONTRIBUTOR"],
    CONTRIBUTOR: ["ADMIN", "EDITOR", "AUTHOR", "CONTRIBUTOR"],
  },
  EDITOR: { self: [], OWNER: [], ADMIN: [], EDITOR: [], AUTHOR: ["AUTHOR", "CONTRIBUTOR"], CONTRIBUTOR: ["AUTHOR", "CONTRIBUTOR"] },
  AUTHOR: { self: [], OWNER: [], ADMIN: [], EDITOR: [], AUTHOR: [], CONTRIBUTOR: [] },
  CONTRIBUTOR: { self: [], OWNER: [], ADMIN: [], EDITOR: [], AUTHOR: [], CONTRIBUTOR: [] },
};

const ASSIGN_ROWS = ROLES.flatMap((role) =>
  (["self", ...ROLES] as const).flatMap((current) =>
    ROLES.map((newRole) => ({ role: role as Role, current, newRole: newRole as Role, expected: ASSIGNABLE[role][current].includes(newRole) })),
  ),
);

describe("staff.assignRole", () => {
  it.each(ASSIGN_ROWS)("$role gives $current the role $newRole → $expected", ({ role, current, newRole, expected }) => {
    const target: StaffResource =
      current === "self" ? { userId: SELF_ID, role, newRole } : { userId: OTHER_ID, role: current, newRole };
    expect(can(actorFor(role), "staff.assignRole", target)).toBe(expected);
  });

  it("refuses a role change without a new role or without the target's current role", () => {
    expect(can(actorFor("OWNER"), "staff.assignRole", { userId: OTHER_ID, role: "AUTHOR" })).toBe(false);
    expect(can(actorFor("OWNER"), "staff.assignRole", { userId: OTHER_ID, newRole: "AUTHOR" })).toBe(false);
  });

  it("offers each role exactly the roles it may give", () => {
    expect(grantableRoles(actorFor("OWNER"))).toEqual(["ADMIN", "EDITOR", "AUTHOR", "CONTRIBUTOR"]);
    expect(grantableRoles(actorFor("ADMIN"))).toEqual(["ADMIN", "EDITOR", "AUTHOR", "CONTRIBUTOR"]);
    expect(grantableRoles(actorFor("EDITOR"))).toEqual(["AUTHOR", "CONTRIBUTOR"]);
    expect(grantableRoles(actorFor("AUTHOR"))).toEqual([]);
    expect(grantableRoles(actorFor("CONTRIBUTOR"))).toEqual([]);
  });
});

describe("staff.manage and friends", () => {
  it("needs the target's role: without it nobody manages anyone", () => {
    for (const role of ROLES) {
      expect(can(actorFor(role), "staff.manage", { userId: OTHER_ID })).toBe(false);
      expect(can(actorFor(role), "staff.resetPassword", { userId: OTHER_ID })).toBe(false);
      expect(can(actorFor(role), "staff.revokeSessions", { userId: OTHER_ID })).toBe(false);
    }
  });

  it("does not read a post or an upload as a staff member", () => {
    expect(can(actorFor("OWNER"), "staff.manage", { authorId: OTHER_ID, status: "DRAFT" })).toBe(false);
    expect(can(actorFor("OWNER"), "staff.manage", { uploaderId: OTHER_ID })).toBe(false);
    expect(can(actorFor("OWNER"), "staff.transferOwnership")).toBe(false);
  });
});

describe("staff.viewSessions and staff.revokeSessions", () => {
  it("are separate rights: editors sign authors and contributors out without seeing their devices and addresses", () => {
    const editor = actorFor("EDITOR");
    for (const role of ["AUTHOR", "CONTRIBUTOR"] as const) {
      expect(can(editor, "staff.revokeSessions", { userId: OTHER_ID, role })).toBe(true);
      expect(can(editor, "staff.viewSessions", { userId: OTHER_ID, role })).toBe(false);
    }
  });

  it("no role may see someone's devices without being able to sign them out", () => {
    for (const role of ROLES)
      for (const target of ACCOUNT_TARGETS)
        if (can(actorFor(role), "staff.viewSessions", resourceFor(target, role)))
          expect(can(actorFor(role), "staff.revokeSessions", resourceFor(target, role))).toBe(true);
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
    expect(() => assertCan(actorFor(role), action, resourceFor(target, role))).not.toThrow();
  });

  it.each(ROWS.filter((row) => !row.expected))(
    "throws FORBIDDEN for $role · $action · $target",
    ({ role, action, target }) => {
      let thrown: unknown;
      try {
        assertCan(actorFor(role), action, resourceFor(target, role));
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
