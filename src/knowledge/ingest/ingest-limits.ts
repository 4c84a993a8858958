/**
 * How much one file may make a reader do. A file past a limit is refused with an IngestError naming
 * the limit, so a hostile or broken upload costs bounded memory and time.
 */
export const ingestLimits = {
  /** Bytes of one file (the HTTP upload limit is the same). */
  fileBytes: 64 * 1024 * 1024,
  /** Pages read from one PDF. */
  pdfPages: 5000,
  /** Bytes a ZIP archive (a .docx) may inflate to, all entries together. */
  unzippedBytes: 256 * 1024 * 1024,
  /** Entries in one ZIP archive. */
  zipEntries: 10_000,
  /** Characters of text one file may yield. */
  textCharacters: 32 * 1024 * 1024,
} as const;

/** Megabytes, for messages. */
export function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
