/**
 * Whether a unit holds something of the kind a typed question asks for: a number for "how many", a
 * year, date or period (daily, every 10 minutes) for "when", a place for "where" — in docs a path, file or URL as often as a named place.
 */
import type { AnswerType, LiteralKind } from './question-analysis.js';

const patterns: Partial<Record<AnswerType, RegExp>> = {
  number: /\d/,
  date: /\b(1\d{3}|20\d{2})\b|\b(January|February|March|April|May|June|July|August|September|October|November|December)\b|\b(hourly|daily|weekly|monthly|yearly|annually)\b|\bevery (\d+ )?(second|minute|hour|day|week|month|year)s?\b/,
  location: /`[^`\n]*[/\\.][^`\n]*`|https?:\/\/|\b(?:in|at|from|under|inside) (?:the )?\p{Lu}/u,
  person: /\b\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+/u,
};

/** Whether `text` holds the kind of thing a question of `type` asks for; always for untyped questions. */
export function holdsType(text: string, type: AnswerType): boolean {
  const pattern = patterns[type];
  return pattern === undefined || pattern.test(text);
}

/** Whether questions of `type` ask for a particular kind of thing (a number, date, place or person). */
export function isTyped(type: AnswerType): boolean {
  return patterns[type] !== undefined;
}

const literals: Record<LiteralKind, RegExp> = {
  route: /`(?:[A-Z]+ )?\/[^`\s]*`/,
  command: /`(?:strata|npm|npx|node|curl)\s[^`\n]*`/,
  flag: /`--?[a-z][\w-]*/,
  variable: /`[A-Z][A-Z0-9]*_[A-Z0-9_]+/,
  header: /`(?:[A-Za-z]+-)+[A-Za-z*]+`|`Authorization\b/,
  code: /`[^`\n]+`/,
};

/** Whether `text` holds a literal of the kind asked for, in code: an HTTP path, a command, a flag, an environment variable, a header or any code. */
export function holdsLiteral(text: string, kind: LiteralKind): boolean {
  return literals[kind].test(text);
}
