/**
 * Runs once when the server starts: records each request's socket address where route code can
 * read it (server/auth/peer-address.ts: Next gives handlers no socket), validates the environment
 * (server/env.ts throws with a clear message naming what is wrong), brings the database schema up
 * to date and starts the sweep of import folders (server/interchange/job-folders.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installPeerAddressHook } = await import("@/server/auth/peer-address");
  installPeerAddressHook();
  await import("@/server/env");
  const { getDb, migrateDatabase } = await import("@/db/client");
  migrateDatabase(getDb());
  // Import folders left by a crash are removed now, and stale ones every few minutes.
  const { startImportSweeps } = await import("@/server/interchange/job-folders");
  startImportSweeps();
}
