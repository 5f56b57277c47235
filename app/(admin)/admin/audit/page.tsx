import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AUDIT_ACTIONS, AuditFilterInput, listAuditEntries, type AuditFilter } from "@/lib/audit";
import { requireUser } from "@/lib/auth";
import { can } from "@/lib/permissions";

export const metadata: Metadata = { title: "Audit log" };

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const inputClass = "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-base shadow-sm dark:border-zinc-700 dark:bg-zinc-900";

const cellClass = "flex gap-3 align-top sm:table-cell sm:px-3 sm:py-2";

/** The column's name beside the value on phones, where the table's header row is not shown. */
function CellLabel({ children }: { children: React.ReactNode }) {
  return (
    <span aria-hidden="true" className="w-16 shrink-0 text-xs font-medium text-zinc-500 uppercase sm:hidden dark:text-zinc-400">
      {children}
    </span>
  );
}

/** This page's URL with the same filters and another page number. */
function pageHref(filter: AuditFilter, page: number): string {
  const params = new URLSearchParams();
  for (const key of ["actor", "action", "from", "to"] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/admin/audit?${query}` : "/admin/audit";
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireUser();
  // Not shown to roles that cannot use it, like the staff and settings pages.
  if (!can(actor, "audit.view")) notFound();
  const raw = await searchParams;
  const filter = AuditFilterInput.parse({ actor: first(raw.actor) || undefined, action: first(raw.action) || undefined, from: first(raw.from) || undefined, to: first(raw.to) || undefined, page: first(raw.page) });
  const { entries, page, hasMore } = await listAuditEntries(actor, filter);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Audit log</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Staff actions, newest first. Times are UTC.</p>
      </div>
      <form method="get" action="/admin/audit" role="search" aria-label="Filter the audit log" className="grid gap-3 rounded-lg border border-zinc-200 bg-white p-4 sm:grid-cols-5 sm:items-end dark:border-zinc-800 dark:bg-zinc-900">
        <div>
          <label htmlFor="audit-actor" className="block text-sm font-medium">
            Actor
          </label>
          <input id="audit-actor" name="actor" type="search" defaultValue={filter.actor ?? ""} placeholder="e-mail" className={inputClass} />
        </div>
        <div>
          <label htmlFor="audit-action" className="block text-sm font-medium">
            Action
          </label>
          <select id="audit-action" name="action" defaultValue={filter.action ?? ""} className={inputClass}>
            <option value="">Any</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-from" className="block text-sm font-medium">
            From
          </label>
          <input id="audit-from" name="from" type="date" defaultValue={filter.from ?? ""} className={inputClass} />
        </div>
        <div>
          <label htmlFor="audit-to" className="block text-sm font-medium">
            To
          </label>
          <input id="audit-to" name="to" type="date" defaultValue={filter.to ?? ""} className={inputClass} />
        </div>
        <button type="submit" className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500">
          Filter
        </button>
      </form>
      {entries.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No entries match.</p>
      ) : (
        // Below the sm breakpoint each entry stacks as a card with its own labels (the column headers
        // stay for screen readers); from sm up it is an ordinary table.
        <div className="rounded-lg border border-zinc-200 bg-white sm:overflow-x-auto dark:border-zinc-800 dark:bg-zinc-900">
          <table className="block w-full text-left text-sm sm:table">
            <caption className="sr-only">Audit log entries</caption>
            <thead className="sr-only border-b border-zinc-200 text-xs text-zinc-600 uppercase sm:not-sr-only sm:table-header-group dark:border-zinc-800 dark:text-zinc-400">
              <tr>
                <th scope="col" className="px-3 py-2">When</th>
                <th scope="col" className="px-3 py-2">Who</th>
                <th scope="col" className="px-3 py-2">Action</th>
                <th scope="col" className="px-3 py-2">Object</th>
                <th scope="col" className="px-3 py-2">Address</th>
              </tr>
            </thead>
            <tbody className="block divide-y divide-zinc-200 sm:table-row-group dark:divide-zinc-800">
              {entries.map((entry) => (
                <tr key={entry.id} className="block space-y-1 px-4 py-3 sm:table-row sm:space-y-0 sm:p-0">
                  <td className={cellClass}>
                    <CellLabel>When</CellLabel>
                    <time dateTime={entry.createdAt.toISOString()} className="sm:whitespace-nowrap">
                      {dateFormat.format(entry.createdAt)}
                    </time>
                  </td>
                  <td className={`${cellClass} break-all`}>
                    <CellLabel>Who</CellLabel>
                    <span className="min-w-0">{entry.actorEmail ?? (entry.action === "post.publish" ? "The schedule" : "—")}</span>
                  </td>
                  <td className={cellClass}>
                    <CellLabel>Action</CellLabel>
                    <span className="font-mono text-xs sm:whitespace-nowrap">{entry.action}</span>
                  </td>
                  <td className={`${cellClass} break-words`}>
                    <CellLabel>Object</CellLabel>
                    <span className="min-w-0">
                      {entry.targetType ? `${entry.targetType}: ${entry.targetLabel ?? entry.targetId ?? ""}` : "—"}
                      {entry.details !== null && <span className="block font-mono text-xs break-all text-zinc-500">{JSON.stringify(entry.details)}</span>}
                    </span>
                  </td>
                  <td className={cellClass}>
                    <CellLabel>Address</CellLabel>
                    <span className="font-mono text-xs break-all sm:whitespace-nowrap">{entry.ipAddress ?? "—"}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pages" className="flex justify-between text-sm">
        {page > 1 ? <Link href={pageHref(filter, page - 1)}>Newer</Link> : <span />}
        {hasMore ? <Link href={pageHref(filter, page + 1)}>Older</Link> : <span />}
      </nav>
    </div>
  );
}
