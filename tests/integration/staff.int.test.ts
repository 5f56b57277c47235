/**
 * The staff aggregate (lib/staff) against real PostgreSQL, with a real SMTP server (tests/smtp-sink.ts)
 * where mail is involved: invitations, roles, suspension, deletion with reassignment, ownership
 * transfer, password rules and reset links.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getLiveSessionUser, createSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { hashPassword, verifyPassword } from "@/lib/password";
import { createDraft, savePost } from "@/lib/posts";
import { acceptInvite, createInvite, getInviteByToken, INVITE_LIFETIME_MS, revokeInvite } from "@/lib/staff/invites";
import {
  changeOwnPassword,
  createPasswordResetLink,
  getPasswordResetByToken,
  requestPasswordReset,
  resetPassword,
} from "@/lib/staff/passwords";
import { changeStaffRole, deleteStaff, listStaff, suspendStaff, transferOwnership, unsuspendStaff } from "@/lib/staff/staff";
import { hashLinkToken } from "@/lib/staff/tokens";
import { verifyCredentials, type SessionUser } from "@/lib/users";
import { createStaff, docJson, expectDomainError, postInput, removeCreatedData, runId, uniqueName } from "@/tests/integration/fixtures";
import { linkIn, startSmtpSink, type SmtpSink } from "@/tests/smtp-sink";

const STRONG = "tangerine orbit velvet canyon";
const tokenOf = (link: string) => link.split("/").pop()!;

let sink: SmtpSink;
let owner: SessionUser;
let createdOwner = false;
let admin: SessionUser;
let editor: SessionUser;

/** The database's one owner (npm test's seeded one), or one made for this run. */
async function theOwner(): Promise<SessionUser> {
  const existing = await db.user.findFirst({ where: { role: "OWNER" }, select: { id: true, email: true, name: true, role: true } });
  if (existing) return existing;
  createdOwner = true;
  return db.user.create({
    data: { email: `owner-${runId}@quire.test`, name: "Run Owner", slug: `owner-${runId}`, passwordHash: "x", role: "OWNER" },
    select: { id: true, email: true, name: true, role: true },
  });
}

/** Gives a fixture user a real password so that sign-in and change-password checks can run. */
async function withPassword(user: SessionUser, password = STRONG): Promise<SessionUser> {
  await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
  return user;
}

const inviteEmail = () => `${uniqueName("invitee").replaceAll(" ", "-")}@quire.test`;

beforeAll(async () => {
  sink = await startSmtpSink();
  owner = await theOwner();
  [admin, editor] = await Promise.all([createStaff("ADMIN"), createStaff("EDITOR")]);
});

afterEach(() => {
  delete process.env.SMTP_URL;
  sink.messages.length = 0;
});

afterAll(async () => {
  await sink.close();
  const invited = await db.user.findMany({ where: { email: { contains: runId } }, select: { id: true } });
  await db.post.deleteMany({ where: { authorId: { in: invited.map((u) => u.id) } } });
  await db.staffInvite.deleteMany({ where: { email: { contains: runId } } });
  await removeCreatedData();
  await db.user.deleteMany({ where: { email: { contains: runId } } });
  if (createdOwner) await db.user.deleteMany({ where: { id: owner.id } });
});

describe("invitations", () => {
  it("without SMTP, returns a link to pass on; the token is stored only as its SHA-256 and lasts 7 days", async () => {
    const email = inviteEmail();
    const now = new Date();
    const invite = await createInvite(admin, { email, role: "EDITOR" }, now);
    expect(invite).toMatchObject({ email, role: "EDITOR", emailed: false });
    expect(invite.expiresAt.getTime() - now.getTime()).toBe(INVITE_LIFETIME_MS);
    const token = tokenOf(invite.link);
    expect(invite.link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    const row = await db.staffInvite.findFirstOrThrow({ where: { email } });
    expect(row.tokenHash).toBe(hashLinkToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(sink.messages).toEqual([]);
  });

  it("with SMTP, e-mails the link; accepting it creates the account with the invited role, once", async () => {
    process.env.SMTP_URL = sink.url;
    const email = inviteEmail();
    const invite = await createInvite(admin, { email, role: "AUTHOR" });
    expect(invite.emailed).toBe(true);
    expect(sink.messages).toHaveLength(1);
    const mail = sink.messages[0]!;
    expect(mail.to).toEqual([email]);
    expect(mail.subject).toContain(admin.name);
    const link = linkIn(mail.text, "/invite/");
    expect(link).toBe(invite.link);

    expect(await getInviteByToken(tokenOf(link))).toMatchObject({ kind: "valid", value: { email, role: "AUTHOR" } });
    const { userId } = await acceptInvite({ token: tokenOf(link), name: "Grace Hopper", password: STRONG });
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user).toMatchObject({ email, name: "Grace Hopper", role: "AUTHOR", status: "ACTIVE" });
    expect(await verifyCredentials(email, STRONG)).toMatchObject({ id: userId });

    expect(await getInviteByToken(tokenOf(link))).toEqual({ kind: "used" });
    await expectDomainError(acceptInvite({ token: tokenOf(link), name: "Again", password: STRONG }), "INVALID_STATE");
  });

  it("lets two submissions of one link at once create one account", async () => {
    const invite = await createInvite(admin, { email: inviteEmail(), role: "CONTRIBUTOR" });
    const results = await Promise.allSettled([1, 2, 3].map((n) => acceptInvite({ token: tokenOf(invite.link), name: `Racer ${n}`, password: STRONG })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.user.count({ where: { email: invite.email } })).toBe(1);
  });

  it("says an expired, revoked or unknown link no longer works, and creates nobody", async () => {
    const expired = await createInvite(admin, { email: inviteEmail(), role: "AUTHOR" }, new Date(Date.now() - INVITE_LIFETIME_MS - 1000));
    expect(await getInviteByToken(tokenOf(expired.link))).toEqual({ kind: "expired" });
    await expectDomainError(acceptInvite({ token: tokenOf(expired.link), name: "Late", password: STRONG }), "INVALID_STATE");

    const revoked = await createInvite(admin, { email: inviteEmail(), role: "AUTHOR" });
    const row = await db.staffInvite.findFirstOrThrow({ where: { email: revoked.email } });
    await revokeInvite(admin, row.id);
    expect(await getInviteByToken(tokenOf(revoked.link))).toEqual({ kind: "unknown" });

    expect(await getInviteByToken("A".repeat(43))).toEqual({ kind: "unknown" });
    expect(await db.user.count({ where: { email: { in: [expired.email, revoked.email] } } })).toBe(0);
  });

  it("a newer invitation replaces an older one for the same address", async () => {
    const email = inviteEmail();
    const first = await createInvite(admin, { email, role: "AUTHOR" });
    await createInvite(admin, { email, role: "EDITOR" });
    expect(await getInviteByToken(tokenOf(first.link))).toEqual({ kind: "unknown" });
  });

  it("refuses roles the inviter cannot grant and addresses already on the staff", async () => {
    await expectDomainError(createInvite(editor, { email: inviteEmail(), role: "ADMIN" }), "FORBIDDEN");
    await expectDomainError(createInvite(editor, { email: inviteEmail(), role: "EDITOR" }), "FORBIDDEN");
    await expect(createInvite(editor, { email: inviteEmail(), role: "AUTHOR" })).resolves.toMatchObject({ role: "AUTHOR" });
    await expectDomainError(createInvite(admin, { email: editor.email, role: "AUTHOR" }), "CONFLICT");
  });

  it("refuses a weak password or one built on the invitee's name, keeping the link usable", async () => {
    const invite = await createInvite(admin, { email: inviteEmail(), role: "AUTHOR" });
    const token = tokenOf(invite.link);
    for (const password of ["short1!", "password1234", "Margaret-Hamilton-1969"]) {
      await expectDomainError(acceptInvite({ token, name: "Margaret Hamilton", password }), "INVALID_INPUT");
    }
    expect(await getInviteByToken(token)).toMatchObject({ kind: "valid" });
    const passphrase = "apollo guidance computer rope memory woven by hand in the factory at waltham ".repeat(3).slice(0, 200);
    const { userId } = await acceptInvite({ token, name: "Margaret Hamilton", password: passphrase });
    const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: userId } });
    // argon2 reads every byte: a password equal to the first 72 bytes (bcrypt's limit) does not match.
    expect(await verifyPassword(passwordHash, passphrase)).toBe(true);
    expect(await verifyPassword(passwordHash, passphrase.slice(0, 72))).toBe(false);
    expect(await verifyPassword(passwordHash, `${passphrase.slice(0, 199)}X`)).toBe(false);
  });
});

describe("roles, suspension, deletion and ownership", () => {
  it("changes a role within what the actor may grant, and refuses the rest", async () => {
    const author = await createStaff("AUTHOR");
    await changeStaffRole(editor, { userId: author.id, role: "CONTRIBUTOR" });
    expect((await db.user.findUniqueOrThrow({ where: { id: author.id } })).role).toBe("CONTRIBUTOR");
    await expectDomainError(changeStaffRole(editor, { userId: author.id, role: "ADMIN" }), "FORBIDDEN");
    await expectDomainError(changeStaffRole(editor, { userId: admin.id, role: "AUTHOR" }), "FORBIDDEN");
    await expectDomainError(changeStaffRole(admin, { userId: owner.id, role: "ADMIN" }), "FORBIDDEN");
    await expectDomainError(changeStaffRole(admin, { userId: admin.id, role: "EDITOR" }), "FORBIDDEN");
    await changeStaffRole(admin, { userId: author.id, role: "ADMIN" });
    expect((await db.user.findUniqueOrThrow({ where: { id: author.id } })).role).toBe("ADMIN");
    // The session lookup reads the role afresh: the change applies on the very next request.
    const sid = await createSession(author.id, { userAgent: null, ip: null });
    expect((await getLiveSessionUser(sid, 0))?.role).toBe("ADMIN");
    await changeStaffRole(admin, { userId: author.id, role: "AUTHOR" });
    expect((await getLiveSessionUser(sid, 0))?.role).toBe("AUTHOR");
  });

  it("suspension ends every session at once and stops sign-in; unsuspending allows sign-in again", async () => {
    const author = await withPassword(await createStaff("AUTHOR"));
    const sessions = await Promise.all([1, 2].map(() => createSession(author.id, { userAgent: null, ip: null })));
    for (const sid of sessions) expect(await getLiveSessionUser(sid, 0)).not.toBeNull();
    await suspendStaff(editor, author.id);
    for (const sid of sessions) expect(await getLiveSessionUser(sid, 0)).toBeNull();
    const { tokenVersion } = await db.user.findUniqueOrThrow({ where: { id: author.id } });
    expect(await verifyCredentials(author.email, STRONG)).toBeNull();
    expect((await listStaff(admin)).find((m) => m.id === author.id)?.status).toBe("SUSPENDED");
    // Even a session made afterwards with the current token version is refused while suspended.
    expect(await getLiveSessionUser(await createSession(author.id, { userAgent: null, ip: null }), tokenVersion)).toBeNull();

    await unsuspendStaff(editor, author.id);
    expect(await verifyCredentials(author.email, STRONG)).toMatchObject({ id: author.id });
    for (const sid of sessions) expect(await getLiveSessionUser(sid, 0)).toBeNull();
  });

  it("refuses to suspend oneself, the owner, or someone above the actor's reach", async () => {
    await expectDomainError(suspendStaff(admin, admin.id), "FORBIDDEN");
    await expectDomainError(suspendStaff(admin, owner.id), "FORBIDDEN");
    await expectDomainError(suspendStaff(editor, admin.id), "FORBIDDEN");
    expect((await db.user.findUniqueOrThrow({ where: { id: owner.id } })).status).toBe("ACTIVE");
  });

  it("deletes a member after moving all their posts to the chosen member, expiring the pages that show the byline", async () => {
    const leaving = await createStaff("AUTHOR");
    const heir = await createStaff("EDITOR");
    const draft = await createDraft(leaving);
    const published = await createDraft(leaving);
    const title = uniqueName("Reassigned");
    const { post } = await savePost(leaving, postInput({ id: published.id, version: 1, title, tags: [uniqueName("Moved tag")], content: docJson("Body.") }), "publish");
    const leavingSlug = (await db.user.findUniqueOrThrow({ where: { id: leaving.id } })).slug;
    const heirSlug = (await db.user.findUniqueOrThrow({ where: { id: heir.id } })).slug;

    await expectDomainError(deleteStaff(admin, { userId: leaving.id, reassignTo: leaving.id }), "INVALID_INPUT");
    const { publicTags, reassigned } = await deleteStaff(admin, { userId: leaving.id, reassignTo: heir.id });
    expect(reassigned).toBe(2);
    expect(publicTags).toEqual(expect.arrayContaining(["posts", `author:${leavingSlug}`, `author:${heirSlug}`, `post:${post.slug}`]));
    expect(await db.user.findUnique({ where: { id: leaving.id } })).toBeNull();
    expect(await db.post.findMany({ where: { id: { in: [draft.id, published.id] } }, select: { authorId: true } })).toEqual([{ authorId: heir.id }, { authorId: heir.id }]);
  });

  it("refuses deletion of the owner, of oneself, and by editors of administrators; posts cannot go to a suspended member", async () => {
    const target = await createStaff("CONTRIBUTOR");
    const suspended = await createStaff("AUTHOR");
    await suspendStaff(admin, suspended.id);
    await expectDomainError(deleteStaff(admin, { userId: owner.id, reassignTo: admin.id }), "FORBIDDEN");
    await expectDomainError(deleteStaff(admin, { userId: admin.id, reassignTo: editor.id }), "FORBIDDEN");
    await expectDomainError(deleteStaff(editor, { userId: admin.id, reassignTo: editor.id }), "FORBIDDEN");
    await expectDomainError(deleteStaff(admin, { userId: target.id, reassignTo: suspended.id }), "INVALID_INPUT");
    expect(await db.user.count({ where: { id: { in: [owner.id, admin.id, target.id] } } })).toBe(3);
  });

  it("only the owner transfers ownership, to an administrator, and becomes an administrator", async () => {
    await expectDomainError(transferOwnership(admin, admin.id), "FORBIDDEN");
    await expectDomainError(transferOwnership(owner, editor.id), "FORBIDDEN");
    await transferOwnership(owner, admin.id);
    const roles = async () => Object.fromEntries((await db.user.findMany({ where: { id: { in: [owner.id, admin.id] } }, select: { id: true, role: true } })).map((u) => [u.id, u.role]));
    expect(await roles()).toEqual({ [owner.id]: "ADMIN", [admin.id]: "OWNER" });
    expect(await db.user.count({ where: { role: "OWNER" } })).toBe(1);
    // The former owner, now an administrator, can be managed by the new owner; and ownership goes back.
    await expectDomainError(transferOwnership({ ...owner, role: "ADMIN" }, admin.id), "FORBIDDEN");
    await transferOwnership({ ...admin, role: "OWNER" }, owner.id);
    expect(await roles()).toEqual({ [owner.id]: "OWNER", [admin.id]: "ADMIN" });
  });
});

describe("passwords", () => {
  it("changing one's own password needs the current one, applies the policy and ends the other sessions only", async () => {
    const user = await withPassword(await createStaff("AUTHOR"));
    const [here, elsewhere] = await Promise.all([1, 2].map(() => createSession(user.id, { userAgent: null, ip: null })));
    await expectDomainError(changeOwnPassword(user, { currentPassword: "wrong password here", newPassword: "solar kettle prism meadow" }, here!), "INVALID_INPUT");
    await expectDomainError(changeOwnPassword(user, { currentPassword: STRONG, newPassword: "quire2026!" }, here!), "INVALID_INPUT");
    await expectDomainError(changeOwnPassword(user, { currentPassword: STRONG, newPassword: `${user.name} rocks!` }, here!), "INVALID_INPUT");
    expect(await verifyCredentials(user.email, STRONG)).not.toBeNull();

    expect(await changeOwnPassword(user, { currentPassword: STRONG, newPassword: "solar kettle prism meadow" }, here!)).toEqual({ endedSessions: 1 });
    expect(await getLiveSessionUser(here!, 0)).not.toBeNull();
    expect(await getLiveSessionUser(elsewhere!, 0)).toBeNull();
    expect(await verifyCredentials(user.email, STRONG)).toBeNull();
    expect(await verifyCredentials(user.email, "solar kettle prism meadow")).not.toBeNull();
  });

  it("a forgotten password is reset through the e-mailed link, once, signing out everywhere", async () => {
    process.env.SMTP_URL = sink.url;
    const user = await withPassword(await createStaff("EDITOR"));
    const sid = await createSession(user.id, { userAgent: null, ip: null });
    await requestPasswordReset(`  ${user.email.toUpperCase()} `);
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0]!.to).toEqual([user.email]);
    const token = tokenOf(linkIn(sink.messages[0]!.text, "/reset-password/"));
    const row = await db.passwordReset.findFirstOrThrow({ where: { userId: user.id, usedAt: null } });
    expect(row.tokenHash).toBe(hashLinkToken(token));
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(60 * 60 * 1000);

    expect(await getPasswordResetByToken(token)).toEqual({ kind: "valid", value: { email: user.email } });
    await expectDomainError(resetPassword({ token, password: "password1234" }), "INVALID_INPUT");
    await resetPassword({ token, password: "copper lantern drifts north" });
    expect(await verifyCredentials(user.email, "copper lantern drifts north")).not.toBeNull();
    expect(await getLiveSessionUser(sid, 0)).toBeNull();
    expect(await getPasswordResetByToken(token)).toEqual({ kind: "used" });
    await expectDomainError(resetPassword({ token, password: "another fine passphrase" }), "INVALID_STATE");
  });

  it("sends nothing for an unknown or suspended address, or without SMTP", async () => {
    const suspended = await createStaff("AUTHOR");
    await suspendStaff(admin, suspended.id);
    await requestPasswordReset(`nobody-${runId}@quire.test`);
    process.env.SMTP_URL = sink.url;
    await requestPasswordReset(`nobody-${runId}@quire.test`);
    await requestPasswordReset(suspended.email);
    expect(sink.messages).toEqual([]);
    expect(await db.passwordReset.count({ where: { userId: suspended.id } })).toBe(0);
  });

  it("an administrator's reset link lasts a day, replaces earlier links and is refused for the owner and to editors", async () => {
    const user = await createStaff("AUTHOR");
    const first = await createPasswordResetLink(admin, user.id);
    const second = await createPasswordResetLink(admin, user.id);
    expect(await getPasswordResetByToken(tokenOf(first.link))).toEqual({ kind: "used" });
    expect(await getPasswordResetByToken(tokenOf(second.link))).toMatchObject({ kind: "valid" });
    await expectDomainError(createPasswordResetLink(admin, owner.id), "FORBIDDEN");
    await expectDomainError(createPasswordResetLink(editor, user.id), "FORBIDDEN");

    const expired = await createPasswordResetLink(admin, user.id, new Date(Date.now() - 25 * 60 * 60 * 1000));
    expect(await getPasswordResetByToken(tokenOf(expired.link))).toEqual({ kind: "expired" });
    await expectDomainError(resetPassword({ token: tokenOf(expired.link), password: "copper lantern drifts north" }), "INVALID_STATE");
  });
});
