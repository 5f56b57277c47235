import { z } from "zod";

export const SignInInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.").max(254)),
  password: z.string().min(1, "Enter your password.").max(1024),
  callbackUrl: z.string().max(2048).optional(),
});

/** The second step of a two-factor sign-in: a 6-digit code or a recovery code like "k7m2p-x9qhr". */
export const SecondFactorInput = z.object({
  pendingToken: z.string().min(1).max(1024),
  code: z.string().trim().min(6, "Enter the 6-digit code from your app, or a recovery code.").max(32),
});
