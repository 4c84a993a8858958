import { inflateRawSync } from 'node:zlib';
import { IngestError } from '../../../src/knowledge/ingest/parsed-document.js';

const endOfDirectory = 0x06054b50;
const directoryEntry = 0x02014b50;
const localHeader = 0x04034b50;

/** Reads the files of a ZIP archive (stored or deflated entries), by name. */
export function readZip(bytes: Uint8Array): Map<string, Buffer> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfDirectory(buffer);
  const count = buffer.readUInt16LE(end + 10);
  let offset = buffer.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let entry = 0; entry < count; entry += 1) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== directoryEntry) {
      throw new IngestError('corrupt ZIP central directory');
    }
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const headerOffset = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;
    if (headerOffset + 30 > buffer.length || buffer.readUInt32LE(headerOffset) !== localHeader) {
      throw new IngestError(`corrupt ZIP entry ${name}`);
    }
    const dataStart =
      headerOffset + 30 + buffer.readUInt16LE(headerOffset + 26) + buffer.readUInt16LE(headerOffset + 28);
    const data = buffer.subarray(dataStart, dataStart + compressedSize);
    if (method === 0) files.set(name, data);
    else if (method === 8) {
      try {
        files.set(name, inflateRawSync(data));
      } catch {
        throw new IngestError(`corrupt compressed ZIP entry ${name}`);
      }
    }
  }
  return files;
}

function findEndOfDirectory(buffer: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end of the file.
  const lowest = Math.max(0, buffer.length - 22 - 0xffff);
  for (let offset = buffer.length - 22; offset >= lowest; offset -= 1) {
    if (buffer.readUInt32LE(offset) === endOfDirectory) return offset;
  }
  throw new IngestError('not a ZIP archive (no end-of-directory record)');
}
