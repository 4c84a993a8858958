import type { ChatResponse } from '../../core/types.js';
import type { Verdict } from './verifier.js';

/** A verdict whose `pass` follows from the score and the threshold; the score is clamped to 0..1. */
export function verdict(score: number, threshold: number, reason: string): Verdict {
  const clamped = Number.isFinite(score) ? Math.min(1, Math.max(0, score)) : 0;
  return { score: clamped, pass: clamped >= threshold, reason };
}

/** A failing verdict with score 0, for answers a verifier cannot judge at all. */
export function failed(reason: string): Verdict {
  return { score: 0, pass: false, reason };
}

/** The text of the first choice of a response: its string content or its text parts joined. */
export function answerText(response: ChatResponse): string {
  const content = response.choices[0]?.message.content;
  if (typeof content === 'string') return content;
  if (content === null || content === undefined) return '';
  return content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
}

/** The message of an unknown thrown value. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Shortens text for a reason line. */
export function clip(text: string, length = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}
