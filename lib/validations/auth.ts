import { z } from "zod";

export const SignInInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.").max(254)),
  password: z.string().min(1, "Enter your password.").max(1024),
  callbackUrl: z.string().max(2048).optional(),
});
