import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { env } from "@/server/env";
import { createJobFolder, FOLDER_TTL_MS, importRoot, removeJobFolder, startImportSweeps, UnsafeImportRoot } from "./job-folders";

/** Issue 11, item 8: import folders are private, and what a crash leaves is swept at start-up and on schedule. */

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A folder in the import root as another process would have left it, `ageMs` old. */
function leftOver(name: string, ageMs = 0): string {
  const full = path.join(importRoot(), name);
  mkdirSync(full, { mode: 0o700 });
  const when = new Date(Date.now() - ageMs);
  utimesSync(full, when, when);
  made.push(full);
  return full;
}

describe("the sweep", () => {
  it("at start-up removes the folders of processes that are gone and those untouched for an hour", () => {
    // A pid above Linux's largest possible one: certainly not a running process.
    const crashed = leftOver("job-4194999-crash1");
    const stale = leftOver(`job-${process.ppid}-stale1`, FOLDER_TTL_MS + 60_000);
    const staleOldStyle = leftOver("job-oldsty", FOLDER_TTL_MS + 60_000);
    const live = leftOver(`job-${process.ppid}-alive1`, 60_000);
    const recentOldStyle = leftOver("job-recent", 60_000);
    const ours = createJobFolder();
    made.push(ours);
    utimesSync(ours, new Date(0), new Date(0));

    startImportSweeps();

    const left = readdirSync(importRoot()).map((n) => path.join(importRoot(), n));
    for (const gone of [crashed, stale, staleOldStyle]) expect(left).not.toContain(gone);
    // Another live process's recent folder, and this process's live import, stay.
    for (const kept of [live, recentOldStyle, ours]) expect(left).toContain(kept);
    removeJobFolder(ours);
    expect(readdirSync(importRoot()).map((n) => path.join(importRoot(), n))).not.toContain(ours);
  });
});

describe("the folders", () => {
  it("are closed to everyone but the server's user: the root and each job's folder 0700", () => {
    // Opened up by someone: tightened again before use.
    chmodSync(importRoot(), 0o755);
    const dir = createJobFolder();
    made.push(dir);
    expect(statSync(importRoot()).mode & 0o777).toBe(0o700);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(path.basename(dir)).toMatch(new RegExp(`^job-${process.pid}-`));
  });

  it("refuse an import root that is a link to somewhere else", () => {
    const target = mkdtempSync(path.join(os.tmpdir(), "passage-link-target-"));
    const link = `${target}-link`;
    symlinkSync(target, link);
    made.push(target, link);
    const configured = env.PASSAGE_IMPORT_DIR;
    env.PASSAGE_IMPORT_DIR = link;
    try {
      expect(() => importRoot()).toThrow(UnsafeImportRoot);
    } finally {
      env.PASSAGE_IMPORT_DIR = configured;
    }
  });
});
