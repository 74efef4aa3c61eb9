// Just enough of the zip format to check that bytes are a real .xlsx: the central directory, stored and deflated
// entries (no zip64, no encryption), and the sheet names in xl/workbook.xml.
import { inflateRawSync } from "node:zlib";

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

/** Every entry of a zip archive by name; throws when the bytes are not a zip this reader understands. */
export function readZip(bytes: Buffer): Map<string, Buffer> {
  let end = -1;
  // The end record is 22 bytes plus a comment of up to 65535 bytes.
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error("not a zip archive: no end of central directory record");
  const count = bytes.readUInt16LE(end + 10);
  let offset = bytes.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (bytes.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY) throw new Error(`bad central directory entry ${n}`);
    const method = bytes.readUInt16LE(offset + 10);
    const compressedSize = bytes.readUInt32LE(offset + 20);
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    const local = bytes.readUInt32LE(offset + 42);
    const name = bytes.toString("utf8", offset + 46, offset + 46 + nameLength);
    if (bytes.readUInt32LE(local) !== LOCAL_FILE_HEADER) throw new Error(`bad local header for ${name}`);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const raw = bytes.subarray(start, start + compressedSize);
    if (method === 0) entries.set(name, raw);
    else if (method === 8) entries.set(name, inflateRawSync(raw));
    else throw new Error(`${name}: unsupported compression method ${method}`);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_, name: string) =>
    ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[name] ?? "",
  );
}

/** The sheet names of an .xlsx, in workbook order; throws when a part every workbook has is missing. */
export function xlsxSheetNames(bytes: Buffer): string[] {
  const entries = readZip(bytes);
  for (const part of ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml"]) {
    if (!entries.has(part)) throw new Error(`not an xlsx: ${part} is missing`);
  }
  const contentTypes = entries.get("[Content_Types].xml")!.toString("utf8");
  if (!contentTypes.includes("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")) {
    throw new Error("not an xlsx: no spreadsheetml workbook content type");
  }
  const workbook = entries.get("xl/workbook.xml")!.toString("utf8");
  return [...workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => unescapeXml(m[1]!));
}
