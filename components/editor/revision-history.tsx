"use client";

import { useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { DiffPart, RevisionDiff } from "@/lib/posts/revision-diff";
import { Button } from "@/components/ui/button";

/** A revision as the panel lists it (lib/posts/revisions RevisionSummary, without the server import). */
export interface RevisionItem {
  id: string;
  kind: "SAVE" | "PUBLISH" | "UNPUBLISH" | "SCHEDULE" | "UNSCHEDULE" | "RESTORE";
  title: string;
  authorName: string | null;
  createdAt: Date;
  updatedAt: Date;
  live: boolean;
}

export interface RevisionHistoryProps {
  postId: string;
  list: (input: unknown) => Promise<ActionResult<{ version: number; revisions: RevisionItem[] }>>;
  compare: (input: unknown) => Promise<ActionResult<{ diff: RevisionDiff }>>;
  restore: (input: unknown) => Promise<ActionResult<unknown>>;
}

const KIND_LABEL: Record<RevisionItem["kind"], string> = {
  SAVE: "Saved",
  PUBLISH: "Published",
  UNPUBLISH: "Unpublished",
  SCHEDULE: "Scheduled",
  UNSCHEDULE: "Unscheduled",
  RESTORE: "Restored",
};

const when = (date: Date) => new Date(date).toLocaleString([], { dateStyle: "medium", timeStyle: "short" });

function revisionLabel(revision: RevisionItem): string {
  return `${KIND_LABEL[revision.kind]} ${when(revision.updatedAt)} by ${revision.authorName ?? (revision.kind === "PUBLISH" ? "the schedule" : "a former staff member")}`;
}

/** The post's history: every revision with author and time, a diff between any two, and restoring one. */
export function RevisionHistory({ postId, list, compare, restore }: RevisionHistoryProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [history, setHistory] = useState<{ version: number; revisions: RevisionItem[] } | null>(null);
  const [fromId, setFromId] = useState("");
  const [toId, setToId] = useState("");
  const [diff, setDiff] = useState<RevisionDiff | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const showDiff = (from: string, to: string) => {
    setFromId(from);
    setToId(to);
    setDiff(null);
    if (!from || !to) return;
    startTransition(async () => {
      const result = await compare({ postId, fromId: from, toId: to }).catch(() => null);
      if (!result?.ok) setError(result?.error ?? "Could not reach the server.");
      else setDiff(result.data.diff);
    });
  };

  const open = () => {
    setError(null);
    dialog.current?.showModal();
    startTransition(async () => {
      const result = await list({ postId }).catch(() => null);
      if (!result?.ok) {
        setError(result?.error ?? "Could not reach the server.");
        return;
      }
      setHistory(result.data);
      const [newest, previous] = result.data.revisions;
      if (newest) showDiff(previous?.id ?? newest.id, newest.id);
    });
  };

  const onRestore = (revision: RevisionItem) => {
    if (!history) return;
    if (!window.confirm(`Restore the version ${revisionLabel(revision).toLowerCase()}? It becomes the current text; nothing is lost, the current one stays in the history.`)) return;
    startTransition(async () => {
      const result = await restore({ postId, revisionId: revision.id, version: history.version }).catch(() => null);
      if (!result?.ok) {
        setError(result?.error ?? "Could not reach the server, so nothing was restored.");
        return;
      }
      // The editor loads the restored post as saved; anything unsaved is kept on this device and offered back.
      window.location.reload();
    });
  };

  const revisions = history?.revisions ?? [];
  return (
    <div>
      <Button onClick={open}>History</Button>
      <dialog ref={dialog} aria-labelledby={`${postId}-history-title`} className="m-auto w-[min(60rem,95vw)] rounded-lg border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-100">
        <div className="flex items-center justify-between border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
          <h2 id={`${postId}-history-title`} className="text-lg font-semibold">
            History
          </h2>
          <Button variant="ghost" onClick={() => dialog.current?.close()}>
            Close
          </Button>
        </div>
        <div className="grid max-h-[75vh] gap-4 overflow-y-auto p-4 md:grid-cols-[18rem_minmax(0,1fr)]">
          <div>
            {error && (
              <p role="alert" className="mb-2 text-sm text-red-700 dark:text-red-400">
                {error}
              </p>
            )}
            {history === null && pending && <p className="text-sm">Loading…</p>}
            <ol aria-label="Revisions" className="space-y-2">
              {revisions.map((revision) => (
                <li key={revision.id} className="rounded border border-zinc-200 p-2 text-sm dark:border-zinc-800">
                  <p className="font-medium">{KIND_LABEL[revision.kind]}{revision.live ? " (live version)" : ""}</p>
                  <p className="text-zinc-600 dark:text-zinc-400">
                    {when(revision.updatedAt)} · {revision.authorName ?? (revision.kind === "PUBLISH" ? "On schedule" : "Former staff")}
                  </p>
                  <p className="truncate text-zinc-600 dark:text-zinc-400">{revision.title || "(no title)"}</p>
                  {revision !== revisions[0] && (
                    <Button className="mt-1" onClick={() => onRestore(revision)} disabled={pending} aria-label={`Restore: ${revisionLabel(revision)}`}>
                      Restore
                    </Button>
                  )}
                </li>
              ))}
            </ol>
          </div>
          <div className="min-w-0">
            <div className="flex flex-wrap items-end gap-3 text-sm">
              <label>
                <span className="block font-medium">Compare</span>
                <select value={fromId} onChange={(event) => showDiff(event.target.value, toId)} className="mt-1 max-w-[16rem] rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900">
                  {revisions.map((revision) => (
                    <option key={revision.id} value={revision.id}>
                      {revisionLabel(revision)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                <span className="block font-medium">with</span>
                <select value={toId} onChange={(event) => showDiff(fromId, event.target.value)} className="mt-1 max-w-[16rem] rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900">
                  {revisions.map((revision) => (
                    <option key={revision.id} value={revision.id}>
                      {revisionLabel(revision)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            {diff && <DiffView diff={diff} />}
          </div>
        </div>
      </dialog>
    </div>
  );
}

function Parts({ parts }: { parts: DiffPart[] }) {
  return (
    <>
      {parts.map((part, index) =>
        part.added ? (
          <ins key={index} className="conflict-mine">
            {part.value}
          </ins>
        ) : part.removed ? (
          <del key={index} className="conflict-theirs">
            {part.value}
          </del>
        ) : (
          <span key={index}>{part.value}</span>
        ),
      )}
    </>
  );
}

function DiffView({ diff }: { diff: RevisionDiff }) {
  const changed = (parts: DiffPart[]) => parts.some((part) => part.added || part.removed);
  return (
    <div role="region" aria-label="Differences" tabIndex={0} className="conflict-diff mt-3 rounded border border-zinc-200 p-3 text-sm whitespace-pre-wrap dark:border-zinc-700">
      {!diff.changed && <p>These versions are the same.</p>}
      {changed(diff.title) && (
        <p className="mb-2">
          <strong>Title: </strong>
          <Parts parts={diff.title} />
        </p>
      )}
      {changed(diff.customExcerpt) && (
        <p className="mb-2">
          <strong>Excerpt: </strong>
          <Parts parts={diff.customExcerpt} />
        </p>
      )}
      {diff.changed && (
        <div>
          <Parts parts={diff.body} />
        </div>
      )}
    </div>
  );
}
