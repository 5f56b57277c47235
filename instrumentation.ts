/** Runs once when a Next server starts. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ expirePagesCachedBefore }, { exposeToServer }] = await Promise.all([import("@/lib/page-cache"), import("@/lib/retired-post-urls")]);
  exposeToServer();
  await expirePagesCachedBefore(Date.now());
}
