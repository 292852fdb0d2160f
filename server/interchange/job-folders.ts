import "server-only";
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { env } from "@/server/env";

/**
 * The private folders of import jobs (decision 0014). Each import (web job or command line) gets one
 * folder, `job-<pid>-XXXXXX` under the import root, 0700, its files 0600, everything in it sealed
 * with a key that lives only in the importing process's memory (temp-files.ts). A folder is
 * removed when its import ends, whatever the outcome, and by the sweep:
 *
 * - at start-up (instrumentation.ts, the command line's import) and every SWEEP_EVERY_MS after;
 * - a folder whose process is gone is removed at once (a crash, kill -9, a restart);
 * - any other folder untouched for FOLDER_TTL_MS (the job's lifetime: one hour) is removed.
 *   Live jobs touch their folder whenever they are used.
 */

/** A job, and so its folder, lives this long after it was last used (docs/SECURITY.md). */
export const FOLDER_TTL_MS = 60 * 60_000;
export const SWEEP_EVERY_MS = 5 * 60_000;

/** Folders of this process's live imports, and what else each sweep runs (the jobs' expiry). */
const globalFolders = globalThis as typeof globalThis & {
  __passageImportFolders?: Set<string>;
  __passageImportSweeps?: NodeJS.Timeout;
  __passageImportSweepHooks?: Map<string, (now: number) => void>;
};
const live: Set<string> = (globalFolders.__passageImportFolders ??= new Set());
const hooks: Map<string, (now: number) => void> = (globalFolders.__passageImportSweepHooks ??= new Map());

/** Runs `hook` at every sweep (jobs.ts expires its jobs, and so their folders, this way). */
export function onImportSweep(name: string, hook: (now: number) => void): void {
  hooks.set(name, hook);
}

export class UnsafeImportRoot extends Error {
  constructor() {
    super("the import folder is not a private folder of this user (see PASSAGE_IMPORT_DIR)");
    this.name = "UnsafeImportRoot";
  }
}

/**
 * The import root, created 0700 if missing. Refused when it is a symbolic link or belongs to
 * another user (a folder someone prepared in a shared temp directory); tightened to 0700 when it
 * is ours but open to others.
 */
export function importRoot(): string {
  const root = env.PASSAGE_IMPORT_DIR ?? path.join(os.tmpdir(), "passage-imports");
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const stat = lstatSync(root);
  if (!stat.isDirectory() || (typeof process.getuid === "function" && stat.uid !== process.getuid())) throw new UnsafeImportRoot();
  if ((stat.mode & 0o077) !== 0) chmodSync(root, 0o700);
  return root;
}

/** A new private folder for one import (0700), registered as live until removeJobFolder. */
export function createJobFolder(): string {
  const dir = mkdtempSync(path.join(importRoot(), `job-${process.pid}-`));
  chmodSync(dir, 0o700);
  live.add(dir);
  return dir;
}

/** Marks a job folder as in use (the sweep goes by its modification time). */
export function touchJobFolder(dir: string): void {
  try {
    const now = new Date();
    utimesSync(dir, now, now);
  } catch {
    // Already removed.
  }
}

/** Removes a job folder and everything in it. */
export function removeJobFolder(dir: string): void {
  live.delete(dir);
  rmSync(dir, { recursive: true, force: true });
}

function processGone(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Removes the folders of imports that ended without cleaning up: those of processes that are
 * gone, and any untouched for FOLDER_TTL_MS. Returns how many were removed.
 */
export function sweepImportFolders(now = Date.now()): number {
  for (const hook of hooks.values()) hook(now);
  let removed = 0;
  let root: string;
  try {
    root = importRoot();
  } catch (error) {
    console.error(`import folder sweep skipped: ${error instanceof Error ? error.name : "unknown"}`);
    return 0;
  }
  for (const name of readdirSync(root)) {
    const full = path.join(root, name);
    if (live.has(full)) continue;
    try {
      const pid = Number(/^job-(\d+)-/.exec(name)?.[1] ?? Number.NaN);
      const stale = now - statSync(full).mtimeMs > FOLDER_TTL_MS;
      if (stale || (Number.isInteger(pid) && processGone(pid))) {
        rmSync(full, { recursive: true, force: true });
        removed += 1;
      }
    } catch {
      // Removed by another process meanwhile.
    }
  }
  return removed;
}

/**
 * Sweeps now and, once per process, schedules a sweep every SWEEP_EVERY_MS and the removal of this
 * process's folders when it exits normally.
 */
export function startImportSweeps(): void {
  sweepImportFolders();
  if (globalFolders.__passageImportSweeps) return;
  globalFolders.__passageImportSweeps = setInterval(() => sweepImportFolders(), SWEEP_EVERY_MS);
  globalFolders.__passageImportSweeps.unref();
  process.once("exit", () => {
    for (const dir of live) rmSync(dir, { recursive: true, force: true });
  });
}
