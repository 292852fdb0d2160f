import { TRPCError } from "@trpc/server";
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { ciphertextColumns, SEALED_COLUMNS, sealedColumnName, sealedColumnQueries } from "@/db/queries/sealed-columns";
import { vaultKeys, setVaultKeys } from "@/server/crypto/keys";
import { boundTo, keyRingFrom, open, type KeyRing } from "@/server/crypto/vault";
import { sealEveryColumn, type SealedWorld } from "@/server/testing/sealed-fixtures";
import { callerFor } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";
import { countSealedByKey, describeVaultRotation, rotateVault } from "./rotate-vault";

/**
 * Issue 11, item 11: prepending a new vault key re-encrypted nothing, so the old key could never be
 * removed (removing it made identities unreadable, HTTP 500). vault:rotate re-seals every sealed
 * column; afterwards the old key goes and everything still reads.
 */

let db: Db;
let world: SealedWorld;
let oldRing: KeyRing;
const newKey = randomBytes(32);

beforeAll(async () => {
  db = createTestDb();
  oldRing = vaultKeys();
  world = await sealEveryColumn(db);
});

afterAll(() => {
  setVaultKeys(undefined);
  destroyTestDb(db);
});

afterEach(() => setVaultKeys(oldRing));

const oldKeyId = () => oldRing.activeKeyId;
const rotatedRing = () => keyRingFrom(new Map([["k-new", newKey], ...oldRing.keys]));
const onlyNewRing = () => keyRingFrom(new Map([["k-new", newKey]]));

/** Every registered sealed value opens under `ring` with the registry's binding. */
function openEverything(ring: KeyRing): number {
  let n = 0;
  for (const column of SEALED_COLUMNS) {
    for (const row of sealedColumnQueries(db, column).notUnder("none", 0, 10_000)) {
      open(ring, row, boundTo(column.aadTable, row.rowId, row.purpose));
      n += 1;
    }
  }
  return n;
}

describe("sealed column registry", () => {
  it("lists every ciphertext column of the schema, and only those", () => {
    expect(SEALED_COLUMNS.map(sealedColumnName).sort()).toEqual(ciphertextColumns(db));
  });

  it("the fixture wrote a value into every registered column", () => {
    const empty = SEALED_COLUMNS.filter((c) => sealedColumnQueries(db, c).countByKey().length === 0).map(sealedColumnName);
    expect(empty).toEqual([]);
  });
});

describe("vault:rotate", () => {
  it("a missing key is a clear KEY_UNAVAILABLE error through revealIdentity, not an internal error", async () => {
    setVaultKeys(onlyNewRing());
    const error = await callerFor(db, world.worker).cases.revealIdentity({ code: world.caseCode }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("PRECONDITION_FAILED");
    expect((error as TRPCError & { cause: { code: string } }).cause.code).toBe("KEY_UNAVAILABLE");
  });

  it("re-seals every value under the first key, after which the old key can be removed", async () => {
    const total = openEverything(oldRing);
    setVaultKeys(rotatedRing());
    const report = rotateVault(db, { ring: rotatedRing(), batchSize: 2 });
    expect(report).toMatchObject({ activeKeyId: "k-new", rotated: total, unreadable: 0, unusedOldKeys: [oldKeyId()] });
    expect(describeVaultRotation(report)).toContain(`key ${oldKeyId()}: no value uses it any more`);

    // The old key removed: everything still opens, through the registry and through the services.
    setVaultKeys(onlyNewRing());
    expect(openEverything(onlyNewRing())).toBe(total);
    const w = callerFor(db, world.worker);
    expect((await w.cases.revealIdentity({ code: world.caseCode })).familyName).toBe("Testfamily");
    expect((await w.cases.notes({ code: world.caseCode })).map((n) => n.body)).toContain("Synthetic note body");
    expect(await w.forms.revision({ caseCode: world.caseCode, formId: "screening", revision: 1 })).toBeTruthy();
    expect(JSON.stringify(await w.referrals.forCase({ code: world.caseCode }))).toContain("Synthetic referral message");
    expect(JSON.stringify(await w.reintegration.forCase({ code: world.caseCode }))).toContain("Synthetic visit notes");
  });

  it("is resumable: a second run finds nothing left and changes nothing", () => {
    const before = countSealedByKey(db, rotatedRing());
    const again = rotateVault(db, { ring: rotatedRing() });
    expect(again.rotated).toBe(0);
    expect(countSealedByKey(db, rotatedRing())).toEqual(before);
  });

  it("reports values whose key is not configured, and leaves them as they are", () => {
    // Rotating to a third key with only it configured: nothing can be opened.
    const lonely = keyRingFrom(new Map([["k-third", randomBytes(32)]]));
    const report = rotateVault(db, { ring: lonely });
    expect(report.rotated).toBe(0);
    expect(report.unreadable).toBeGreaterThan(0);
    expect(report.keys.find((k) => k.keyId === "k-new")).toMatchObject({ configured: false });
    expect(describeVaultRotation(report)).toContain("NOT configured");
    expect(openEverything(onlyNewRing())).toBeGreaterThan(0);
  });
});
