import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fetch } from 'undici';
import { createOutboundGuard, privateAddressReason, type ResolvedAddress } from './outbound-guard.js';

describe('outbound guard', () => {
  let server: Server;
  let port: number;
  let received = 0;

  before(async () => {
    server = createServer((_request, response) => {
      received++;
      response.end('reached');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('names loopback, private, link-local, CGNAT and metadata addresses, IPv4, IPv6 and mapped', () => {
    const refused = [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '100.64.0.1',
      '100.100.100.200',
      '169.254.169.254',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fe80::1',
      'fd00:ec2::254',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:169.254.169.254',
      '64:ff9b::a9fe:a9fe',
      '2002:7f00:1::1',
    ];
    for (const address of refused) assert.ok(privateAddressReason(address), `${address} is refused`);
    for (const address of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])
      assert.equal(privateAddressReason(address), undefined, `${address} is public`);
  });

  it('refuses a loopback URL unless loopback is allow-listed', async () => {
    const guard = createOutboundGuard();
    const allowed = createOutboundGuard({ allow: ['127.0.0.0/8'] });
    try {
      const before = received;
      for (const url of [
        `http://127.0.0.1:${port}/`,
        `http://[::1]:${port}/`,
        `http://[::ffff:127.0.0.1]:${port}/`,
      ])
        await assert.rejects(fetch(url, { dispatcher: guard.dispatcher }), (error: Error) => {
          assert.match(String((error.cause as Error | undefined)?.message), /refused to connect .*loopback/);
          return true;
        });
      assert.equal(received, before, 'nothing reached the server');
      const response = await fetch(`http://127.0.0.1:${port}/`, { dispatcher: allowed.dispatcher });
      assert.equal(await response.text(), 'reached');
    } finally {
      await guard.close();
      await allowed.close();
    }
  });

  it('resolves once and connects to what it checked, so a rebinding second answer is never used', async () => {
    const answers: ResolvedAddress[][] = [
      [{ address: '192.0.2.10', family: 4 }],
      [{ address: '127.0.0.1', family: 4 }],
    ];
    let lookups = 0;
    const guard = createOutboundGuard({
      resolve: async () => answers[Math.min(lookups++, answers.length - 1)] ?? [],
    });
    try {
      const before = received;
      // The first answer is public, so the guard connects there (a documentation address nobody
      // answers); a checker that looked the name up again to connect would have reached loopback.
      await assert.rejects(
        fetch(`http://rebind.example:${port}/`, {
          dispatcher: guard.dispatcher,
          signal: AbortSignal.timeout(500),
        }),
      );
      assert.equal(lookups, 1, 'one lookup per connection');
      assert.equal(received, before);
      // The next connection looks the name up again, gets loopback, and is refused.
      await assert.rejects(
        fetch(`http://rebind.example:${port}/`, { dispatcher: guard.dispatcher }),
        (error: Error) => {
          assert.match(String((error.cause as Error | undefined)?.message), /rebind\.example.*loopback/);
          return true;
        },
      );
      assert.equal(received, before, 'nothing reached the loopback server');
    } finally {
      await guard.close();
    }
  });

  it('refuses a name with any private address, and metadata names, unless the name is allowed', async () => {
    const mixed = createOutboundGuard({
      resolve: async () => [
        { address: '8.8.8.8', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ],
    });
    const named = createOutboundGuard({
      allow: ['hooks.internal'],
      resolve: async () => [{ address: '127.0.0.1', family: 4 }],
    });
    try {
      await assert.rejects(fetch(`http://mixed.example:${port}/`, { dispatcher: mixed.dispatcher }));
      await assert.rejects(
        fetch('http://metadata.google.internal/computeMetadata/v1/', { dispatcher: mixed.dispatcher }),
        (error: Error) => {
          assert.match(String((error.cause as Error | undefined)?.message), /metadata/);
          return true;
        },
      );
      const response = await fetch(`http://hooks.internal:${port}/`, { dispatcher: named.dispatcher });
      assert.equal(await response.text(), 'reached');
    } finally {
      await mixed.close();
      await named.close();
    }
  });
});
