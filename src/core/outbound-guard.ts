import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { Agent, buildConnector, type Dispatcher } from 'undici';

/** One address a host name resolves to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to its addresses; `dns.lookup` by default, swapped in tests. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** What the guard lets through besides public addresses. */
export interface OutboundGuardOptions {
  /** Addresses (`127.0.0.1`), CIDR ranges (`10.0.0.0/8`, `fd00::/8`) or host names allowed though private. */
  allow?: readonly string[];
  resolve?: Resolver;
  /** Idle keep-alive of the guard's connection pool. */
  keepAliveTimeoutMs?: number;
}

/** Requests to URLs a user supplied go through this: a connection pool that only reaches allowed addresses. */
export interface OutboundGuard {
  /** Pass as `dispatcher` to undici's `fetch` or `request`. */
  readonly dispatcher: Dispatcher;
  /** Why an address may not be reached, or undefined when it may. */
  refusal(address: string): string | undefined;
  close(): Promise<void>;
}

// Loopback, private, link-local (including cloud metadata at 169.254.169.254), CGNAT (and Alibaba's
// metadata at 100.100.100.200), and addresses that are not unicast destinations at all.
const blockedV4: ReadonlyArray<[string, number, string]> = [
  ['0.0.0.0', 8, 'this-network'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local or cloud metadata'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];
// IPv4-mapped addresses (::ffff:a.b.c.d) are checked against the IPv4 ranges by BlockList itself.
const blockedV6: ReadonlyArray<[string, number, string]> = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['fc00::', 7, 'unique local (including cloud metadata at fd00:ec2::254)'],
  ['fe80::', 10, 'link-local'],
  ['ff00::', 8, 'multicast'],
];
const metadataHosts = new Set([
  'metadata.google.internal',
  'metadata',
  'instance-data',
  'metadata.azure.internal',
]);

function rangesOf(list: ReadonlyArray<[string, number, string]>, family: 'ipv4' | 'ipv6') {
  return list.map(([network, prefix, why]) => {
    const one = new BlockList();
    one.addSubnet(network, prefix, family);
    return { one, why };
  });
}
const ranges = [...rangesOf(blockedV4, 'ipv4'), ...rangesOf(blockedV6, 'ipv6')];

/** The IPv4 address a NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address carries, if it carries one. */
function embeddedV4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const groups = (prefix: string) => lower.slice(prefix.length).split(':').filter(Boolean);
  const dotted = (high: string, low: string) => {
    const value = (Number.parseInt(high, 16) << 16) | Number.parseInt(low, 16);
    return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
  };
  if (lower.startsWith('64:ff9b::')) {
    const tail = groups('64:ff9b::');
    if (tail.length === 1 && tail[0]?.includes('.')) return tail[0];
    if (tail.length === 2) return dotted(tail[0] as string, tail[1] as string);
  }
  if (lower.startsWith('2002:')) {
    const [, high, low] = lower.split(':');
    if (high && low) return dotted(high, low);
  }
  return undefined;
}

/** Why an IP address is not a public destination, or undefined when it is one. */
export function privateAddressReason(address: string): string | undefined {
  const family = isIP(address);
  if (family === 0) return 'not an IP address';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const { one, why } of ranges) if (one.check(address, type)) return why;
  const inner = family === 6 ? embeddedV4(address) : undefined;
  return inner === undefined ? undefined : privateAddressReason(inner);
}

/** Allowed addresses, ranges and host names, parsed once. */
function allowListOf(entries: readonly string[]) {
  const addresses = new BlockList();
  const hosts = new Set<string>();
  for (const entry of entries) {
    const [network = '', prefix] = entry.split('/');
    const family = isIP(network);
    if (family === 0) {
      if (prefix !== undefined) throw new Error(`outbound allow entry \`${entry}\` is not a valid range`);
      hosts.add(entry.toLowerCase());
      continue;
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) addresses.addAddress(network, type);
    else addresses.addSubnet(network, Number(prefix), type);
  }
  return {
    address: (address: string) => {
      const family = isIP(address);
      return family !== 0 && addresses.check(address, family === 4 ? 'ipv4' : 'ipv6');
    },
    host: (hostname: string) => hosts.has(hostname.toLowerCase()),
  };
}

const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true })).map((entry) => ({
    address: entry.address,
    family: entry.family === 6 ? 6 : 4,
  }));

/** An error a refused connection fails with: its message names the host and the reason, never a body. */
export class OutboundRefused extends Error {
  override readonly name = 'OutboundRefused';
  readonly code = 'outbound_refused';
}

/**
 * Builds the one guard for requests to user-supplied URLs (alert webhooks, fetched URLs). It refuses
 * loopback, private, link-local, CGNAT and metadata destinations unless allow-listed, and defeats DNS
 * rebinding by resolving each host once, checking every address it got, and connecting to the checked
 * address itself, so no second lookup can swap in another.
 */
export function createOutboundGuard(options: OutboundGuardOptions = {}): OutboundGuard {
  const allowed = allowListOf(options.allow ?? []);
  const resolve = options.resolve ?? systemResolver;
  const refusal = (address: string) => (allowed.address(address) ? undefined : privateAddressReason(address));
  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    const refuse = (why: string) =>
      callback(new OutboundRefused(`refused to connect to ${hostname}: ${why}`), '', 4);
    if (metadataHosts.has(hostname.toLowerCase()) && !allowed.host(hostname))
      return refuse('a cloud metadata host');
    resolve(hostname).then(
      (addresses) => {
        if (addresses.length === 0) return refuse('it resolves to no address');
        // A host allow-listed by name may resolve anywhere; otherwise every address must be public,
        // so a name that answers one public and one private address cannot be used either way.
        const why = allowed.host(hostname)
          ? undefined
          : addresses.map((entry) => refusal(entry.address)).find((reason) => reason !== undefined);
        if (why !== undefined) return refuse(`it resolves to a ${why} address`);
        const [first] = addresses as [ResolvedAddress];
        if (lookupOptions.all) return callback(null, [first] as never, first.family);
        return callback(null, first.address, first.family);
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, '', 4),
    );
  };
  const connector = buildConnector({ lookup });
  const dispatcher = new Agent({
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 10_000,
    // Host names are checked in `lookup`; an IP literal is connected to directly, so it is checked here.
    connect: (connectOptions, callback) => {
      const literal = connectOptions.hostname.replace(/^\[|\]$/g, '');
      if (isIP(literal) !== 0) {
        const why = refusal(literal);
        if (why !== undefined)
          return callback(new OutboundRefused(`refused to connect to ${literal}: a ${why} address`), null);
      }
      return connector(connectOptions, callback);
    },
  });
  return { dispatcher, refusal, close: () => dispatcher.close() };
}
