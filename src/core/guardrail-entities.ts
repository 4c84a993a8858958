/** The PII entities guardrails find, named as Microsoft Presidio names them. */
export const piiEntities = [
  'EMAIL_ADDRESS',
  'PHONE_NUMBER',
  'CREDIT_CARD',
  'IBAN_CODE',
  'US_SSN',
  'IP_ADDRESS',
] as const;

/** One PII entity name. */
export type PiiEntity = (typeof piiEntities)[number];

/** The secret kinds guardrails find. */
export const secretEntities = [
  'OPENAI_API_KEY',
  'ANTHROPIC_API_KEY',
  'AWS_ACCESS_KEY',
  'AWS_SECRET_KEY',
  'GITHUB_TOKEN',
  'SLACK_TOKEN',
  'GOOGLE_API_KEY',
  'PRIVATE_KEY',
  'JWT',
  'GENERIC_SECRET',
] as const;

/** One secret kind. */
export type SecretEntity = (typeof secretEntities)[number];
