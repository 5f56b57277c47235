"use client";

import { useId, useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
import { dateToWallTime, formatInZone } from "@/lib/posts/schedule-time";
import { Button } from "@/components/ui/button";

interface Schedule {
  status: "DRAFT" | "SCHEDULED" | "PUBLISHED";
  scheduledAt: Date | null;
}

export interface SchedulePanelProps {
  postId: string;
  initial: Schedule;
  /** The site's time zone (SITE_TIMEZONE): the field's time is read in it. */
  timeZone: string;
  schedule: (input: unknown) => Promise<ActionResult<Schedule>>;
  unschedule: (input: unknown) => Promise<ActionResult<Schedule>>;
}

/** Publish later: choose a date and time in the site's time zone; reschedule or take it back to a draft. */
export function SchedulePanel({ postId, initial, timeZone, schedule, unschedule }: SchedulePanelProps) {
  const id = useId();
  const [current, setCurrent] = useState<Schedule>(initial);
  // Read at the click, not kept in state: a time typed before the page finished loading still counts.
  const atField = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  if (current.status === "PUBLISHED") return null;

  const apply = (action: () => Promise<ActionResult<Schedule>>, done: (next: Schedule) => string) => {
    setError(null);
    setNotice(null);
    startTransition(async () => {
      const result = await action().catch(() => null);
      if (!result?.ok) {
        setError(result?.error ?? "Could not reach the server, so the schedule did not change.");
        return;
      }
      setCurrent(result.data);
      setNotice(done(result.data));
    });
  };

  const scheduled = current.status === "SCHEDULED" && current.scheduledAt;
  return (
    <section aria-labelledby={`${id}-title`} className="space-y-2">
      <h2 id={`${id}-title`} className="text-sm font-medium">
        Schedule
      </h2>
      <p className="text-xs text-zinc-600 dark:text-zinc-400" data-schedule-state>
        {scheduled ? `Publishes ${formatInZone(new Date(current.scheduledAt!), timeZone)}, as last saved.` : "Publish the saved post later, at a time you choose."}
      </p>
      <label htmlFor={`${id}-at`} className="block text-sm">
        Publish at ({timeZone})
      </label>
      <input
        id={`${id}-at`}
        type="datetime-local"
        step={1}
        ref={atField}
        defaultValue={initial.scheduledAt ? dateToWallTime(new Date(initial.scheduledAt), timeZone) : ""}
        className="block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      />
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => apply(() => schedule({ postId, at: atField.current?.value ?? "" }), (next) => `Scheduled for ${formatInZone(new Date(next.scheduledAt!), timeZone)}.`)} disabled={pending}>
          {scheduled ? "Reschedule" : "Schedule"}
        </Button>
        {scheduled && (
          <Button variant="ghost" onClick={() => apply(() => unschedule({ postId }), () => "No longer scheduled: the post is a draft.")} disabled={pending}>
            Unschedule
          </Button>
        )}
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
        {notice}
      </p>
    </section>
  );
}
