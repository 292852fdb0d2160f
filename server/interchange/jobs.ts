import "server-only";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import type { Db } from "@/db/client";
import { AppError } from "@/lib/errors";
import type { Message } from "@/lib/interchange/format";
import { can } from "@/lib/permissions";
import type { SessionUser } from "@/server/auth/session-user";
import {
  commitImport,
  discardValidated,
  ImportCancelled,
  ImportChanged,
  validateImport,
  type ImportResult,
  type ValidatedImport,
  type ValidationReport,
} from "./import-cases";
import { createJobFolder, FOLDER_TTL_MS, onImportSweep, removeJobFolder, startImportSweeps, touchJobFolder } from "./job-folders";
import { ReaderFailed, type ParseLimits } from "./parse-in-worker";
import { megabytes } from "./read-table";
import { SealedUploadWriter, sealedUploadSource, temporaryKey } from "./temp-files";

/**
 * Web imports as jobs: the upload route handler streams the file, sealed as it arrives, into a
 * private folder of the job (job-folders.ts: 0700, files 0600) and starts the validation pass in
 * the background (the file is parsed in a worker thread, parse-in-worker.ts); the import page
 * polls the job (tRPC imports.status) for progress and the report, then commits it
 * (imports.commit) or discards it. A job belongs to the user who uploaded it: nobody else can see
 * it, even in the same office. Jobs live in the server process's memory (one process serves a
 * SQLite deployment) and expire an hour after they were last used. Their files are sealed with a
 * key of the job held here only (temp-files.ts, decision 0014), and deleted as soon as they are
 * not needed: the upload once it is checked, everything when the check finds a problem, fails or
 * is cancelled, after the commit, on discard and on expiry; the sweep removes what a crash left.
 * When jobs move to the database, the job key goes with them, sealed under the vault key.
 */

/** The largest file the web import takes (the command line has no limit). */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

/**
 * The most case rows one web import accepts. Its commit is one synchronous transaction (decision
 * 0010) during which this process answers nobody else: about 10 s for 100,000 rows on the project's
 * machine, nearly two minutes for a million (docs/PERFORMANCE.md). Larger files are for the
 * command line, or split.
 */
export const WEB_IMPORT_MAX_ROWS = 100_000;
const JOB_TTL_MS = FOLDER_TTL_MS;

export type JobPhase = "validating" | "validated" | "committing" | "done" | "failed";

type Job = {
  id: string;
  userId: number;
  touchedAt: number;
  dir: string;
  defaultOfficeCode: string | null;
  phase: JobPhase;
  progress: { done: number; total: number };
  cancelled: boolean;
  validated: ValidatedImport | null;
  result: ImportResult | null;
  failure: Message | null;
};

/** What the page sees of a job. */
export type JobView = {
  id: string;
  phase: JobPhase;
  progress: { done: number; total: number };
  report: ValidationReport | null;
  result: ImportResult | null;
  failure: Message | null;
};

// One registry per process, whichever bundle (route handler, tRPC route) imports this module.
const globalJobs = globalThis as typeof globalThis & { __passageImportJobs?: Map<string, Job> };
const jobs: Map<string, Job> = (globalJobs.__passageImportJobs ??= new Map());

function removeFiles(job: Job): void {
  if (job.validated) discardValidated(job.validated);
  removeJobFolder(job.dir);
}

/** Drops expired jobs with their files (the folders of ended processes are job-folders.ts's). */
function sweep(now = Date.now()): void {
  for (const job of jobs.values()) {
    if (now - job.touchedAt > JOB_TTL_MS && job.phase !== "validating" && job.phase !== "committing") {
      removeFiles(job);
      jobs.delete(job.id);
    }
  }
}
// The scheduled sweep (every few minutes) expires jobs too, even when nobody uses the import.
onImportSweep("jobs", sweep);

function view(job: Job): JobView {
  return {
    id: job.id,
    phase: job.phase,
    progress: { ...job.progress },
    report: job.validated?.report ?? null,
    result: job.result,
    failure: job.failure,
  };
}

/** The job, if it is this user's; NOT_FOUND otherwise (another user's job looks absent). */
function ownJob(user: SessionUser, jobId: string): Job {
  sweep();
  const job = jobs.get(jobId);
  if (!job || job.userId !== user.id) throw new AppError("NOT_FOUND");
  job.touchedAt = Date.now();
  touchJobFolder(job.dir);
  return job;
}

function assertMayImport(user: SessionUser): void {
  if (!can(user.role, "import:write:office")) throw new AppError("FORBIDDEN");
}

export class UploadTooLarge extends Error {
  readonly detail: Message = { key: "tooLarge", params: { max: megabytes(MAX_UPLOAD_BYTES) } };
  constructor() {
    super("upload too large");
    this.name = "UploadTooLarge";
  }
}

/**
 * Stores an uploaded file and starts its validation. A user has one job at a time: a new upload
 * discards the previous one. Returns the job id.
 */
export async function startImportJob(
  db: Db,
  user: SessionUser,
  body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: { defaultOfficeCode?: string | null; maxBytes?: number; maxRows?: number; limits?: ParseLimits } = {},
): Promise<string> {
  assertMayImport(user);
  sweep();
  startImportSweeps();
  for (const job of jobs.values()) {
    if (job.userId === user.id) discardJob(user, job.id);
  }
  const maxBytes = options.maxBytes ?? MAX_UPLOAD_BYTES;
  const dir = createJobFolder();
  const key = temporaryKey();
  const writer = new SealedUploadWriter(path.join(dir, "upload.sealed"), key);
  let size = 0;
  try {
    for await (const chunk of body) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new UploadTooLarge();
      writer.write(chunk);
    }
  } catch (error) {
    writer.abort();
    removeJobFolder(dir);
    throw error;
  }
  const upload = writer.close();

  const job: Job = {
    id: randomBytes(18).toString("base64url"),
    userId: user.id,
    touchedAt: Date.now(),
    dir,
    defaultOfficeCode: options.defaultOfficeCode?.trim() || null,
    phase: "validating",
    progress: { done: 0, total: size },
    cancelled: false,
    validated: null,
    result: null,
    failure: null,
  };
  jobs.set(job.id, job);
  const validation = async () => {
    const source = sealedUploadSource(upload, key);
    try {
      return await validateImport(db, source, {
        actor: { kind: "user", user },
        maxRows: options.maxRows ?? WEB_IMPORT_MAX_ROWS,
        limits: options.limits,
        defaultOfficeCode: job.defaultOfficeCode,
        workDir: dir,
        onProgress: (done, total) => {
          job.progress = { done, total };
        },
        cancelled: () => job.cancelled,
      });
    } finally {
      source.close();
      // Checked: the spool holds the rows, the upload is not needed any more.
      rmSync(upload.file, { force: true });
    }
  };
  void validation().then(
    (validated) => {
      if (job.cancelled) {
        discardValidated(validated);
        return;
      }
      job.validated = validated;
      job.progress = { done: job.progress.total, total: job.progress.total };
      job.phase = "validated";
      // A file with problems cannot be committed: only its report is kept.
      if (validated.report.errorCount > 0) removeFiles(job);
    },
    (error: unknown) => {
      removeJobFolder(dir);
      if (error instanceof ImportCancelled) return;
      // The class only: a message could quote the file.
      console.error(`import validation failed: ${error instanceof Error ? error.name : "unknown"}`);
      job.phase = "failed";
      job.failure = error instanceof ReaderFailed ? error.detail : { key: "failed" };
    },
  );
  return job.id;
}

/** The state of one of the user's jobs. */
export function importJobStatus(user: SessionUser, jobId: string): JobView {
  assertMayImport(user);
  return view(ownJob(user, jobId));
}

/**
 * Commits a validated job in one write transaction (synchronously: nothing else runs meanwhile)
 * and returns its final state. Refused unless the validation found no problem.
 */
export function commitImportJob(db: Db, user: SessionUser, jobId: string, ip: string | null = null): JobView {
  assertMayImport(user);
  const job = ownJob(user, jobId);
  if (job.phase !== "validated" || !job.validated || job.validated.report.errorCount > 0) throw new AppError("INVALID_STATE");
  job.phase = "committing";
  try {
    job.result = commitImport(db, job.validated, { actor: { kind: "user", user }, ip });
    job.phase = "done";
  } catch (error) {
    if (!(error instanceof ImportChanged)) {
      job.phase = "validated";
      throw error;
    }
    job.phase = "failed";
    job.failure = error.detail;
  }
  removeFiles(job);
  return view(job);
}

/** Stops (if still validating) and forgets one of the user's jobs, deleting its files. */
export function discardJob(user: SessionUser, jobId: string): void {
  const job = ownJob(user, jobId);
  if (job.phase === "committing") throw new AppError("INVALID_STATE");
  job.cancelled = true;
  removeFiles(job);
  jobs.delete(job.id);
}

/** Waits until a job has left the validating phase (tests and scripts). */
export async function settledImportJob(user: SessionUser, jobId: string, timeoutMs = 30_000): Promise<JobView> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = importJobStatus(user, jobId);
    if (v.phase !== "validating") return v;
    if (Date.now() > until) throw new Error("import job still validating");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
