import { connection } from "next/server";
import { checkReadiness } from "@/lib/health";

/** Readiness: 200 when the database answers and has every migration of this build, else 503. */
export async function GET(): Promise<Response> {
  await connection();
  const readiness = await checkReadiness();
  return Response.json(readiness, { status: readiness.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
