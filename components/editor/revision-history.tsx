"use client";

import { useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { DiffPart, RevisionDiff, SettingsDiff } from "@/lib/posts/revision-diff";
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
  /** Labels of the settings it changed. */
  settingsChanged: string[];
}

export interface RevisionHistoryProps {
  postId: string;
  list: (input: unknown) => Promise<ActionResult<{ version: number; revisions: RevisionItem[] }>>;
  compare: (input: unknown) => Promise<ActionResult<{ diff: RevisionDiff }>>;
  /** `notes`: what of the revision's settings could not be restored, and why. */
  restore: (input: unknown) => Promise<ActionResult<{ notes: string[] }>>;
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
  // Set once a restore left something out: the editor reloads when the writer has read why.
  const [restoredNotes, setRestoredNotes] = useState<string[] | null>(null);
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
    if (!window.confirm(`Restore the version ${revisionLabel(revision).toLowerCase()}? Its text and settings become the current ones; nothing is lost, the current version stays in the history.`)) return;
    startTransition(async () => {
      const result = await restore({ postId, revisionId: revision.id, version: history.version }).catch(() => null);
      if (!result?.ok) {
        setError(result?.error ?? "Could not reach the server, so nothing was restored.");
        return;
      }
      if (result.data.notes.length > 0) {
        setRestoredNotes(result.data.notes);
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
      <dialog
        ref={dialog}
        aria-labelledby={`${postId}-history-title`}
        // After a restore the editor holds the old version: however the dialog is left, load the new one.
        onClose={() => restoredNotes && window.location.reload()}
        className="m-auto w-[min(60rem,95vw)] rounded-lg border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-100"
      >
        <div className="flex items-center justify-between border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
          <h2 id={`${postId}-history-title`} className="text-lg font-semibold">
            History
          </h2>
          <Button variant="ghost" onClick={() => dialog.current?.close()}>
            Close
          </Button>
        </div>
        {restoredNotes && (
          <div role="status" className="border-b border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50">
            <p className="font-medium">Restored, except:</p>
            <ul className="mt-1 list-disc space-y-1 pl-5">
              {restoredNotes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
            <Button variant="primary" className="mt-2" onClick={() => window.location.reload()}>
              Open the restored version
            </Button>
          </div>
        )}
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
                  {revision.settingsChanged.length > 0 && <p className="text-zinc-600 dark:text-zinc-400">Settings: {revision.settingsChanged.join(", ")}</p>}
                  {revision !== revisions[0] && (
                    <Button className="mt-1" onClick={() => onRestore(revision)} disabled={pending || restoredNotes !== null} aria-label={`Restore: ${revisionLabel(revision)}`}>
                      Restore
                    </Button>
                  )}
                </li>
              ))}
            </ol>
          </div>
          <div className="order-first min-w-0 md:order-none">
            <div className="grid gap-3 text-sm sm:grid-cols-2">
              <label className="min-w-0">
                <span className="block font-medium">Compare</span>
                <select value={fromId} onChange={(event) => showDiff(event.target.value, toId)} className="mt-1 w-full rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900">
                  {revisions.map((revision) => (
                    <option key={revision.id} value={revision.id}>
                      {revisionLabel(revision)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="min-w-0">
                <span className="block font-medium">with</span>
                <select value={toId} onChange={(event) => showDiff(fromId, event.target.value)} className="mt-1 w-full rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900">
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
      <SettingsView settings={diff.settings} />
      {diff.changed && (
        <div>
          <Parts parts={diff.body} />
        </div>
      )}
    </div>
  );
}

/** One side of a setting's change; an empty setting reads "none" (the post's own title, excerpt or image is used). */
function SettingValue({ value, kind }: { value: string; kind: "from" | "to" }) {
  if (value === "") return <em className="text-zinc-600 dark:text-zinc-400">none</em>;
  return kind === "from" ? <del className="conflict-theirs [overflow-wrap:anywhere]">{value}</del> : <ins className="conflict-mine [overflow-wrap:anywhere]">{value}</ins>;
}

/** The settings part of a diff: each changed setting as "label: old → new", tags as added and removed. */
function SettingsView({ settings }: { settings: SettingsDiff }) {
  if (!settings.recorded) {
    return (
      <p className="mb-2 text-zinc-600 dark:text-zinc-400">
        {settings.unreadable
          ? "Settings are not compared: those of one of these revisions could not be read."
          : "Settings are not compared: one of these revisions is older than the recording of settings."}
      </p>
    );
  }
  const { changes, tagsAdded, tagsRemoved } = settings;
  if (changes.length === 0 && tagsAdded.length === 0 && tagsRemoved.length === 0) return null;
  return (
    <section aria-label="Settings changes" className="mb-3 border-b border-zinc-200 pb-3 whitespace-normal dark:border-zinc-700">
      <h3 className="font-semibold">Settings</h3>
      <ul className="mt-1 space-y-1">
        {(tagsAdded.length > 0 || tagsRemoved.length > 0) && (
          <li>
            <strong>Tags: </strong>
            {tagsAdded.length > 0 && (
              <>
                added{" "}
                {tagsAdded.map((name, index) => (
                  <span key={name}>
                    {index > 0 && ", "}
                    <ins className="conflict-mine">{name}</ins>
                  </span>
                ))}
              </>
            )}
            {tagsAdded.length > 0 && tagsRemoved.length > 0 && "; "}
            {tagsRemoved.length > 0 && (
              <>
                removed{" "}
                {tagsRemoved.map((name, index) => (
                  <span key={name}>
                    {index > 0 && ", "}
                    <del className="conflict-theirs">{name}</del>
                  </span>
                ))}
              </>
            )}
          </li>
        )}
        {changes.map((change) => (
          <li key={change.field}>
            <strong>{change.label}: </strong>
            <SettingValue value={change.from} kind="from" />
            <span aria-hidden="true"> → </span>
            <span className="sr-only"> changed to </span>
            <SettingValue value={change.to} kind="to" />
          </li>
        ))}
      </ul>
    </section>
  );
}
