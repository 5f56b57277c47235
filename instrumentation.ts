/** Runs once when a Next server starts. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { expirePagesCachedBefore } = await import("@/lib/page-cache");
  await expirePagesCachedBefore(Date.now());
}
