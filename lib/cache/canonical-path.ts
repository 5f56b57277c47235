/** Characters RFC 3986 calls unreserved: percent-encoding them changes nothing, so `%41` is `A`. */
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;
const ESCAPE = /%([0-9A-Fa-f]{2})/g;

/**
 * The normal form of a URL path (RFC 3986, 6.2.2): escapes of unreserved characters decoded, other
 * escapes in upper case, and dot-segments removed. Null for what is not a path (no leading slash, a
 * `%` that starts no escape). Paths that differ only in these ways name the same resource.
 */
export function canonicalPath(path: string): string | null {
  if (path[0] !== "/") return null;
  let normal = path;
  if (path.includes("%")) {
    normal = path.replace(ESCAPE, (escape, hex: string) => {
      const character = String.fromCharCode(Number.parseInt(hex, 16));
      return UNRESERVED.test(character) ? character : `%${hex.toUpperCase()}`;
    });
    if (/%(?![0-9A-F]{2})/.test(normal)) return null;
  }
  return normal.includes("/.") ? removeDotSegments(normal) : normal;
}

/** Whether `path` is already in its normal form: only such paths are kept by the page replay. */
export function isCanonicalPath(path: string): boolean {
  // The common case, a plain path, needs no work.
  if (!path.includes("%") && !path.includes("/.")) return path[0] === "/";
  return canonicalPath(path) === path;
}

/** RFC 3986, 5.2.4, for an absolute path. */
function removeDotSegments(path: string): string {
  const segments = path.split("/");
  const output: string[] = [];
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i]!;
    const last = i === segments.length - 1;
    if (segment === "." || segment === "..") {
      if (segment === "..") output.pop();
      if (last) output.push("");
      continue;
    }
    output.push(segment);
  }
  return `/${output.join("/")}`;
}
