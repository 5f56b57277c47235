import { cn } from "@/lib/utils";
import { initials } from "@/lib/initials";

export interface StaffAvatarProps {
  name: string;
  /** The avatar's path (lib/staff/avatar-limits avatarSrc), or null for the initials. */
  src: string | null;
  /** CSS pixels; the stored image is 256 pixels square. */
  size?: number;
  className?: string;
}


/** A staff member's photo in a circle, or their initials; decorative beside their name (empty alt). */
export function StaffAvatar({ name, src, size = 40, className }: StaffAvatarProps) {
  const box = cn("inline-flex shrink-0 items-center justify-center overflow-hidden rounded-full", className);
  if (src) {
    // eslint-disable-next-line @next/next/no-img-element -- a 256-pixel WebP already; the optimiser would add nothing
    return <img src={src} alt="" width={size} height={size} className={cn(box, "object-cover")} style={{ width: size, height: size }} data-testid="avatar-image" />;
  }
  return (
    <span aria-hidden="true" className={cn(box, "bg-indigo-100 font-semibold text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200")} style={{ width: size, height: size, fontSize: size * 0.38 }}>
      {initials(name)}
    </span>
  );
}
