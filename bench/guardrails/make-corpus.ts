/**
 * Writes the labelled guardrail corpus (`corpus.jsonl`): sentences written for Strata with PII and
 * secrets in many formats, and hard negatives that look like them. Labels come from where each value
 * was put, never from a detector. Run once: `node dist/bench/guardrails/make-corpus.js > corpus.jsonl`.
 */
import { seededRandom } from '../../src/core/random.js';
import { card, Draw, email, iban, ip, lookAlikes, phone, secrets, ssn } from './values.js';

/** One labelled string. */
export interface CorpusEntry {
  id: string;
  split: 'train' | 'test';
  /** `positive` has at least one labelled span; `negative` has none by design. */
  kind: 'positive' | 'negative';
  text: string;
  entities: Array<{ entity: string; start: number; end: number }>;
}

// `{ENTITY}` is a labelled value; `{~KIND}` an unlabelled look-alike.
const positiveTemplates: Readonly<Record<string, readonly string[]>> = {
  EMAIL_ADDRESS: [
    'Please send the signed contract to {EMAIL_ADDRESS} before Friday.',
    'Contact: {EMAIL_ADDRESS}',
    'From: "Support" <{EMAIL_ADDRESS}>',
    'cc {EMAIL_ADDRESS}, {EMAIL_ADDRESS}',
    'My login is {EMAIL_ADDRESS} and I cannot reset the password.',
    '{"user": {"email": "{EMAIL_ADDRESS}", "plan": "pro"}}',
    'mailto:{EMAIL_ADDRESS}?subject=refund',
    'Forwarded message from {EMAIL_ADDRESS} on {~TIMESTAMP}',
  ],
  PHONE_NUMBER: [
    'Call me back on {PHONE_NUMBER} after 5pm.',
    'Phone: {PHONE_NUMBER}',
    'The customer left a voicemail, number {PHONE_NUMBER}, about order {~ORDER}.',
    'tel {PHONE_NUMBER} / fax {PHONE_NUMBER}',
    'You can reach our Berlin office at {PHONE_NUMBER}.',
    '| name | phone |\n| Ana | {PHONE_NUMBER} |',
    'emergency contact ({PHONE_NUMBER})',
  ],
  CREDIT_CARD: [
    'Charge it to my card {CREDIT_CARD}, expiry 09/27.',
    'card_number={CREDIT_CARD}&cvv=123',
    'The card ending in the number {CREDIT_CARD} was declined.',
    'Visa: {CREDIT_CARD}',
    'Please refund to {CREDIT_CARD} instead of the old one.',
    '{"pan": "{CREDIT_CARD}"}',
  ],
  IBAN_CODE: [
    'Wire the deposit to IBAN {IBAN_CODE}, reference {~ORDER}.',
    'Bankverbindung: {IBAN_CODE}',
    'IBAN: {IBAN_CODE} (BIC on request)',
    'Please update my account to {IBAN_CODE}.',
    'iban={IBAN_CODE};name=Garcia',
    'Pay to {IBAN_CODE} by {~TIMESTAMP}.',
  ],
  US_SSN: [
    'My SSN is {US_SSN#-}.',
    'SSN: {US_SSN# }',
    'social security number {US_SSN#-} for the W-2.',
    'applicant ssn={US_SSN#}',
    'He wrote {US_SSN#-} on the form by mistake.',
    'SSN {US_SSN#} (no dashes)',
  ],
  IP_ADDRESS: [
    'Login from {IP_ADDRESS} was blocked.',
    'client_ip={IP_ADDRESS} status=403',
    'The server at {IP_ADDRESS} stopped answering at {~TIMESTAMP}.',
    'Allow {IP_ADDRESS} and {IP_ADDRESS} in the firewall.',
    '[{~TIMESTAMP}] GET /api/v1/users from {IP_ADDRESS}',
    'peer address: {IP_ADDRESS}',
  ],
  OPENAI_API_KEY: [
    'OPENAI_API_KEY={OPENAI_API_KEY}',
    'here is my key {OPENAI_API_KEY} can you check why it fails',
    'client = OpenAI(api_key="{OPENAI_API_KEY}")',
    'export OPENAI_API_KEY="{OPENAI_API_KEY}"',
  ],
  ANTHROPIC_API_KEY: [
    'ANTHROPIC_API_KEY={ANTHROPIC_API_KEY}',
    'x-api-key: {ANTHROPIC_API_KEY}',
    'the key that stopped working is {ANTHROPIC_API_KEY}',
  ],
  AWS_ACCESS_KEY: [
    'aws_access_key_id = {AWS_ACCESS_KEY}',
    'AWS_ACCESS_KEY_ID={AWS_ACCESS_KEY} in the CI settings',
    'Access key {AWS_ACCESS_KEY} has been rotated.',
  ],
  AWS_SECRET_KEY: [
    'aws_secret_access_key = {AWS_SECRET_KEY}',
    'AWS_SECRET_ACCESS_KEY="{AWS_SECRET_KEY}"',
    '"SecretAccessKey": "{AWS_SECRET_KEY}"',
  ],
  GITHUB_TOKEN: [
    'git clone https://{GITHUB_TOKEN}@github.com/acme/app.git',
    'GITHUB_TOKEN={GITHUB_TOKEN}',
    'use this PAT: {GITHUB_TOKEN}',
  ],
  SLACK_TOKEN: ['SLACK_BOT_TOKEN={SLACK_TOKEN}', 'post alerts to {SLACK_TOKEN}', 'token: {SLACK_TOKEN}'],
  GOOGLE_API_KEY: [
    'maps key {GOOGLE_API_KEY}',
    '<script src="https://maps.example.com/js?key={GOOGLE_API_KEY}"></script>',
    'GOOGLE_API_KEY={GOOGLE_API_KEY}',
  ],
  PRIVATE_KEY: [
    'Here is the deploy key:\n{PRIVATE_KEY}\nplease add it.',
    '{PRIVATE_KEY}',
    'ssh key\n{PRIVATE_KEY}',
  ],
  JWT: [
    'Authorization: Bearer {JWT}',
    'the session cookie is {JWT}',
    'decode this for me: {JWT}',
    '{"id_token": "{JWT}"}',
  ],
  GENERIC_SECRET: [
    'api_key = "{GENERIC_SECRET}"',
    'client_secret: {GENERIC_SECRET}',
    'Authorization: Bearer {GENERIC_SECRET}',
    'STRIPE_SECRET={GENERIC_SECRET}',
    'the webhook signing secret is {GENERIC_SECRET}',
    'db password: {PASSWORD}',
    'PGPASSWORD={PASSWORD} psql -h db',
    '{"password": "{PASSWORD}"}',
  ],
};

const mixedTemplates: readonly string[] = [
  'Hi, I am Maria ({EMAIL_ADDRESS}, {PHONE_NUMBER}). Please charge {CREDIT_CARD}.',
  'Customer record: email {EMAIL_ADDRESS}; SSN {US_SSN#-}; last login {IP_ADDRESS}.',
  'Refund to IBAN {IBAN_CODE} and confirm by phone {PHONE_NUMBER}.',
  'Debug: key={OPENAI_API_KEY} host={IP_ADDRESS}',
  'contact {EMAIL_ADDRESS} re order {~ORDER} (ISBN {~ISBN})',
  'Export AWS creds: {AWS_ACCESS_KEY} / aws_secret_access_key={AWS_SECRET_KEY}',
];

const negativeTemplates: readonly string[] = [
  'Your order {~ORDER} has shipped.',
  'Order number: {~ORDER}',
  'ISBN {~ISBN}',
  'The book (ISBN {~ISBN}) is out of print.',
  'Build finished at {~TIMESTAMP}.',
  'created_at={~TIMESTAMP} updated_at={~TIMESTAMP}',
  'Upgrade to {~VERSION} to fix the crash.',
  'Running on version {~VERSION} of the firmware.',
  'Windows {~VERSION}',
  'Part no. {~PRODUCT_CODE} is back in stock.',
  'SKU {~PRODUCT_CODE}',
  'Replacement filter model {~PRODUCT_CODE}',
  'request_id={~UUID}',
  'The trace {~UUID} has 14 spans.',
  'commit {~HASH}',
  'sha256: {~HASH}',
  'Device MAC {~MAC}',
  'Revenue this year: {~MONEY}',
  'Ship to ZIP {~ZIP}',
  'Tracking number {~TRACKING}',
  'Test card {~BAD_CARD} fails validation as expected.',
  'Reference {~BAD_IBAN} was rejected by the bank as invalid.',
  'Invalid SSN example {~BAD_SSN} in the validation docs.',
  'Location {~COORDINATES}',
  'Inline image {~BASE64_IMAGE}',
  'Set OPENAI_API_KEY={~KEY_PLACEHOLDER} in your .env file.',
  'api_key: {~KEY_PLACEHOLDER}',
  'password: {~KEY_PLACEHOLDER}',
  'Follow {~HANDLE} for updates.',
  'Use {~ASSET} for retina screens.',
  'max_tokens=4096, temperature=0.7, top_p=0.95',
  'The meeting is at 10:30:45 in room 4.2.1.',
  'Use std::vector and Vec::new for growable arrays.',
  'token_count: {~ORDER}',
  'secret_name = prod-database-password-v2',
  'The key insight is that tokens are cheaper than people.',
  'Invoice INV-{~ORDER} due {~TIMESTAMP}',
  'Ticket #{~PRODUCT_CODE} was escalated.',
  'Population 8,336,817 (2022), area 783.8 km2',
  'Python {~VERSION} and Node 20.11.1 are supported.',
];

/** Fills a template, recording the span of every labelled value. */
function fill(template: string, draw: Draw): Pick<CorpusEntry, 'text' | 'entities'> {
  const entities: CorpusEntry['entities'] = [];
  let text = '';
  let at = 0;
  for (const match of template.matchAll(/\{(~?)([A-Z_]+)(?:#([- ]?))?\}/g)) {
    text += template.slice(at, match.index);
    at = match.index + match[0].length;
    const [, negative, name = '', separator] = match;
    if (negative) {
      text += (lookAlikes[name] as (draw: Draw) => string)(draw);
      continue;
    }
    const value = generate(name, separator, draw);
    const entity = name === 'PASSWORD' ? 'GENERIC_SECRET' : name;
    entities.push({ entity, start: text.length, end: text.length + value.length });
    text += value;
  }
  return { text: text + template.slice(at), entities };
}

function generate(name: string, separator: string | undefined, draw: Draw): string {
  if (name === 'EMAIL_ADDRESS') return email(draw);
  if (name === 'PHONE_NUMBER') return phone(draw);
  if (name === 'CREDIT_CARD') return card(draw);
  if (name === 'IBAN_CODE') return iban(draw);
  if (name === 'US_SSN') return ssn(draw, separator ?? '-');
  if (name === 'IP_ADDRESS') return ip(draw);
  const secret = secrets[name];
  if (!secret) throw new Error(`no generator for ${name}`);
  return secret(draw);
}

/** Builds the corpus: `perTemplate` strings from each template, split half and half at random. */
export function makeCorpus(seed = 16, perTemplate = 5): CorpusEntry[] {
  const draw = new Draw(seededRandom(seed));
  const entries: CorpusEntry[] = [];
  const add = (template: string, count: number, prefix: string) => {
    for (let index = 0; index < count; index++) {
      const filled = fill(template, draw);
      entries.push({
        id: `${prefix}-${String(entries.length + 1).padStart(4, '0')}`,
        split: draw.random() < 0.5 ? 'train' : 'test',
        kind: filled.entities.length > 0 ? 'positive' : 'negative',
        ...filled,
      });
    }
  };
  for (const templates of Object.values(positiveTemplates))
    for (const template of templates) add(template, perTemplate, 'pos');
  for (const template of mixedTemplates) add(template, perTemplate, 'mix');
  for (const template of negativeTemplates) add(template, perTemplate + 1, 'neg');
  return entries;
}

if (process.argv[1]?.endsWith('make-corpus.js')) {
  for (const entry of makeCorpus()) process.stdout.write(`${JSON.stringify(entry)}\n`);
}
