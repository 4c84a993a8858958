import { StrataError } from '../../core/errors.js';

/** The typed arrays a snapshot section may hold. */
export type SectionArray = Int32Array | Float64Array | Float32Array | Uint8Array;

const constructors = { Int32Array, Float64Array, Float32Array, Uint8Array } as const;
type SectionType = keyof typeof constructors;

const magic = 0x494b5453; // "STKI" little-endian

/**
 * Packs a JSON header and named typed arrays into one byte buffer: magic, header length, the header
 * (which lists each section's type, offset and length), then the sections, each 8-byte aligned.
 */
export function encodeSections(header: object, sections: Record<string, SectionArray>): Uint8Array {
  const layout: Record<string, { type: SectionType; offset: number; length: number }> = {};
  let offset = 0;
  for (const [name, array] of Object.entries(sections)) {
    layout[name] = { type: array.constructor.name as SectionType, offset, length: array.length };
    offset += Math.ceil(array.byteLength / 8) * 8;
  }
  const json = new TextEncoder().encode(JSON.stringify({ ...header, sections: layout }));
  const start = Math.ceil((8 + json.length) / 8) * 8;
  const bytes = new Uint8Array(start + offset);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, magic, true);
  view.setUint32(4, json.length, true);
  bytes.set(json, 8);
  for (const [name, array] of Object.entries(sections)) {
    const place = layout[name];
    if (place !== undefined)
      bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), start + place.offset);
  }
  return bytes;
}

/** Unpacks `encodeSections` output; the arrays are copies, independent of `bytes`. */
export function decodeSections(bytes: Uint8Array): {
  header: Record<string, unknown>;
  sections: Map<string, SectionArray>;
} {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 8 || view.getUint32(0, true) !== magic)
    throw new StrataError('invalid_request', 'Not a knowledge index snapshot.');
  const length = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as Record<
    string,
    unknown
  >;
  const start = Math.ceil((8 + length) / 8) * 8;
  const layout = header.sections as Record<string, { type: SectionType; offset: number; length: number }>;
  const sections = new Map<string, SectionArray>();
  for (const [name, place] of Object.entries(layout)) {
    const Type = constructors[place.type];
    const byteLength = place.length * Type.BYTES_PER_ELEMENT;
    const copy = bytes.slice(start + place.offset, start + place.offset + byteLength);
    sections.set(name, new Type(copy.buffer, 0, place.length));
  }
  return { header, sections };
}
