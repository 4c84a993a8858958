import { type SecretEntity, secretEntities } from '../../core/guardrail-entities.js';
import { type Detector, type Finding, matchAll, withoutOverlaps } from './finding.js';

export { type SecretEntity, secretEntities } from '../../core/guardrail-entities.js';

const tail = '(?![A-Za-z0-9_-])';
const patterns: ReadonlyArray<[SecretEntity, RegExp]> = [
  [
    'ANTHROPIC_API_KEY',
    new RegExp(`(?<![\\w-])sk-ant-(?:api|admin|oat)\\d{2}-[A-Za-z0-9_-]{32,}${tail}`, 'g'),
  ],
  [
    'OPENAI_API_KEY',
    new RegExp(
      `(?<![\\w-])sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}|(?!ant-)[A-Za-z0-9]{20,}(?:T3BlbkFJ[A-Za-z0-9]{20,})?)${tail}`,
      'g',
    ),
  ],
  ['AWS_ACCESS_KEY', /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|AIDA|AROA)[A-Z2-7]{16}(?![A-Za-z0-9])/g],
  [
    'GITHUB_TOKEN',
    new RegExp(`(?<![\\w-])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{60,})${tail}`, 'g'),
  ],
  [
    'SLACK_TOKEN',
    /(?<![\w-])(?:xox[abposr]-(?:\d+-)+[A-Za-z0-9]{8,}|https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{16,})(?![A-Za-z0-9-])/g,
  ],
  ['GOOGLE_API_KEY', new RegExp(`(?<![\\w-])AIza[A-Za-z0-9_-]{35}${tail}`, 'g')],
];

// A whole block, or only its header while a stream has not yet sent the rest.
const privateKey =
  /-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----|[\s\S]*$)/g;
const jwt = /(?<![\w-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}(?![\w-])/g;

/** True when a JWT's header part decodes to JSON naming an algorithm. */
function jwtHeader(token: string): boolean {
  try {
    const header = JSON.parse(Buffer.from(token.slice(0, token.indexOf('.')), 'base64url').toString('utf8'));
    return typeof header === 'object' && header !== null && 'alg' in header;
  } catch {
    return false;
  }
}

// A credential word, then `=`, `:` or "is", then a quoted or bare token.
const assigned =
  /(?:secret|token|passw(?:or)?d|pwd|api[_ -]?key|access[_ -]?key|private[_ -]?key|client[_ -]?secret|auth|credential|bearer)[\w.-]{0,24}["']?\s*(?:[:=]>?|\bis\b|\s(?=[A-Za-z0-9+/_=-]{20,}))\s*["'`]?([A-Za-z0-9+/_.=~-]{16,200})(?![A-Za-z0-9+/_=~-])/gi;
const awsSecretName = /aws|secret[_ -]?access/i;
// Passwords are shorter than keys; they count when they mix at least three kinds of character.
const password = /(?:passw(?:or)?d|pwd|passcode|passphrase)\b["']?\s*[:=]\s*["'`]?([^\s"'`]{8,64})/gi;
const placeholder =
  /^(?:\*+|x+|<.*>|\{\{.*\}\}|\$\{?\w+\}?|%\w+%|(?:os\.)?(?:environ|getenv|process\.env)\b.*)$/i;

function mixed(value: string): boolean {
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((kind) => kind.test(value)).length;
  return kinds >= 3 && !placeholder.test(value);
}

/** A documentation placeholder such as `sk-xxxxxxxxxxxxxxxx`: the part after the prefix is one repeated character. */
function filler(key: string): boolean {
  const body = key.slice(key.lastIndexOf('-') + 1);
  return /^(.)\1+$/.test(body) || entropy(body) < 2.5;
}

/** Bits of Shannon entropy per character. */
export function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const share = count / text.length;
    bits -= share * Math.log2(share);
  }
  return bits;
}

/** A value that looks random: long enough, mixed letters and digits, high entropy, not a word with dashes. */
function looksRandom(value: string): boolean {
  if (!/[0-9]/.test(value) || !/[A-Za-z]/.test(value)) return false;
  if (/^\d+(?:\.\d+)*$/.test(value) || /^[a-z]+(?:[-_.][a-z]+)*\d{0,4}$/i.test(value)) return false;
  return entropy(value) >= (value.length >= 32 ? 3.5 : 3.2);
}

/** High-entropy values assigned to a credential word (`api_key = …`, `password: …`, `Bearer …`). */
function detectAssigned(text: string): Finding[] {
  const found: Finding[] = [];
  assigned.lastIndex = 0;
  for (let match = assigned.exec(text); match !== null; match = assigned.exec(text)) {
    const value = match[1] ?? '';
    if (!looksRandom(value)) continue;
    const start = match.index + match[0].lastIndexOf(value);
    const aws = value.length === 40 && awsSecretName.test(match[0]);
    found.push({
      entity: aws ? 'AWS_SECRET_KEY' : 'GENERIC_SECRET',
      start,
      end: start + value.length,
      score: 0.8,
    });
  }
  password.lastIndex = 0;
  for (let match = password.exec(text); match !== null; match = password.exec(text)) {
    const value = (match[1] ?? '').replace(/[.,;)]+$/, '');
    if (!mixed(value)) continue;
    const start = match.index + match[0].lastIndexOf(value);
    if (found.some((other) => other.start === start)) continue;
    found.push({ entity: 'GENERIC_SECRET', start, end: start + value.length, score: 0.7 });
  }
  return found;
}

/**
 * Credentials: provider API keys by their published prefixes, private key blocks, signed JWTs, and
 * high-entropy values assigned to a credential word. A named key wins over a generic finding of it.
 */
export function secretDetector(entities: readonly SecretEntity[] = secretEntities): Detector {
  const wanted = new Set<string>(entities);
  const chosen = patterns.filter(([entity]) => wanted.has(entity));
  return (text) => {
    const found: Finding[] = chosen.flatMap(([entity, pattern]) =>
      matchAll(text, pattern, entity, (match) => !filler(match[0])),
    );
    if (wanted.has('PRIVATE_KEY') && text.includes('PRIVATE KEY'))
      found.push(...matchAll(text, privateKey, 'PRIVATE_KEY'));
    if (wanted.has('JWT') && text.includes('eyJ'))
      found.push(...matchAll(text, jwt, 'JWT', (match) => jwtHeader(match[0])));
    if (wanted.has('GENERIC_SECRET') || wanted.has('AWS_SECRET_KEY')) {
      const named = (finding: Finding) =>
        !found.some((other) => finding.start < other.end && other.start < finding.end);
      found.push(...detectAssigned(text).filter((finding) => wanted.has(finding.entity) && named(finding)));
    }
    return withoutOverlaps(found);
  };
}
