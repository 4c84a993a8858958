import type { PromptVersionRecord } from '../../store/prompts-repository.js';

/** One line of a diff: kept (` `), removed (`-`) or added (`+`). */
export interface DiffLine {
  op: ' ' | '-' | '+';
  text: string;
}

/** A line diff between two prompt versions: their messages (`role: content`) and then their settings. */
export function diffPromptVersions(from: PromptVersionRecord, to: PromptVersionRecord): DiffLine[] {
  return diffLines(promptLines(from), promptLines(to));
}

/** The longest-common-subsequence line diff of two texts split into lines. */
export function diffLines(before: readonly string[], after: readonly string[]): DiffLine[] {
  const table = Array.from({ length: before.length + 1 }, () => new Array<number>(after.length + 1).fill(0));
  for (let i = before.length - 1; i >= 0; i--) {
    for (let j = after.length - 1; j >= 0; j--) {
      const row = table[i] as number[];
      row[j] =
        before[i] === after[j]
          ? (table[i + 1]?.[j + 1] ?? 0) + 1
          : Math.max(table[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    if (i < before.length && j < after.length && before[i] === after[j]) {
      lines.push({ op: ' ', text: before[i++] ?? '' });
      j++;
    } else if (
      i < before.length &&
      (j >= after.length || (table[i + 1]?.[j] ?? 0) >= (table[i]?.[j + 1] ?? 0))
    ) {
      lines.push({ op: '-', text: before[i++] ?? '' });
    } else {
      lines.push({ op: '+', text: after[j++] ?? '' });
    }
  }
  return lines;
}

function promptLines(version: PromptVersionRecord): string[] {
  const messages = version.messages.flatMap((message) => `${message.role}: ${message.content}`.split('\n'));
  const settings =
    Object.keys(version.settings).length > 0 ? JSON.stringify(version.settings, null, 2).split('\n') : [];
  return settings.length > 0 ? [...messages, '--- settings', ...settings] : messages;
}
