import type { Role } from "@/lib/generated/prisma/enums";
import type { OutgoingMail } from "@/lib/mail";

const roleName = (role: Role) => (role === "ADMIN" ? "Administrator" : role.charAt(0) + role.slice(1).toLowerCase());

const when = (date: Date) => date.toUTCString().replace(/:\d\d GMT$/, " UTC");

/** The invitation an inviter's colleague receives. */
export function inviteMail(input: { to: string; siteTitle: string; inviterName: string; role: Role; link: string; expiresAt: Date }): OutgoingMail {
  return {
    to: input.to,
    subject: `${input.inviterName} invited you to ${input.siteTitle}`,
    text: [
      `${input.inviterName} invited you to join ${input.siteTitle} as ${/^[AEIOU]/.test(roleName(input.role)) ? "an" : "a"} ${roleName(input.role)}.`,
      "",
      "Open this link to choose your name and password:",
      input.link,
      "",
      `The link works once and until ${when(input.expiresAt)}. If you did not expect this, ignore this message.`,
    ].join("\n"),
  };
}

/** A password reset link, asked for on the sign-in page. */
export function passwordResetMail(input: { to: string; siteTitle: string; link: string; expiresAt: Date }): OutgoingMail {
  return {
    to: input.to,
    subject: `Reset your ${input.siteTitle} password`,
    text: [
      `Someone asked to reset the password of your ${input.siteTitle} staff account.`,
      "",
      "Open this link to choose a new password:",
      input.link,
      "",
      `The link works once and until ${when(input.expiresAt)}. If you did not ask for it, ignore this message: your password stays as it is.`,
    ].join("\n"),
  };
}
