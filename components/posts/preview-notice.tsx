import { formatInZone } from "@/lib/posts/schedule-time";
import type { PostStatus } from "@/lib/posts";

export interface PreviewNoticeProps {
  status: PostStatus;
  scheduledAt: Date | null;
  timeZone: string;
  /** Where staff go back to edit (the staff preview only). */
  editHref?: string;
}

/** The line above a preview saying what it is: the post as readers will see it, not yet (or no longer) as published. */
export function PreviewNotice({ status, scheduledAt, timeZone, editHref }: PreviewNoticeProps) {
  const state =
    status === "PUBLISHED"
      ? "This post is published; this preview shows it as last saved."
      : status === "SCHEDULED" && scheduledAt
        ? `Scheduled for ${formatInZone(scheduledAt, timeZone)}. Not visible to readers yet.`
        : "Draft. Not visible to readers.";
  return (
    <aside aria-label="Preview" className="mb-10 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
      <p>
        <strong>Preview.</strong> {state}
        {editHref && (
          <>
            {" "}
            <a href={editHref} className="font-medium underline">
              Back to the editor
            </a>
          </>
        )}
      </p>
    </aside>
  );
}
