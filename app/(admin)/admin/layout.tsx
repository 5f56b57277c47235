import type { Metadata } from "next";
import { Suspense } from "react";
import { AdminFrame } from "./_components/admin-frame";
import { requireUser } from "@/lib/auth";
import { can } from "@/lib/permissions";
import { signOutAction } from "./actions";

export const metadata: Metadata = { title: { default: "Admin — Quire", template: "%s — Quire admin" }, robots: { index: false, follow: false } };

async function SignedInFrame({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <AdminFrame userName={user.name} userRole={user.role} canManageTags={can(user, "tag.manage")} canViewStaff={can(user, "staff.view")} canManageSite={can(user, "site.manage")} canViewAudit={can(user, "audit.view")} signOut={signOutAction}>
      {children}
    </AdminFrame>
  );
}

export default function AdminLayout({ children }: { children: React.ReactNode }) {
  return (
    <Suspense fallback={<AdminFrame.Skeleton />}>
      <SignedInFrame>{children}</SignedInFrame>
    </Suspense>
  );
}
