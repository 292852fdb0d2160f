import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSpool, SealedUploadWriter, sealedUploadSource, SpoolWriter, TempFileDamaged, temporaryKey, UPLOAD_FRAME, type SpoolRow } from "./temp-files";

/** The sealed temporary files of an import: exact round trips, any range, nothing in clear, tampering refused. */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "passage-temp-files-test-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MARKER = "Zzsyntheticmarkerfamily";

describe("the sealed upload", () => {
  it("gives back any range of what was written in chunks of any size, and holds nothing in clear", () => {
    const key = temporaryKey();
    const data = Buffer.concat([randomBytes(UPLOAD_FRAME * 3 + 1234), Buffer.from(MARKER.repeat(1000)), randomBytes(777)]);
    const file = path.join(dir, "upload.sealed");
    const writer = new SealedUploadWriter(file, key);
    for (let at = 0, step = 1; at < data.length; step = (step * 7 + 13) % 300_000) {
      writer.write(data.subarray(at, at + step + 1));
      at += step + 1;
    }
    const upload = writer.close();
    expect(upload.size).toBe(data.length);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file).includes(MARKER)).toBe(false);

    const source = sealedUploadSource(upload, key);
    for (const [start, end] of [
      [0, 10],
      [UPLOAD_FRAME - 5, UPLOAD_FRAME + 5],
      [0, data.length],
      [data.length - 30, data.length + 100],
      [UPLOAD_FRAME * 2, UPLOAD_FRAME * 3 + 1],
    ] as const) {
      expect(source.read(start, end).equals(data.subarray(start, end)), `${start}-${end}`).toBe(true);
    }
    source.close();
  });

  it("refuses a frame that was altered, or read with another import's key", () => {
    const key = temporaryKey();
    const file = path.join(dir, "tampered.sealed");
    const writer = new SealedUploadWriter(file, key);
    writer.write(randomBytes(1000));
    const upload = writer.close();
    const bytes = readFileSync(file);
    bytes[40]! ^= 1;
    writeFileSync(file, bytes);
    expect(() => sealedUploadSource(upload, key).read(0, 10)).toThrow(TempFileDamaged);
    expect(() => sealedUploadSource(upload, temporaryKey()).read(0, 10)).toThrow(TempFileDamaged);
  });
});

describe("the spool", () => {
  it("gives back the rows in order, frames of any size, nothing in clear", () => {
    const key = temporaryKey();
    const rows: SpoolRow[] = Array.from({ length: 5_000 }, (_, i) => [i + 1, [`C-${i}`, MARKER, "x".repeat(i % 500)]]);
    rows.push([5_001, ["y".repeat(3 << 20)]]);
    const file = path.join(dir, "rows.spool");
    const writer = new SpoolWriter(file, key);
    for (const r of rows) writer.append(r);
    const spool = writer.close();
    expect(spool.frames).toBeGreaterThan(1);
    expect(readFileSync(file).includes(MARKER)).toBe(false);
    expect([...readSpool(spool, key)]).toEqual(rows);
  });

  it("refuses frames swapped or cut off", () => {
    const key = temporaryKey();
    const file = path.join(dir, "short.spool");
    const writer = new SpoolWriter(file, key);
    for (let i = 0; i < 3_000; i++) writer.append([i, ["z".repeat(1000)]]);
    const spool = writer.close();
    expect(() => [...readSpool({ ...spool, frames: spool.frames + 1 }, key)]).toThrow(TempFileDamaged);
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 10));
    expect(() => [...readSpool(spool, key)]).toThrow(TempFileDamaged);
  });
});
