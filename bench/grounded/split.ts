/** A stable split of question ids into a calibration half and a held-out half. */

/** FNV-1a over the id: the same id always lands in the same half, whatever the file order. */
export function isCalibration(id: string): boolean {
  let hash = 0x811c9dc5;
  for (let index = 0; index < id.length; index++) {
    hash ^= id.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 2 === 0;
}
