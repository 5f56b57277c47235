import Link from "next/link";

export default function StaffNotFound() {
  return (
    <div className="py-10">
      <h1 className="text-2xl font-bold tracking-tight">Not found</h1>
      <p className="mt-3 text-zinc-600 dark:text-zinc-400">This staff member does not exist, or you cannot edit their profile.</p>
      <p className="mt-6">
        <Link href="/admin/profile" className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          ← Your profile
        </Link>
      </p>
    </div>
  );
}
