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
 * Written after the commit of every write transaction that appended audit events (never before:
 * an anchor must not name an event a rollback removed), atomically (temporary file, fsync,
 * rename). It only ever moves forward, and never over an anchor the database no longer matches:
 * that anchor is the evidence.
 */

export type AnchorConfig = { file: string; key: Buffer };
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
  if (db.$client.memory || env.DATABASE_URL === ":memory:") return null;
  if (path.resolve(db.$client.name) !== path.resolve(env.DATABASE_URL)) return null;
  return anchorConfigForFile(env.DATABASE_URL);
}

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

/**
 * Moves the anchor forward to `head` (called after the commit that appended it). Refuses, and says
 * so on stderr, when the anchor on disk is unreadable, ahead of the database or names an event the
 * database no longer has: overwriting it would erase the evidence of a cut.
 */
export function advanceAnchor(db: Db, head: Anchor): void {
  const config = anchorConfigFor(db);
  if (!config) return;
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
