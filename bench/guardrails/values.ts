/** Generators of labelled values for the guardrail corpus: PII and secrets in many formats, and look-alikes. */
import { createHash } from 'node:crypto';

/** Draws from lists and alphabets with one random source. */
export class Draw {
  constructor(readonly random: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }
  chars(alphabet: string, count: number): string {
    let out = '';
    for (let index = 0; index < count; index++) out += alphabet[Math.floor(this.random() * alphabet.length)];
    return out;
  }
  digits(count: number): string {
    return this.chars('0123456789', count);
  }
}

const lower = 'abcdefghijklmnopqrstuvwxyz';
const upper = lower.toUpperCase();
const alnum = `${lower}${upper}0123456789`;
const base64url = `${alnum}-_`;

const firstNames = [
  'maria',
  'li',
  'oluwaseun',
  'jens',
  'priya',
  'tom',
  'ana',
  'kenji',
  'fatima',
  'noah',
  'zoe',
  'ravi',
];
const lastNames = [
  'garcia',
  'wang',
  'adeyemi',
  'larsen',
  'natarajan',
  'okafor',
  'silva',
  'tanaka',
  'haddad',
  'berg',
];
const domains = [
  'example.com',
  'mail.example.org',
  'corp-example.net',
  'example.co.uk',
  'uni.example.edu',
  'example.de',
  'post.example.io',
  'example.com.au',
];

/** An email address in one of several shapes. */
export function email(draw: Draw): string {
  const first = draw.pick(firstNames);
  const last = draw.pick(lastNames);
  const local = draw.pick([
    `${first}.${last}`,
    `${first}${draw.int(1, 99)}`,
    `${first[0]}${last}`,
    `${first}_${last}`,
    `${first}+${draw.pick(['news', 'billing', 'test'])}`,
    `${first}.${last}${draw.int(70, 99)}`,
  ]);
  const address = `${local}@${draw.pick(domains)}`;
  return draw.random() < 0.15 ? address.toUpperCase() : address;
}

const usAreas = ['212', '415', '312', '617', '206', '303', '512', '646', '702', '808', '919', '404'];

/** A phone number: US national shapes and international numbers from several plans. */
export function phone(draw: Draw): string {
  const area = draw.pick(usAreas);
  const exchange = `${draw.int(2, 9)}${draw.digits(2)}`;
  const line = draw.digits(4);
  return draw.pick([
    () => `(${area}) ${exchange}-${line}`,
    () => `${area}-${exchange}-${line}`,
    () => `${area}.${exchange}.${line}`,
    () => `+1 ${area} ${exchange} ${line}`,
    () => `+1-${area}-${exchange}-${line}`,
    () => `1 (${area}) ${exchange}-${line}`,
    () => `+44 20 7946 0${draw.digits(3)}`,
    () => `+44 7700 900${draw.digits(3)}`,
    () => `+49 30 ${draw.int(2, 9)}${draw.digits(6)}`,
    () => `+49 151 ${draw.digits(8)}`,
    () => `+33 6 ${draw.digits(2)} ${draw.digits(2)} ${draw.digits(2)} ${draw.digits(2)}`,
    () => `+91 9${draw.digits(4)} ${draw.digits(5)}`,
    () => `+81 90-${draw.digits(4)}-${draw.digits(4)}`,
    () => `+61 4${draw.digits(2)} ${draw.digits(3)} ${draw.digits(3)}`,
    () => `+55 11 9${draw.digits(4)}-${draw.digits(4)}`,
  ])();
}

function luhnDigit(partial: string): string {
  let sum = 0;
  for (let index = 0; index < partial.length; index++) {
    let digit = Number(partial[partial.length - 1 - index]);
    if (index % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

/** A card number of a real issuer prefix and length with a valid check digit, grouped as printed. */
export function card(draw: Draw): string {
  const [prefix, length] = draw.pick<[string, number]>([
    ['4', 16],
    ['4', 16],
    [`5${draw.int(1, 5)}`, 16],
    [`22${draw.int(30, 99)}`, 16],
    [draw.pick(['34', '37']), 15],
    ['6011', 16],
    [`35${draw.int(28, 89)}`, 16],
    ['36', 14],
  ]);
  const partial = prefix + draw.digits(length - prefix.length - 1);
  const digits = partial + luhnDigit(partial);
  const separator = draw.pick(['', ' ', '-', ' ']);
  if (length === 15) return [digits.slice(0, 4), digits.slice(4, 10), digits.slice(10)].join(separator);
  if (length === 14) return [digits.slice(0, 4), digits.slice(4, 10), digits.slice(10)].join(separator);
  return digits.match(/.{4}/g)?.join(separator) ?? digits;
}

/** Mod 97 of a numeric string of any length. */
function mod97(numeric: string): number {
  let remainder = 0;
  for (const char of numeric) remainder = (remainder * 10 + Number(char)) % 97;
  return remainder;
}

function numericOf(text: string): string {
  return [...text].map((char) => (/[A-Z]/.test(char) ? String(char.charCodeAt(0) - 55) : char)).join('');
}

/** BBAN shapes: letters for bank codes where the country uses them, digits elsewhere. */
const bbans: ReadonlyArray<[string, (draw: Draw) => string]> = [
  ['DE', (draw) => draw.digits(18)],
  ['FR', (draw) => `${draw.digits(10)}${draw.chars(`${upper}0123456789`, 11)}${draw.digits(2)}`],
  ['GB', (draw) => `${draw.chars(upper, 4)}${draw.digits(14)}`],
  ['NL', (draw) => `${draw.chars(upper, 4)}${draw.digits(10)}`],
  ['ES', (draw) => draw.digits(20)],
  ['IT', (draw) => `${draw.chars(upper, 1)}${draw.digits(10)}${draw.digits(12)}`],
  ['BE', (draw) => draw.digits(12)],
  ['CH', (draw) => draw.digits(17)],
  ['PL', (draw) => draw.digits(24)],
  ['NO', (draw) => draw.digits(11)],
  ['IE', (draw) => `${draw.chars(upper, 4)}${draw.digits(14)}`],
  ['AT', (draw) => draw.digits(16)],
];

/** A valid IBAN (computed check digits), compact or in groups of four, sometimes lower-case. */
export function iban(draw: Draw, valid = true): string {
  const [country, bban] = draw.pick(bbans);
  const body = bban(draw);
  let check = 98 - mod97(numericOf(`${body}${country}00`));
  if (!valid) check = ((check + draw.int(1, 90)) % 97) + 2;
  const compact = `${country}${String(check).padStart(2, '0')}${body}`;
  const shape = draw.pick(['compact', 'spaced', 'spaced', 'dashed', 'lower']);
  const grouped = compact.match(/.{1,4}/g) ?? [compact];
  if (shape === 'spaced') return grouped.join(' ');
  if (shape === 'dashed') return grouped.join('-');
  if (shape === 'lower') return grouped.join(' ').toLowerCase();
  return compact;
}

/** A US SSN with an issuable area, group and serial. */
export function ssn(draw: Draw, separator: string): string {
  let area = draw.int(1, 899);
  if (area === 666) area = 667;
  return [
    String(area).padStart(3, '0'),
    String(draw.int(1, 99)).padStart(2, '0'),
    String(draw.int(1, 9999)).padStart(4, '0'),
  ].join(separator);
}

/** An IPv4 or IPv6 address (full, compressed, link-local or IPv4-mapped). */
export function ip(draw: Draw): string {
  const hex = () => draw.int(0, 0xffff).toString(16);
  return draw.pick([
    () => `${draw.int(1, 223)}.${draw.int(0, 255)}.${draw.int(0, 255)}.${draw.int(1, 254)}`,
    () => `10.${draw.int(0, 255)}.${draw.int(0, 255)}.${draw.int(1, 254)}`,
    () => `192.168.${draw.int(0, 255)}.${draw.int(1, 254)}`,
    () => `2001:db8:${hex()}:${hex()}::${hex()}`,
    () => Array.from({ length: 8 }, hex).join(':'),
    () => `fe80::${hex()}:${hex()}:${hex()}:${hex()}`,
    () => `::ffff:${draw.int(1, 223)}.${draw.int(0, 255)}.${draw.int(0, 255)}.${draw.int(1, 254)}`,
  ])();
}

/** Secret generators by entity. */
export const secrets: Readonly<Record<string, (draw: Draw) => string>> = {
  OPENAI_API_KEY: (draw) =>
    draw.pick([
      () => `sk-proj-${draw.chars(base64url, 64)}T3BlbkFJ${draw.chars(base64url, 64)}`,
      () => `sk-${draw.chars(alnum, 20)}T3BlbkFJ${draw.chars(alnum, 20)}`,
      () => `sk-svcacct-${draw.chars(base64url, 56)}`,
      () => `sk-${draw.chars(alnum, 48)}`,
    ])(),
  ANTHROPIC_API_KEY: (draw) => `sk-ant-api03-${draw.chars(base64url, 93)}AA`,
  AWS_ACCESS_KEY: (draw) =>
    `${draw.pick(['AKIA', 'ASIA'])}${draw.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
  AWS_SECRET_KEY: (draw) => draw.chars(`${alnum}/+`, 40),
  GITHUB_TOKEN: (draw) =>
    draw.pick([
      () => `ghp_${draw.chars(alnum, 36)}`,
      () => `gho_${draw.chars(alnum, 36)}`,
      () => `ghs_${draw.chars(alnum, 36)}`,
      () => `github_pat_11${draw.chars(`${upper}0123456789`, 20)}_${draw.chars(alnum, 59)}`,
    ])(),
  SLACK_TOKEN: (draw) =>
    draw.pick([
      () => `xoxb-${draw.digits(12)}-${draw.digits(13)}-${draw.chars(alnum, 24)}`,
      () =>
        `xoxp-${draw.digits(12)}-${draw.digits(12)}-${draw.digits(13)}-${draw.chars('abcdef0123456789', 32)}`,
      () =>
        `https://hooks.slack.com/services/T${draw.chars(`${upper}0123456789`, 8)}/B${draw.chars(`${upper}0123456789`, 10)}/${draw.chars(alnum, 24)}`,
    ])(),
  GOOGLE_API_KEY: (draw) => `AIza${draw.chars(base64url, 35)}`,
  PRIVATE_KEY: (draw) => {
    const kind = draw.pick(['RSA ', 'EC ', 'OPENSSH ', '']);
    const lines = Array.from({ length: draw.int(2, 5) }, () => draw.chars(`${alnum}+/`, 64));
    return `-----BEGIN ${kind}PRIVATE KEY-----\n${lines.join('\n')}\n-----END ${kind}PRIVATE KEY-----`;
  },
  JWT: (draw) => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const header = part({ alg: draw.pick(['HS256', 'RS256', 'ES256']), typ: 'JWT' });
    const payload = part({
      sub: draw.digits(8),
      name: draw.pick(firstNames),
      iat: 1_700_000_000 + draw.int(0, 9e6),
    });
    const signature = createHash('sha256').update(draw.digits(16)).digest('base64url');
    return `${header}.${payload}.${signature}`;
  },
  GENERIC_SECRET: (draw) => draw.chars(`${alnum}`, draw.int(24, 48)),
  PASSWORD: (draw) =>
    `${draw.chars(upper, 2)}${draw.chars(lower, draw.int(3, 6))}${draw.digits(draw.int(2, 4))}${draw.pick(['!', '#', '$', '%', '&', '@'])}${draw.chars(lower, 2)}`,
};

/** Look-alikes that are not PII or secrets. */
export const lookAlikes: Readonly<Record<string, (draw: Draw) => string>> = {
  ORDER: (draw) =>
    draw.pick([
      () => `#${draw.digits(4)}-${draw.digits(4)}-${draw.digits(4)}-${draw.digits(4)}`,
      () => draw.digits(16),
      () => `${draw.digits(3)}-${draw.digits(7)}-${draw.digits(7)}`,
    ])(),
  ISBN: (draw) => {
    const body = `978${draw.digits(9)}`;
    let sum = 0;
    for (let index = 0; index < 12; index++) sum += Number(body[index]) * (index % 2 === 0 ? 1 : 3);
    const full = body + String((10 - (sum % 10)) % 10);
    return draw.random() < 0.5
      ? full
      : `${full.slice(0, 3)}-${full.slice(3, 4)}-${full.slice(4, 7)}-${full.slice(7, 12)}-${full.slice(12)}`;
  },
  TIMESTAMP: (draw) =>
    draw.pick([
      () =>
        `2025-${String(draw.int(1, 12)).padStart(2, '0')}-${String(draw.int(1, 28)).padStart(2, '0')}T${String(draw.int(0, 23)).padStart(2, '0')}:${String(draw.int(0, 59)).padStart(2, '0')}:${String(draw.int(0, 59)).padStart(2, '0')}Z`,
      () => `${1_700_000_000_000 + draw.int(0, 99_999_999)}`,
      () =>
        `${String(draw.int(0, 23)).padStart(2, '0')}:${String(draw.int(0, 59)).padStart(2, '0')}:${String(draw.int(0, 59)).padStart(2, '0')}.${draw.digits(3)}`,
      () =>
        `${draw.int(1, 12)}/${draw.int(1, 28)}/2024 ${draw.int(1, 12)}:${String(draw.int(0, 59)).padStart(2, '0')} PM`,
    ])(),
  VERSION: (draw) =>
    draw.pick([
      () => `v${draw.int(0, 12)}.${draw.int(0, 40)}.${draw.int(0, 99)}`,
      () => `${draw.int(1, 20)}.${draw.int(0, 9)}.${draw.int(0, 9)}.${draw.int(0, 200)}`,
      () => `10.0.${draw.int(17000, 22631)}.${draw.int(1, 4000)}`,
      () => `${draw.int(1, 5)}.${draw.int(0, 30)}.${draw.int(0, 9)}-rc.${draw.int(1, 5)}`,
    ])(),
  PRODUCT_CODE: (draw) =>
    draw.pick([
      () => `${draw.chars(upper, 2)}-${draw.digits(3)}-${draw.digits(3)}-${draw.digits(4)}`,
      () => `${draw.digits(4)}-${draw.digits(3)}-${draw.digits(4)}`,
      () => `${draw.digits(3)}-${draw.digits(2)}-${draw.digits(5)}`,
      () => `${draw.chars(upper, 3)}${draw.digits(10)}`,
    ])(),
  UUID: (draw) => {
    const hex = (count: number) => draw.chars('0123456789abcdef', count);
    return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  },
  HASH: (draw) => draw.chars('0123456789abcdef', draw.pick([7, 32, 40, 64])),
  MAC: (draw) => Array.from({ length: 6 }, () => draw.chars('0123456789ABCDEF', 2)).join(':'),
  MONEY: (draw) => `$${draw.int(1, 999)},${draw.digits(3)},${draw.digits(3)}.${draw.digits(2)}`,
  ZIP: (draw) => `${draw.digits(5)}-${draw.digits(4)}`,
  TRACKING: (draw) => `1Z${draw.chars(`${upper}0123456789`, 6)}${draw.digits(10)}`,
  BAD_CARD: (draw) => {
    const partial = `4${draw.digits(14)}`;
    const good = Number(luhnDigit(partial));
    return `${partial}${(good + draw.int(1, 9)) % 10}`.match(/.{4}/g)?.join(' ') ?? partial;
  },
  BAD_IBAN: (draw) => iban(draw, false),
  BAD_SSN: (draw) => `${draw.pick(['000', '666', `9${draw.digits(2)}`])}-${draw.digits(2)}-${draw.digits(4)}`,
  COORDINATES: (draw) => `${draw.int(-80, 80)}.${draw.digits(4)}, ${draw.int(-170, 170)}.${draw.digits(4)}`,
  BASE64_IMAGE: (draw) => `data:image/png;base64,iVBORw0KGgo${draw.chars(`${alnum}+/`, 40)}`,
  KEY_PLACEHOLDER: (draw) =>
    draw.pick([
      'sk-...',
      'sk-xxxxxxxxxxxxxxxxxxxxxxxx',
      '<YOUR_API_KEY>',
      'your-api-key-here',
      '${OPENAI_API_KEY}',
      '********',
    ]),
  HANDLE: (draw) => `@${draw.pick(firstNames)}_${draw.pick(lastNames)}`,
  ASSET: (draw) => `${draw.pick(['logo', 'icon', 'hero'])}@${draw.int(2, 3)}x.png`,
};
