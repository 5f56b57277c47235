// Isomorphic: the profile form checks the size before sending a file the server would refuse.

/** Stored avatars are this many pixels square: crisp on a 2× screen up to 128 CSS pixels wide. */
export const AVATAR_PIXELS = 256;

/** The largest photo accepted; it travels in a server action, whose body is limited to 4 MB. */
export const MAX_AVATAR_BYTES = 3 * 1024 * 1024;

/** The public path of an avatar's key (served by app/media/[key], like every stored image). */
export const avatarSrc = (key: string | null | undefined): string | null => (key ? `/media/${key}` : null);
