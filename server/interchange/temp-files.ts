import "server-only";
import { randomBytes } from "node:crypto";
import { closeSync, fstatSync, openSync, readSync, writeSync } from "node:fs";
import { boundTo, keyRingFrom, open, openBytes, seal, sealBytes, type KeyRing } from "@/server/crypto/vault";

/**
 * The temporary files of an import, never in clear (decision 0014). Both are sealed with the
 * vault's AES-256-GCM under a key made for the one import and held only in the importing process's
 * memory: a file left behind by a crash cannot be read by anyone, the server included.
 *
 * - The upload (web only): the request body as it arrives, in frames of UPLOAD_FRAME bytes each
 *   sealed on its own (iv, ciphertext and tag), bound to the import and to its position, so that the
 *   parser can read any range of it (the zip of an XLSX is read from its end).
 * - The spool: the rows the parser produced and the validation checked, in sealed frames of JSON,
 *   each bound to the import and to its place; the commit reads them back, so that what is written
 *   is exactly what was checked and the file is parsed once.
 */

export type TempKey = { id: string; ring: KeyRing };

/** A fresh key for one import's temporary files. */
export function temporaryKey(): TempKey {
  return { id: randomBytes(12).toString("base64url"), ring: keyRingFrom(new Map([["import", randomBytes(32)]])) };
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const OVERHEAD = IV_BYTES + TAG_BYTES;
export const UPLOAD_FRAME = 256 * 1024;

/** Bytes of a file, by range. */
export type ByteSource = { readonly size: number; read(start: number, end: number): Buffer; close(): void };

export class TempFileDamaged extends Error {
  constructor() {
    super("an import's temporary file is damaged");
    this.name = "TempFileDamaged";
  }
}

function readFully(fd: number, length: number, position: number): Buffer {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done === length ? buffer : buffer.subarray(0, done);
}

/** A file in clear (the command line's own file). */
export function plainFileSource(file: string): ByteSource {
  const fd = openSync(file, "r");
  const size = fstatSync(fd).size;
  return {
    size,
    read: (start, end) => readFully(fd, Math.max(0, Math.min(end, size) - start), start),
    close: () => closeSync(fd),
  };
}

/** A temporary file of ours: created exclusively, readable by the server's user only. */
abstract class PrivateFile {
  protected readonly fd: number;

  constructor(
    protected readonly file: string,
    protected readonly key: TempKey,
  ) {
    this.fd = openSync(file, "wx", 0o600);
  }

  /** Closes the file without finishing it (the caller removes the folder). */
  abort(): void {
    try {
      closeSync(this.fd);
    } catch {
      // Already closed.
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The sealed upload
// ---------------------------------------------------------------------------------------------

export type SealedUpload = { file: string; size: number };

const uploadAad = (key: TempKey, frame: number) => boundTo("import-upload", key.id, String(frame));

/** Writes an upload as it arrives, sealing every UPLOAD_FRAME bytes. */
export class SealedUploadWriter extends PrivateFile {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private frame = 0;
  private size = 0;

  write(chunk: Uint8Array): void {
    this.size += chunk.byteLength;
    let data = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    while (this.pendingBytes + data.length >= UPLOAD_FRAME) {
      const take = UPLOAD_FRAME - this.pendingBytes;
      this.writeFrame(this.pending.length === 0 ? data.subarray(0, take) : Buffer.concat([...this.pending, data.subarray(0, take)]));
      this.pending = [];
      this.pendingBytes = 0;
      data = data.subarray(take);
    }
    if (data.length > 0) {
      // Copied: the caller may reuse its buffer.
      this.pending.push(Buffer.from(data));
      this.pendingBytes += data.length;
    }
  }

  private writeFrame(plain: Buffer): void {
    const sealed = sealBytes(this.key.ring, plain, uploadAad(this.key, this.frame++));
    writeSync(this.fd, sealed.iv);
    writeSync(this.fd, sealed.ciphertext);
  }

  /** Seals the last frame and closes the file. */
  close(): SealedUpload {
    if (this.pendingBytes > 0) this.writeFrame(Buffer.concat(this.pending));
    this.pending = [];
    closeSync(this.fd);
    return { file: this.file, size: this.size };
  }

}

/** The upload's bytes by range, opening the frames they fall in (the last one opened is kept). */
export function sealedUploadSource(upload: SealedUpload, key: TempKey): ByteSource {
  const fd = openSync(upload.file, "r");
  let cached: { frame: number; plain: Buffer } | null = null;
  const frameAt = (frame: number): Buffer => {
    if (cached?.frame === frame) return cached.plain;
    const length = Math.min(UPLOAD_FRAME, upload.size - frame * UPLOAD_FRAME);
    const raw = readFully(fd, length + OVERHEAD, frame * (UPLOAD_FRAME + OVERHEAD));
    if (raw.length !== length + OVERHEAD) throw new TempFileDamaged();
    let plain: Buffer;
    try {
      plain = openBytes(key.ring, { keyId: "import", iv: raw.subarray(0, IV_BYTES), ciphertext: raw.subarray(IV_BYTES) }, uploadAad(key, frame));
    } catch {
      throw new TempFileDamaged();
    }
    cached = { frame, plain };
    return plain;
  };
  return {
    size: upload.size,
    read(start, end) {
      end = Math.min(end, upload.size);
      if (start >= end) return Buffer.alloc(0);
      const parts: Buffer[] = [];
      for (let frame = Math.floor(start / UPLOAD_FRAME); frame * UPLOAD_FRAME < end; frame++) {
        const base = frame * UPLOAD_FRAME;
        parts.push(frameAt(frame).subarray(Math.max(0, start - base), Math.min(UPLOAD_FRAME, end - base)));
      }
      return parts.length === 1 ? Buffer.from(parts[0]!) : Buffer.concat(parts);
    },
    close: () => closeSync(fd),
  };
}

// ---------------------------------------------------------------------------------------------
// The spool of checked rows
// ---------------------------------------------------------------------------------------------

/** One row as read from the file: its number (1 = the column names) and its cells. */
export type SpoolRow = [row: number, cells: string[]];
export type Spool = { file: string; frames: number; rows: number };

/** A frame holds about this many characters of JSON (a single larger row is one frame). */
const SPOOL_FRAME_CHARS = 1 << 20;
/** No frame of ours is larger (a larger length means the file is damaged). */
const MAX_SPOOL_FRAME = 64 << 20;
const spoolAad = (key: TempKey, frame: number) => boundTo("import-spool", key.id, String(frame));

export class SpoolWriter extends PrivateFile {
  private pending: SpoolRow[] = [];
  private pendingChars = 0;
  private frames = 0;
  private rows = 0;

  append(row: SpoolRow): void {
    this.pending.push(row);
    this.rows += 1;
    for (const c of row[1]) this.pendingChars += c.length + 3;
    if (this.pendingChars >= SPOOL_FRAME_CHARS) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const sealed = seal(this.key.ring, JSON.stringify(this.pending), spoolAad(this.key, this.frames++));
    const length = Buffer.alloc(4);
    length.writeUInt32BE(sealed.iv.length + sealed.ciphertext.length);
    writeSync(this.fd, length);
    writeSync(this.fd, sealed.iv);
    writeSync(this.fd, sealed.ciphertext);
    this.pending = [];
    this.pendingChars = 0;
  }

  close(): Spool {
    this.flush();
    closeSync(this.fd);
    return { file: this.file, frames: this.frames, rows: this.rows };
  }

}

/** The rows of a spool, in order; TempFileDamaged when a frame is missing, moved or altered. */
export function* readSpool(spool: Spool, key: TempKey): Generator<SpoolRow> {
  const fd = openSync(spool.file, "r");
  try {
    let position = 0;
    for (let frame = 0; frame < spool.frames; frame++) {
      const head = readFully(fd, 4, position);
      const length = head.length === 4 ? head.readUInt32BE(0) : 0;
      if (length <= OVERHEAD || length > MAX_SPOOL_FRAME) throw new TempFileDamaged();
      const raw = readFully(fd, length, position + 4);
      if (raw.length !== length) throw new TempFileDamaged();
      position += 4 + length;
      let rows: SpoolRow[];
      try {
        rows = JSON.parse(open(key.ring, { keyId: "import", iv: raw.subarray(0, IV_BYTES), ciphertext: raw.subarray(IV_BYTES) }, spoolAad(key, frame))) as SpoolRow[];
      } catch {
        throw new TempFileDamaged();
      }
      yield* rows;
    }
  } finally {
    closeSync(fd);
  }
}
