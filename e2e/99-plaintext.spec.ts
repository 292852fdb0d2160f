/**
 * Runs last (file order): none of the identity values typed in this run's end-to-end tests may occur
 * as plain text in the database: neither in the main file nor in its write-ahead log, where recent
 * writes live until a checkpoint. Each value is searched in UTF-8 and UTF-16LE (SQLite's two text
 * encodings), as typed and in lower and upper case (a normalised copy, e.g. for a blind index, would
 * be a leak too).
 *
 * Control: the codes of the cases registered in this run, which ARE stored in clear, must be found:
 * the scan reads the live database of this run, including its latest writes.
 */
import { existsSync, readFileSync } from "node:fs";
import {
  expect,
  readE2eEnv,
  registeredCasesThisRun,
  test,
  typedIdentitiesThisRun,
  type SyntheticIdentity,
} from "./fixtures";

function variants(value: string): string[] {
  return [...new Set([value, value.toLowerCase(), value.toUpperCase()])];
}

function occurs(haystack: Buffer, value: string): boolean {
  return haystack.includes(Buffer.from(value, "utf8")) || haystack.includes(Buffer.from(value, "utf16le"));
}

test("identity values typed in the tests are not stored in clear in the database file", () => {
  const identities = typedIdentitiesThisRun();
  expect(identities.length, "identity values recorded in this run: run the whole suite, not this file alone").toBeGreaterThan(0);

  const { databasePath } = readE2eEnv();
  // The WAL first: a checkpoint between the two reads copies pages into the main file, so reading
  // in this order cannot miss a page; the other order could.
  const wal = existsSync(`${databasePath}-wal`) ? readFileSync(`${databasePath}-wal`) : Buffer.alloc(0);
  const main = readFileSync(databasePath);
  const files = [
    { name: "e2e.db-wal", bytes: wal },
    { name: "e2e.db", bytes: main },
  ];

  // Control: the cases the tests registered are in these files (codes are stored in clear).
  const caseCodes = registeredCasesThisRun();
  expect(caseCodes.length, "cases registered in this run").toBeGreaterThan(0);
  const everything = Buffer.concat([wal, main]);
  const missing = caseCodes.filter((code) => !occurs(everything, code));
  expect(missing, "registered case codes not found: the scan does not read the live database").toEqual([]);

  const leaks: string[] = [];
  identities.forEach((identity, i) => {
    for (const field of Object.keys(identity) as (keyof SyntheticIdentity)[]) {
      for (const value of variants(identity[field])) {
        for (const file of files) {
          // Field names and file names only: the values themselves are never printed.
          if (occurs(file.bytes, value)) leaks.push(`identity #${i + 1} ${field} in ${file.name}`);
        }
      }
    }
  });
  expect(leaks).toEqual([]);
});
