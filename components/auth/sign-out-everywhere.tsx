import { Button } from "@/components/ui/button";

export interface SignOutEverywhereProps {
  userId: string;
  name: string;
  /** Posts `userId`; ends every session of theirs. */
  revokeAll: (formData: FormData) => Promise<void>;
}

/** Signs a staff member out of every browser; a plain form, so it works without JavaScript. */
export function SignOutEverywhere({ userId, name, revokeAll }: SignOutEverywhereProps) {
  return (
    <form action={revokeAll} className="flex flex-wrap items-center justify-between gap-3">
      <input type="hidden" name="userId" value={userId} />
      <p className="text-sm text-zinc-600 dark:text-zinc-400">Ends every session of {name}; they can sign in again.</p>
      <Button type="submit" variant="secondary">
        Sign out of all devices
      </Button>
    </form>
  );
}
