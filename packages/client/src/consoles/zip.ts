/**
 * A minimal ZIP reader for the export download: reads the central directory and inflates each entry
 * with `node:zlib`, so the client needs no ZIP dependency. Handles stored and deflated entries, which
 * is what Java's `ZipOutputStream` writes; no ZIP64, no encryption (HAC exports use neither).
 */
import { inflateRawSync } from 'node:zlib';
import { ShapeError } from './shape.js';

export interface ZipEntry {
  name: string;
  content: Buffer;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

export function readZip(zip: Buffer): ZipEntry[] {
  const end = findEndOfCentralDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index++) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== CENTRAL_FILE_HEADER) {
      throw new ShapeError(`the ZIP's central directory is damaged at entry ${index}`);
    }
    const flags = zip.readUInt16LE(offset + 8);
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    // Bit 11: the name is UTF-8; otherwise CP437, which is ASCII for the names HAC writes.
    const name = zip.subarray(offset + 46, offset + 46 + nameLength).toString(flags & 0x800 ? 'utf8' : 'latin1');
    offset += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    entries.push({ name, content: readEntry(zip, localOffset, method, compressedSize, name) });
  }
  return entries;
}

function readEntry(zip: Buffer, localOffset: number, method: number, compressedSize: number, name: string): Buffer {
  if (localOffset + 30 > zip.length || zip.readUInt32LE(localOffset) !== LOCAL_FILE_HEADER) {
    throw new ShapeError(`the ZIP entry ${name} has no local header`);
  }
  const start = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
  const data = zip.subarray(start, start + compressedSize);
  if (method === 0) return Buffer.from(data);
  if (method === 8) return inflateRawSync(data);
  throw new ShapeError(`the ZIP entry ${name} uses unsupported compression method ${method}`);
}

function findEndOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  for (let offset = zip.length - 22; offset >= Math.max(0, zip.length - 22 - 0xffff); offset--) {
    if (zip.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) return offset;
  }
  throw new ShapeError('the download is not a ZIP file');
}
