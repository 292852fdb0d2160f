import "server-only";
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import type { Db } from "@/db/client";
import { auditEventHash, auditHead } from "@/db/queries/audit";
import { env } from "@/server/env";
import { canonicalJson } from "./chain";

/**
 * The audit anchor (decision 0024): a keyed checkpoint of the head of the audit chain, kept in a
 * file apart from the database. The chain alone cannot show that its newest events were cut off
 * (the hash is unkeyed, so whoever can write the database file can delete the tail and nothing
 * breaks); the anchor names the newest event it saw (sequence number and hash) under an HMAC that
 * needs a key the database does not hold. `audit:verify` then fails when that event is gone or
 * differs.
 *
 * Moved after the commit of a write transaction that appended audit events (never before: an
 * anchor must not name an event a rollback removed), atomically (temporary file, fsync, rename), at
 * most once per `intervalMs` per process (an fsync costs more than the commit itself): within an
 * interval the newest head waits for a trailing write, and a process that exits writes it then.
 * It only ever moves forward, and never over an anchor the database no longer matches: that anchor
 * is the evidence.
 */

/** `intervalMs`: at most one anchor write per interval (default ANCHOR_INTERVAL_MS; 0: every commit). */
export type AnchorConfig = { file: string; key: Buffer; intervalMs?: number };

export const ANCHOR_INTERVAL_MS = 1_000;
export type Anchor = { seq: number; hash: string; at: number };

const FORMAT = "passage-audit-anchor-v1";

const overrides = new WeakMap<Database.Database, AnchorConfig | null>();

/** Anchors `db` with `config` (tests, and restore for the database it builds); null turns it off. */
export function setAuditAnchor(db: Db, config: AnchorConfig | null): void {
  overrides.set(db.$client, config);
}

/** The anchor key: PASSAGE_AUDIT_ANCHOR_KEY, or one derived from NEXTAUTH_SECRET (HKDF-SHA-256). */
export function anchorKey(): Buffer {
  if (env.PASSAGE_AUDIT_ANCHOR_KEY) return env.PASSAGE_AUDIT_ANCHOR_KEY;
  return Buffer.from(hkdfSync("sha256", env.NEXTAUTH_SECRET, "passage", "audit-anchor-v1", 32));
}

/** Where the anchor of the database file `databaseFile` lives, from the environment; null if off. */
export function anchorConfigForFile(databaseFile: string): AnchorConfig | null {
  const setting = env.PASSAGE_AUDIT_ANCHOR_FILE;
  if (setting === "off" || databaseFile === ":memory:") return null;
  return { file: path.resolve(setting ?? `${path.resolve(databaseFile)}.audit-anchor.json`), key: anchorKey() };
}

/**
 * The anchor of a connection: the one set for it, else the environment's for the process's
 * database (DATABASE_URL). Any other file (test databases, backup copies) has none.
 */
export function anchorConfigFor(db: Db): AnchorConfig | null {
  if (overrides.has(db.$client)) return overrides.get(db.$client) ?? null;
  // Worked out once per connection (it runs after every audited commit).
  if (!fromEnvironment.has(db.$client)) {
    const configured = !db.$client.memory && env.DATABASE_URL !== ":memory:" && path.resolve(db.$client.name) === path.resolve(env.DATABASE_URL);
    fromEnvironment.set(db.$client, configured ? anchorConfigForFile(env.DATABASE_URL) : null);
  }
  return fromEnvironment.get(db.$client) ?? null;
}

const fromEnvironment = new WeakMap<Database.Database, AnchorConfig | null>();

function mac(key: Buffer, a: Anchor): string {
  return createHmac("sha256", key).update(canonicalJson({ format: FORMAT, seq: a.seq, hash: a.hash, at: a.at }), "utf8").digest("hex");
}

export type ReadAnchor = { status: "missing" } | { status: "invalid" } | { status: "ok"; anchor: Anchor };

export function readAnchor(config: AnchorConfig): ReadAnchor {
  let text: string;
  try {
    text = readFileSync(config.file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { status: "missing" };
    return { status: "invalid" };
  }
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    const anchor = { seq: v.seq, hash: v.hash, at: v.at };
    if (v.format !== FORMAT || !Number.isSafeInteger(anchor.seq) || typeof anchor.hash !== "string" || !Number.isSafeInteger(anchor.at) || typeof v.mac !== "string") {
      return { status: "invalid" };
    }
    const expected = Buffer.from(mac(config.key, anchor as Anchor), "hex");
    const given = Buffer.from(v.mac, "hex");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: "invalid" };
    return { status: "ok", anchor: anchor as Anchor };
  } catch {
    return { status: "invalid" };
  }
}

/** Writes the anchor atomically: a private temporary file in the same folder, fsync, rename. */
export function writeAnchor(config: AnchorConfig, anchor: Anchor): void {
  const temp = path.join(path.dirname(config.file), `.${path.basename(config.file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const body = `${JSON.stringify({ format: FORMAT, seq: anchor.seq, hash: anchor.hash, at: anchor.at, mac: mac(config.key, anchor) })}\n`;
  const fd = openSync(temp, "wx", 0o600);
  try {
    writeSync(fd, body);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temp, config.file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

type Throttle = { last: number; pending?: { db: Db; config: AnchorConfig; head: Anchor }; timer?: NodeJS.Timeout };
const throttles = new Map<string, Throttle>();

/**
 * Moves the anchor forward to `head` (called after the commit that appended it): now, or at the end
 * of the current interval if an anchor was written less than `intervalMs` ago.
 */
export function advanceAnchor(db: Db, head: Anchor): void {
  const config = anchorConfigFor(db);
  if (!config) return;
  const interval = config.intervalMs ?? ANCHOR_INTERVAL_MS;
  let t = throttles.get(config.file);
  if (!t) throttles.set(config.file, (t = { last: 0 }));
  const now = Date.now();
  if (now - t.last >= interval) {
    clearTimeout(t.timer);
    t.timer = undefined;
    t.pending = undefined;
    t.last = now;
    moveAnchor(db, config, head);
    return;
  }
  t.pending = { db, config, head };
  if (!t.timer) {
    const file = config.file;
    t.timer = setTimeout(() => flushAnchor(file), t.last + interval - now);
    t.timer.unref();
  }
}

function flushAnchor(file: string): void {
  const t = throttles.get(file);
  if (!t) return;
  clearTimeout(t.timer);
  t.timer = undefined;
  const pending = t.pending;
  t.pending = undefined;
  if (!pending || !pending.db.$client.open) return;
  t.last = Date.now();
  try {
    moveAnchor(pending.db, pending.config, pending.head);
  } catch (error) {
    console.error(`audit anchor: could not be written (${error instanceof Error ? error.name : "unknown"})`);
  }
}

/** Writes every anchor still waiting for its interval (the CLI and tests; also when the process exits). */
export function flushAuditAnchors(): void {
  for (const file of throttles.keys()) flushAnchor(file);
}

// One exit handler per process, whatever the number of times this module is loaded (test files
// each load their own copy).
const shared = globalThis as { passageAnchorFlushers?: Set<() => void> };
if (!shared.passageAnchorFlushers) {
  const flushers = (shared.passageAnchorFlushers = new Set());
  process.once("exit", () => flushers.forEach((flush) => flush()));
}
shared.passageAnchorFlushers.add(flushAuditAnchors);

/**
 * Writes `head` as the anchor. Refuses, and says so on stderr, when the anchor on disk is
 * unreadable, ahead of the database or names an event the database no longer has: overwriting it
 * would erase the evidence of a cut.
 */
function moveAnchor(db: Db, config: AnchorConfig, head: Anchor): void {
  const current = readAnchor(config);
  if (current.status === "ok") {
    const a = current.anchor;
    if (a.seq >= head.seq) {
      if (a.seq > head.seq || a.hash !== head.hash) console.error("audit anchor: the anchor is ahead of the database or differs from it; not moved (run audit:verify)");
      return;
    }
    if (auditEventHash(db, a.seq) !== a.hash) {
      console.error("audit anchor: the anchored event is missing or changed in the database; not moved (run audit:verify)");
      return;
    }
  } else if (current.status === "invalid") {
    console.error("audit anchor: the anchor file is unreadable or its signature does not hold; not moved (run audit:verify)");
    return;
  }
  writeAnchor(config, head);
}

export type AnchorCheck =
  | { status: "off" }
  | { status: "ok"; seq: number }
  | { status: "missing" }
  | { status: "invalid" }
  /** The anchored event is no longer in the trail: the trail ends at `lastSeq`. */
  | { status: "cut"; anchoredSeq: number; lastSeq: number }
  /** The anchored event is there but is not the one anchored (the tail was replaced). */
  | { status: "mismatch"; anchoredSeq: number };

/** Compares the trail with its anchor (an empty trail needs none). */
export function checkAnchor(db: Db, config: AnchorConfig | null = anchorConfigFor(db)): AnchorCheck {
  if (!config) return { status: "off" };
  const read = readAnchor(config);
  const head = auditHead(db);
  if (read.status === "missing") return head ? { status: "missing" } : { status: "ok", seq: 0 };
  if (read.status === "invalid") return { status: "invalid" };
  const a = read.anchor;
  const hash = auditEventHash(db, a.seq);
  if (hash === undefined) return { status: "cut", anchoredSeq: a.seq, lastSeq: head?.seq ?? 0 };
  if (hash !== a.hash) return { status: "mismatch", anchoredSeq: a.seq };
  return { status: "ok", seq: a.seq };
}

/**
 * Anchors the trail's current head whatever the file says: for a new installation's first anchor
 * (`audit:anchor`) and for a database just restored from a backup. Returns the anchored head.
 */
export function resetAnchor(db: Db, config: AnchorConfig | null = anchorConfigFor(db)): Anchor | null {
  const head = auditHead(db);
  if (!config || !head) return null;
  writeAnchor(config, head);
  return head;
}
