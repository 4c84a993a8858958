/** Renders the tokens bench report as plain-text tables. */
import type { TokensBenchReport } from './run.js';

function row(cells: ReadonlyArray<string | number>, widths: readonly number[]): string {
  return cells.map((cell, index) => String(cell).padStart(widths[index] ?? 0)).join('  ');
}

function fixed(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Formats the report as two tables: counting throughput and chat-request counting. */
export function formatTokensReport(report: TokensBenchReport): string {
  const { corpus } = report;
  const lines = [
    `corpus: ${corpus.documents} documents, ${fixed(corpus.bytes / 1_000_000, 2)} MB, prose from ${corpus.proseSource}`,
    '',
  ];
  const widths = [12, 9, 10, 14, 8, 7];
  lines.push(row(['tokenizer', 'load ms', 'tokens', 'tokens/s', 'MB/s', 'rounds'], widths));
  for (const result of report.tokenizers) {
    lines.push(
      row(
        [
          result.tokenizer,
          fixed(result.loadMs),
          fixed(result.tokens),
          fixed(result.tokensPerSecond),
          fixed(result.megabytesPerSecond, 2),
          result.rounds,
        ],
        widths,
      ),
    );
  }
  lines.push('', 'countChatTokens, 10-message request');
  const chatWidths = [12, 15, 12, 10];
  lines.push(row(['tokenizer', 'request tokens', 'calls/s', 'µs/call'], chatWidths));
  for (const result of report.chat) {
    lines.push(
      row(
        [
          result.tokenizer,
          result.requestTokens,
          fixed(result.callsPerSecond),
          fixed(result.microsecondsPerCall, 1),
        ],
        chatWidths,
      ),
    );
  }
  return lines.join('\n');
}
