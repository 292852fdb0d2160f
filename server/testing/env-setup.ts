import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";

/**
 * Vitest setup file: gives every test process a complete, valid environment before any test file
 * imports server/env.ts (which validates process.env once, at import). Keys are random per process,
 * so no test depends on, or could leak, a real key. Values already set (e.g. by CI) are kept.
 *
 * DATABASE_URL points at an in-memory database so that nothing a test does can reach ./data/:
 * tests build their own database with createTestDb() (server/testing/test-db.ts).
 */

export function testKey(): string {
  return randomBytes(32).toString("base64");
}

export function applyTestEnv(target: NodeJS.ProcessEnv = process.env): void {
  target.NEXTAUTH_SECRET ??= randomBytes(32).toString("base64url");
  target.PASSAGE_VAULT_KEYS ??= `test1:${testKey()}`;
  target.PASSAGE_BLIND_INDEX_KEY ??= testKey();
  // Always in-memory: a DATABASE_URL exported in a developer's shell must never be touched by tests.
  target.DATABASE_URL = ":memory:";
  // Import jobs' temporary files: a folder of this test process, so that tests can see what is left.
  target.PASSAGE_IMPORT_DIR = path.join(os.tmpdir(), `passage-imports-test-${process.pid}`);
}

applyTestEnv();
