import { createRequire } from 'node:module';
import { isIPv6 } from 'node:net';
import type * as PhoneNumbers from 'libphonenumber-js/max';
import { type PiiEntity, piiEntities } from '../../core/guardrail-entities.js';
import { ibanLength, ibanValid, luhnValid } from './checksums.js';
import { type Detector, type Finding, matchAll, withoutOverlaps, wordsBefore } from './finding.js';

export { type PiiEntity, piiEntities } from '../../core/guardrail-entities.js';

// Words that make a run of digits an identifier of something else (an order, a product, a book).
const notPersonal =
  /(?:order|invoice|sku|part|serial|isbn|tracking|ref(?:erence)?|ticket|model|item|batch|lot|case|po)(?:\s*(?:no\.?|number|#|id))?[\s:#.=-]*$/;

const email =
  /(?<![\w.%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-]|\.[A-Za-z])/g;
// `logo@2x.png` is an asset name, not an address.
const fileTail = /\.(?:png|jpe?g|gif|svg|webp|avif|ico|bmp|tiff?)$/i;

/** Email addresses. */
export const detectEmail: Detector = (text) =>
  text.includes('@')
    ? matchAll(
        text,
        email,
        'EMAIL_ADDRESS',
        // `https://token@host` carries a credential in a URL, not an address.
        (match) => !fileTail.test(match[0]) && !text.slice(0, match.index).endsWith('://'),
      )
    : [];

const cardCandidate = /(?<![\d.-])\d(?:[ -]?\d){12,18}(?![\d-]|\.\d)/g;
const cardBrand =
  /^(?:4\d{12}(?:\d{3}){0,2}|5[1-5]\d{14}|2(?:22[1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720)\d{12}|3[47]\d{13}|3(?:0[0-5]|[689]\d)\d{11,16}|6(?:011|5\d\d|4[4-9]\d)\d{12,15}|35(?:2[89]|[3-8]\d)\d{12,15}|62\d{14,17})$/;

/** Payment card numbers: a known issuer prefix and length, a valid Luhn digit, consistent separators. */
export const detectCreditCard: Detector = (text) =>
  matchAll(text, cardCandidate, 'CREDIT_CARD', (match) => {
    const raw = match[0];
    const separators = new Set(raw.replace(/\d/g, ''));
    if (separators.size > 1) return false;
    const digits = raw.replace(/\D/g, '');
    return cardBrand.test(digits) && luhnValid(digits) && !notPersonal.test(wordsBefore(text, match.index));
  });

const ibanStart = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?=[ -]?[A-Za-z0-9])/g;

/** IBANs, compact or in groups of four separated by spaces or dashes, with a valid mod-97 check. */
export const detectIban: Detector = (text) => {
  const found: Finding[] = [];
  ibanStart.lastIndex = 0;
  for (let match = ibanStart.exec(text); match !== null; match = ibanStart.exec(text)) {
    const end = ibanEnd(text, match.index);
    if (end === undefined) continue;
    found.push({ entity: 'IBAN_CODE', start: match.index, end, score: 1 });
    ibanStart.lastIndex = end;
  }
  return found;
};

/** True for an ASCII letter or digit. */
function alphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Where an IBAN starting at `start` ends, or undefined when what follows is not a valid one. */
function ibanEnd(text: string, start: number): number | undefined {
  const length = ibanLength(text.slice(start, start + 2).toUpperCase());
  if (length === undefined) return undefined;
  let compact = '';
  let position = start;
  let separator: number | undefined;
  while (position < text.length) {
    const code = text.charCodeAt(position);
    if (alphanumeric(code)) {
      compact += text[position];
      position++;
      if (compact.length < length) continue;
      const next = text.charCodeAt(position);
      return !alphanumeric(next) && ibanValid(compact.toUpperCase()) ? position : undefined;
    }
    // Groups are separated by one space or dash, the same one throughout.
    if ((code === 32 || code === 45) && (separator === undefined || separator === code)) {
      separator = code;
      position++;
      if (!alphanumeric(text.charCodeAt(position))) return undefined;
      continue;
    }
    return undefined;
  }
  return undefined;
}

const ssnCandidate = /(?<![\d-])(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\d-]|\.\d)/g;
const ssnContext = /(?:ssn|social security(?: number| no\.?)?|ss#|taxpayer id)[\s:#=-]*$/;

/** US Social Security numbers with a valid area, group and serial; bare nine digits only after "SSN". */
export const detectUsSsn: Detector = (text) =>
  matchAll(text, ssnCandidate, 'US_SSN', (match) => {
    const [, area = '', separator, group = '', serial = ''] = match;
    if (area === '000' || area === '666' || area[0] === '9' || group === '00' || serial === '0000')
      return false;
    const digits = area + group + serial;
    // Runs of one digit and the sequence 123-45-6789 were never issued.
    if (/^(\d)\1{8}$/.test(digits) || digits === '123456789') return false;
    const before = wordsBefore(text, match.index, 32);
    if (separator === '') return ssnContext.test(before);
    return !notPersonal.test(before);
  });

const octet = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const ipv4 = new RegExp(`(?<![\\w.])(?:${octet}\\.){3}${octet}(?![\\w-]|\\.\\d)`, 'g');
const ipv6Candidate =
  /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]{1,4})?(?![\w:])/g;
// Four-part version strings are valid IPv4 syntax; the word before them tells them apart.
const versionContext =
  /(?:version|release|build|firmware|upgrade to|update to|upgraded to|windows|python|node|java|chrome|v|ver\.?|rev\.?)\s*$/;

/** IPv4 addresses (not version strings) and IPv6 addresses, including IPv4-mapped ones. */
export const detectIpAddress: Detector = (text) => [
  ...matchAll(text, ipv4, 'IP_ADDRESS', (match) => !versionContext.test(wordsBefore(text, match.index, 16))),
  ...(text.includes(':')
    ? matchAll(text, ipv6Candidate, 'IP_ADDRESS', (match) => {
        const candidate = match[0];
        return isIPv6(candidate) && /[0-9A-Fa-f]{2}/.test(candidate) && candidate.split(':').length >= 3;
      })
    : []),
];

const require = createRequire(import.meta.url);
let phoneNumbers: typeof PhoneNumbers | undefined;

// The phone metadata takes megabytes: it is loaded when a rule that detects phone numbers is compiled,
// so a gateway without one never holds it.
function loadPhoneNumbers(): typeof PhoneNumbers {
  phoneNumbers ??= require('libphonenumber-js/max') as typeof PhoneNumbers;
  return phoneNumbers;
}

// `leniency` is read by the matcher though its type leaves it out; possible numbers are checked below.
const phoneSearch = { defaultCountry: 'US' as const, leniency: 'POSSIBLE' };

// Runs of digits with the punctuation phone numbers are written with; only these reach the parser.
const phoneRun = /(?<![\w+])\+?\(?\d[\d\s().-]{5,22}\d(?!\w)/g;

/** Phone numbers libphonenumber parses as valid, international (`+…`) or in US national format. */
export const detectPhoneNumber: Detector = (text) => {
  const found: Finding[] = [];
  phoneRun.lastIndex = 0;
  for (let run = phoneRun.exec(text); run !== null; run = phoneRun.exec(text)) {
    const offset = run.index;
    // Parsing costs tens of microseconds; a national number needs ten digits, so shorter runs
    // (dates, times, amounts) are not worth a parse.
    if (run[0][0] !== '+' && run[0].replace(/\D/g, '').length < 10) continue;
    // Written numbers group their digits; a run of single digits (`1-2-3-4-…`) is not worth a parse.
    if ((run[0].match(/(?<!\d)\d(?!\d)/g)?.length ?? 0) > 2) continue;
    for (const match of loadPhoneNumbers().findPhoneNumbersInText(run[0], phoneSearch)) {
      const start = offset + match.startsAt;
      // A number written with its country code is taken when its length fits the plan, since plans gain
      // ranges faster than metadata does; a national one must be a valid US number.
      const international = text[start] === '+';
      if (!(international ? match.number.isPossible() : match.number.isValid())) continue;
      if (notPersonal.test(wordsBefore(text, start))) continue;
      found.push({ entity: 'PHONE_NUMBER', start, end: offset + match.endsAt, score: 0.9 });
    }
  }
  return found;
};

const byEntity: Readonly<Record<PiiEntity, Detector>> = {
  EMAIL_ADDRESS: detectEmail,
  PHONE_NUMBER: detectPhoneNumber,
  CREDIT_CARD: detectCreditCard,
  IBAN_CODE: detectIban,
  US_SSN: detectUsSsn,
  IP_ADDRESS: detectIpAddress,
};

/**
 * PII of the given entities (all by default). Checksummed entities win where spans overlap, so the
 * digits of a card number are not also reported as a phone number.
 */
export function piiDetector(entities: readonly PiiEntity[] = piiEntities): Detector {
  const checked = entities.filter((entity) => entity !== 'PHONE_NUMBER').map((entity) => byEntity[entity]);
  const phones = entities.includes('PHONE_NUMBER');
  if (phones) loadPhoneNumbers();
  return (text) => {
    const found = checked.flatMap((detect) => detect(text));
    if (phones) {
      const clear = (phone: Finding) =>
        !found.some((other) => phone.start < other.end && other.start < phone.end);
      found.push(...detectPhoneNumber(text).filter(clear));
    }
    return withoutOverlaps(found);
  };
}
