import { closeSync, openSync, writeSync } from "node:fs";
import { constants, crc32, createDeflateRaw } from "node:zlib";

/**
 * Hand-made XLSX files for the import's limits, written in the test by streaming a deflate of
 * generated text (nothing big is committed): a workbook whose one cell inflates to hundreds of
 * MiB, one with a huge sharedStrings.xml, one whose zip lies about an entry's size. Each entry
 * is produced piece by piece, so the test's own memory stays small.
 */

type Piece = string | Buffer;
export type ZipEntry = { name: string; pieces: () => Iterable<Piece>; declaredSize?: number };

/** `text` repeated until `bytes`, in pieces of about 1 MiB. */
export function* repeated(text: string, bytes: number): Generator<string> {
  const piece = text.repeat(Math.max(1, Math.floor((1 << 20) / text.length)));
  let left = bytes;
  while (left > 0) {
    const n = Math.min(left, piece.length);
    yield n === piece.length ? piece : piece.slice(0, n);
    left -= n;
  }
}

async function deflated(pieces: Iterable<Piece>): Promise<{ data: Buffer[]; crc: number; size: number }> {
  const deflate = createDeflateRaw({ level: constants.Z_BEST_COMPRESSION });
  const data: Buffer[] = [];
  deflate.on("data", (chunk: Buffer) => data.push(chunk));
  const ended = new Promise((resolve, reject) => {
    deflate.on("end", resolve);
    deflate.on("error", reject);
  });
  let crc = 0;
  let size = 0;
  let batch: Buffer[] = [];
  let batched = 0;
  const send = async () => {
    const bytes = Buffer.concat(batch);
    batch = [];
    batched = 0;
    crc = crc32(bytes, crc);
    size += bytes.length;
    if (!deflate.write(bytes)) await new Promise((resolve) => deflate.once("drain", resolve));
  };
  for (const piece of pieces) {
    const bytes = typeof piece === "string" ? Buffer.from(piece, "utf8") : piece;
    batch.push(bytes);
    batched += bytes.length;
    if (batched >= 1 << 20) await send();
  }
  await send();
  deflate.end();
  await ended;
  return { data, crc, size };
}

/** Writes a zip of deflated entries (sizes in the headers; `declaredSize` may lie). */
export async function writeZip(file: string, entries: ZipEntry[]): Promise<void> {
  const fd = openSync(file, "w", 0o600);
  let offset = 0;
  const put = (b: Buffer) => {
    writeSync(fd, b);
    offset += b.length;
  };
  const central: Buffer[] = [];
  try {
    for (const entry of entries) {
      const { data, crc, size } = await deflated(entry.pieces());
      const compressed = data.reduce((n, d) => n + d.length, 0);
      const declared = entry.declaredSize ?? size;
      const name = Buffer.from(entry.name, "utf8");
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(0x0800, 6); // UTF-8 names
      local.writeUInt16LE(8, 8); // deflate
      local.writeUInt32LE(crc >>> 0, 14);
      local.writeUInt32LE(compressed, 18);
      local.writeUInt32LE(declared, 22);
      local.writeUInt16LE(name.length, 26);
      const at = offset;
      put(local);
      put(name);
      for (const d of data) put(d);
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE(20, 4);
      header.writeUInt16LE(20, 6);
      header.writeUInt16LE(0x0800, 8);
      header.writeUInt16LE(8, 10);
      header.writeUInt32LE(crc >>> 0, 16);
      header.writeUInt32LE(compressed, 20);
      header.writeUInt32LE(declared, 24);
      header.writeUInt16LE(name.length, 28);
      header.writeUInt32LE(at, 42);
      central.push(header, name);
    }
    const start = offset;
    for (const c of central) put(c);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(offset - start, 12);
    end.writeUInt32LE(start, 16);
    put(end);
  } finally {
    closeSync(fd);
  }
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** The parts every workbook has, around a first sheet and optional shared strings. */
export function workbook(sheet: () => Iterable<Piece>, sharedStrings?: () => Iterable<Piece>, declared: { sheet?: number; sharedStrings?: number } = {}): ZipEntry[] {
  const one = (text: string) => () => [text];
  const entries: ZipEntry[] = [
    {
      name: "[Content_Types].xml",
      pieces: one(`${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`),
    },
    { name: "_rels/.rels", pieces: one(`${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
    { name: "xl/workbook.xml", pieces: one(`${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Cases" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
    {
      name: "xl/_rels/workbook.xml.rels",
      pieces: one(
        `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
          `${sharedStrings ? `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ""}</Relationships>`,
      ),
    },
  ];
  if (sharedStrings) entries.push({ name: "xl/sharedStrings.xml", pieces: sharedStrings, declaredSize: declared.sharedStrings });
  entries.push({ name: "xl/worksheets/sheet1.xml", pieces: sheet, declaredSize: declared.sheet });
  return entries;
}

/** A cell's text: a string, or pieces produced on demand (a huge cell). */
export type CellText = string | (() => Iterable<Piece>);

/** A worksheet of inline-string cells, row 1 first. */
export function* sheetXml(rows: Iterable<Iterable<CellText>>): Generator<Piece> {
  yield `${XML}<worksheet xmlns="${MAIN}"><sheetData>`;
  let n = 0;
  for (const cells of rows) {
    n += 1;
    yield `<row r="${n}">`;
    let c = 0;
    for (const cell of cells) {
      c += 1;
      yield `<c r="${columnName(c)}${n}" t="inlineStr"><is><t>`;
      if (typeof cell === "function") yield* cell();
      else yield cell;
      yield "</t></is></c>";
    }
    yield "</row>";
  }
  yield "</sheetData></worksheet>";
}

function columnName(n: number): string {
  let s = "";
  for (let v = n; v > 0; v = Math.floor((v - 1) / 26)) s = String.fromCharCode(65 + ((v - 1) % 26)) + s;
  return s;
}
