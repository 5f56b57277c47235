import { connection } from "next/server";

/** Liveness: the process answers requests. Touches nothing else, so a database outage never restarts it. */
export async function GET(): Promise<Response> {
  await connection();
  return new Response("ok\n", { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
