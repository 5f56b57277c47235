import Link from "next/link";
import { SkipLink } from "@/components/ui/skip-link";

export interface AdminFrameProps {
  userName: string;
  userRole: string;
  /** Editors and up see "Tags". */
  canManageTags?: boolean;
  /** Editors and up see "Staff". */
  canViewStaff?: boolean;
  /** Administrators see "Settings". */
  canManageSite?: boolean;
  /** Administrators see "Audit log". */
  canViewAudit?: boolean;
  signOut: () => Promise<void>;
  children: React.ReactNode;
}

const roleLabel = (role: string) => role.charAt(0) + role.slice(1).toLowerCase();

export function AdminFrame({ userName, userRole, canManageTags = false, canViewStaff = false, canManageSite = false, canViewAudit = false, signOut, children }: AdminFrameProps) {
  return (
    <div className="min-h-dvh bg-zinc-50 dark:bg-zinc-950">
      <SkipLink />
      <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-5 py-3">
          <nav aria-label="Admin" className="flex flex-wrap items-center gap-x-5 gap-y-2 text-sm">
            <Link href="/admin" className="font-semibold tracking-tight">
              Quire
            </Link>
            <Link href="/admin" className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
              Posts
            </Link>
            <Link href="/admin/media" className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
              Media
            </Link>
            {canManageTags && (
              <Link href="/admin/tags" className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
                Tags
              </Link>
            )}
            {canManageSite && (
              <Link href="/admin/settings" className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
                Settings
              </Link>
            )}
            {canViewStaff && (
              <Link href="/admin/staff" className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
                Staff
              </Link>
            )}
            {canViewAudit && (
              <Link href="/admin/audit" className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
                Audit log
              </Link>
            )}
            <Link href="/admin/profile" className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
              Profile
            </Link>
            {/* Reader pages have their own root layout, so this is a full page load: a prefetch of it is never used. */}
            <Link prefetch={false} href="/" className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
              View site
            </Link>
          </nav>
          <div className="flex items-center gap-3 text-sm">
            <span className="text-zinc-600 dark:text-zinc-400">
              {userName} <span className="text-zinc-500 dark:text-zinc-400">· {roleLabel(userRole)}</span>
            </span>
            <form action={signOut}>
              <button type="submit" className="rounded-md px-2 py-1 font-medium text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800">
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-5 py-8 focus:outline-none">
        {children}
      </main>
    </div>
  );
}

AdminFrame.Skeleton = function AdminFrameSkeleton() {
  return (
    <div className="min-h-dvh bg-zinc-50 dark:bg-zinc-950" aria-busy="true">
      <div className="h-[53px] border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900" />
      <div className="mx-auto max-w-6xl space-y-3 px-5 py-8">
        <div className="h-8 w-40 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
        <div className="h-64 animate-pulse rounded-lg bg-zinc-200 dark:bg-zinc-800" />
      </div>
    </div>
  );
};
