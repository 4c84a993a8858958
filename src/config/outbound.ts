import { isIP } from 'node:net';
import { z } from 'zod';

/** One allow-list entry: an IP address, a CIDR range, or a host name. */
const allowEntry = z
  .string()
  .min(1)
  .refine((entry) => {
    const [network = '', prefix, extra] = entry.split('/');
    if (extra !== undefined) return false;
    const family = isIP(network);
    if (prefix === undefined) return family !== 0 || /^[a-z0-9.-]+$/i.test(network);
    const bits = Number(prefix);
    return family !== 0 && Number.isInteger(bits) && bits >= 0 && bits <= (family === 4 ? 32 : 128);
  }, 'an IP address, a CIDR range such as 10.0.0.0/8, or a host name');

/** `outbound:` in strata.yaml: where requests to user-supplied URLs may go besides public addresses. */
export const outboundConfigSchema = z.strictObject({
  allow: z
    .array(allowEntry)
    .default([])
    .describe(
      'Addresses, CIDR ranges or host names that webhooks and other user-supplied URLs may reach even though they are loopback, private, link-local or metadata addresses (all refused otherwise).',
    ),
});
