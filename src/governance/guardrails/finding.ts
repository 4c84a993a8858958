/** One thing a detector found: what it is, where it sits in the text, and how sure the detector is. */
export interface Finding {
  /** Presidio's entity name for PII (`EMAIL_ADDRESS`), a secret kind (`AWS_ACCESS_KEY`), or a rule kind. */
  entity: string;
  /** UTF-16 offsets into the scanned text, end exclusive. */
  start: number;
  end: number;
  /** 0..1; pattern-plus-checksum findings are 1. */
  score: number;
}

/** Scans text and returns what it found, in no particular order. */
export type Detector = (text: string) => Finding[];

/** Every match of a global pattern, as findings of one entity (optionally checked). */
export function matchAll(
  text: string,
  pattern: RegExp,
  entity: string,
  accept: (match: RegExpExecArray) => boolean = () => true,
  group = 0,
): Finding[] {
  const found: Finding[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (!accept(match)) continue;
    const part = match[group] ?? match[0];
    const start = match.index + (group === 0 ? 0 : match[0].indexOf(part));
    found.push({ entity, start, end: start + part.length, score: 1 });
  }
  return found;
}

/** The lower-cased words just before `start`, for context checks such as "order no." before digits. */
export function wordsBefore(text: string, start: number, chars = 24): string {
  return text.slice(Math.max(0, start - chars), start).toLowerCase();
}

/** Keeps the longest of overlapping findings, so one span is masked once under its most specific name. */
export function withoutOverlaps<F extends Finding>(findings: readonly F[]): F[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: F[] = [];
  for (const finding of sorted) {
    const last = kept[kept.length - 1];
    if (last && finding.start < last.end) {
      if (finding.end - finding.start > last.end - last.start) kept[kept.length - 1] = finding;
      continue;
    }
    kept.push(finding);
  }
  return kept;
}
