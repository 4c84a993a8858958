import { inflateRawSync } from 'node:zlib';
import { ingestLimits, megabytes } from './ingest-limits.js';
import { IngestError } from './parsed-document.js';

const endOfDirectory = 0x06054b50;
const directoryEntry = 0x02014b50;
const localHeader = 0x04034b50;

/**
 * Reads the files of a ZIP archive (stored or deflated entries), by name. Every entry is inflated
 * no further than the size it declares and the archive no further than the unzipped-size limit, so a
 * ZIP bomb is refused before anything else opens the archive.
 */
export function readZip(bytes: Uint8Array): Map<string, Buffer> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfDirectory(buffer);
  const count = buffer.readUInt16LE(end + 10);
  if (count > ingestLimits.zipEntries) {
    throw new IngestError(
      `the ZIP archive has ${count} entries; at most ${ingestLimits.zipEntries} are read`,
    );
  }
  let offset = buffer.readUInt32LE(end + 16);
  let budget: number = ingestLimits.unzippedBytes;
  const files = new Map<string, Buffer>();
  for (let entry = 0; entry < count; entry += 1) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== directoryEntry) {
      throw new IngestError('corrupt ZIP central directory');
    }
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const size = buffer.readUInt32LE(offset + 24);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const headerOffset = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;
    if (headerOffset + 30 > buffer.length || buffer.readUInt32LE(headerOffset) !== localHeader) {
      throw new IngestError(`corrupt ZIP entry ${name}`);
    }
    if (size > budget) {
      throw new IngestError(`the ZIP archive unpacks to more than ${megabytes(ingestLimits.unzippedBytes)}`);
    }
    budget -= size;
    const dataStart =
      headerOffset + 30 + buffer.readUInt16LE(headerOffset + 26) + buffer.readUInt16LE(headerOffset + 28);
    const data = buffer.subarray(dataStart, dataStart + compressedSize);
    if (method === 0) files.set(name, data);
    else if (method === 8) files.set(name, inflate(data, size, name));
  }
  return files;
}

function inflate(data: Buffer, size: number, name: string): Buffer {
  try {
    // One byte more than declared, so an entry that lies about its size is caught, not trusted.
    const inflated = inflateRawSync(data, { maxOutputLength: size + 1 });
    if (inflated.length !== size) throw new Error('size mismatch');
    return inflated;
  } catch (error) {
    throw new IngestError(`corrupt compressed ZIP entry ${name}`, { cause: error });
  }
}

function findEndOfDirectory(buffer: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end of the file.
  const lowest = Math.max(0, buffer.length - 22 - 0xffff);
  for (let offset = buffer.length - 22; offset >= lowest; offset -= 1) {
    if (buffer.readUInt32LE(offset) === endOfDirectory) return offset;
  }
  throw new IngestError('not a ZIP archive (no end-of-directory record)');
}
