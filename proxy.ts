import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE_NAMES } from "@/lib/session-cookie";

// The editor of a post and its staff preview.
const EDITOR_PATH = /^\/admin\/posts\/([^/]+)(?:\/preview)?$/;

/**
 * The editor's status for the session's user; signed out or revoked, the page itself sends them to /login.
 * Next loads the proxy when the server starts, so sign-in's code (Auth.js, sessions, two-factor, the
 * database client) is imported with the first editor request instead: a server only readers use never
 * holds it.
 */
async function loadEditorGate() {
  const [{ auth }, { getLiveSessionUser }, { canOpenPostEditor }] = await Promise.all([import("@/lib/auth"), import("@/lib/auth/sessions"), import("@/lib/auth/editor-access")]);
  return auth(async (request) => {
    const postId = EDITOR_PATH.exec(request.nextUrl.pathname)?.[1];
    const session = request.auth;
    const actor = session?.sid && session.tv !== undefined ? await getLiveSessionUser(session.sid, session.tv) : null;
    if (!actor || !postId) return NextResponse.next();
    return (await canOpenPostEditor(actor, postId)) ? NextResponse.next() : NextResponse.next({ status: 404 });
  });
}

let editorGate: ReturnType<typeof loadEditorGate> | undefined;

/**
 * A convenience redirect only, on the cookie's presence: every admin page, action and route checks the
 * session and role itself. It never sends /login onwards, so a revoked session cannot loop.
 */
export default async function proxy(request: NextRequest) {
  // Server actions are POSTs; they answer "session ended" themselves instead of being redirected.
  if (request.method !== "GET" && request.method !== "HEAD") return NextResponse.next();
  if (SESSION_COOKIE_NAMES.some((name) => request.cookies.has(name))) {
    // The admin streams behind its loading.tsx, so the status (200) is sent before the page can call
    // notFound(): the editor URL of a missing post gets its 404 here; the page still renders the not-found text.
    // A post the user may not edit answers the same 404 (as Ghost does), so its existence is not revealed.
    if (EDITOR_PATH.test(request.nextUrl.pathname)) {
      // A failed import is tried again by the next editor request.
      editorGate ??= loadEditorGate().catch((error: unknown) => {
        editorGate = undefined;
        throw error;
      });
      return (await editorGate)(request, { params: Promise.resolve({}) });
    }
    return NextResponse.next();
  }
  const { pathname, search } = request.nextUrl;
  const url = new URL("/login", request.nextUrl);
  url.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(url);
}

// Reader pages stay out of the proxy: it costs about a millisecond of CPU per request. Old post URLs are
// answered by scripts/server.mjs instead (lib/retired-post-urls.ts).
export const config = { matcher: ["/admin/:path*"] };
