import { NextResponse } from "next/server";
import { auth } from "@/lib/auth";

// A convenience redirect only: every admin page, action and route checks the session and role itself.
export default auth((request) => {
  const { pathname, search } = request.nextUrl;
  const signedIn = Boolean(request.auth?.user?.id);
  if (pathname.startsWith("/admin") && !signedIn) {
    const url = new URL("/login", request.nextUrl);
    url.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(url);
  }
  if (pathname === "/login" && signedIn) {
    return NextResponse.redirect(new URL("/admin", request.nextUrl));
  }
  return NextResponse.next();
});

export const config = { matcher: ["/admin/:path*", "/login"] };
