import { PreviewLinks } from "@/components/editor/preview-links";
import { RevisionHistory } from "@/components/editor/revision-history";
import { SchedulePanel } from "@/components/editor/schedule-panel";
import { editPostPath } from "@/lib/paths";
import type { Actor } from "@/lib/permissions";
import type { EditablePost } from "@/lib/posts";
import { getPostSchedule, scheduleTimeZone } from "@/lib/posts/schedule";
import {
  compareRevisionsAction,
  createPreviewLinkAction,
  listPreviewLinksAction,
  listRevisionsAction,
  restoreRevisionAction,
  revokePreviewLinkAction,
  schedulePostAction,
  unschedulePostAction,
} from "../publishing-actions";

/** The editor's publishing settings: schedule (for those who may publish), preview and history. */
export async function PublishingPanels({ actor, post }: { actor: Actor; post: EditablePost }) {
  const schedule = post.canPublish ? await getPostSchedule(actor, post.id) : null;
  return (
    <>
      {schedule && <SchedulePanel postId={post.id} initial={schedule} timeZone={await scheduleTimeZone()} schedule={schedulePostAction} unschedule={unschedulePostAction} />}
      <PreviewLinks postId={post.id} previewHref={`${editPostPath(post.id)}/preview`} list={listPreviewLinksAction} create={createPreviewLinkAction} revoke={revokePreviewLinkAction} />
      <RevisionHistory postId={post.id} list={listRevisionsAction} compare={compareRevisionsAction} restore={restoreRevisionAction} />
    </>
  );
}
