/**
 * Runs once when the server starts: validates the environment (server/env.ts throws with a clear
 * message naming what is wrong) and brings the database schema up to date.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  await import("@/server/env");
  const { getDb, migrateDatabase } = await import("@/db/client");
  migrateDatabase(getDb());
}
