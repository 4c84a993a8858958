import { z } from 'zod';
import { roleNames } from '../core/types.js';
import { identifier } from './identifier.js';

const url = z.url({ protocol: /^https?$/ });

/** Signing in with an OIDC provider's ID or access tokens (JWTs), verified against its JWKS. */
export const ssoConfigSchema = z.strictObject({
  issuer: identifier(512).describe('The `iss` every token must carry: your identity provider.'),
  audience: z
    .union([identifier(512), z.array(identifier(512)).min(1)])
    .describe("The `aud` a token must name (this gateway's client id); tokens for other audiences get 401."),
  jwks_url: url.describe("The provider's JSON Web Key Set URL, e.g. `<issuer>/.well-known/jwks.json`."),
  algorithms: z
    .array(z.enum(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA']))
    .min(1)
    .default(['RS256', 'ES256'])
    .describe('The signature algorithms accepted; `none` and HMAC never are.'),
  email_claim: identifier(100).default('email').describe("The claim holding the user's email."),
  name_claim: identifier(100).default('name').describe("The claim holding the user's display name."),
  groups_claim: identifier(100)
    .default('groups')
    .describe(
      "The claim holding the user's groups or roles: an array, or a space- or comma-separated string.",
    ),
  roles: z
    .record(identifier(200), z.enum(roleNames))
    .default({})
    .describe('Group (a value of `groups_claim`) → role; a user in several gets the most powerful.'),
  teams: z
    .record(identifier(200), identifier(64))
    .default({})
    .describe('Group → team the user belongs to; teams are created when first named.'),
  default_role: z
    .enum([...roleNames, 'none'])
    .default('none')
    .describe('The role of a signed-in user none of whose groups maps to one; `none` refuses them.'),
  clock_tolerance_seconds: z
    .number()
    .int()
    .min(0)
    .max(300)
    .default(30)
    .describe('How far `exp` and `nbf` may be off, for clocks that drift.'),
  jwks_cache_seconds: z
    .number()
    .int()
    .min(10)
    .max(86_400)
    .default(600)
    .describe('How long fetched keys are trusted before the set is fetched again.'),
  jwks_cooldown_seconds: z
    .number()
    .min(0)
    .max(3600)
    .default(30)
    .describe(
      'A token signed with an unknown key id fetches the set again (the provider rotated its keys), at most once per this many seconds.',
    ),
});

/** The validated SSO settings. */
export type SsoConfig = z.output<typeof ssoConfigSchema>;
