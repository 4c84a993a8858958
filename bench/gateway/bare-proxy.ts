/**
 * The floor for a Node gateway, run as its own process: a bare node:http server that pipes
 * `POST /v1/chat/completions` to the upstream through an undici Pool without parsing anything.
 * `node bare-proxy.js <upstream-origin> [port]` prints `listening <port>` once ready.
 */

import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';

const upstreamOrigin = process.argv[2];
if (upstreamOrigin === undefined) {
  process.stderr.write('usage: bare-proxy <upstream-origin> [port]\n');
  process.exit(2);
}

const pool = new Pool(upstreamOrigin, { keepAliveTimeout: 60_000 });
const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'upgrade']);

function forwardable(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !hopByHop.has(name)) kept[name] = value;
  }
  return kept;
}

const server = createServer(async (request, response) => {
  if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
    request.resume();
    response.writeHead(404).end();
    return;
  }
  try {
    const upstream = await pool.request({
      path: request.url,
      method: 'POST',
      headers: forwardable(request.headers),
      body: request,
    });
    response.writeHead(upstream.statusCode, forwardable(upstream.headers) as OutgoingHttpHeaders);
    // A plain loop measured cheaper per request than stream.pipeline, and the floor should be the cheapest honest relay.
    for await (const chunk of upstream.body) {
      if (!response.write(chunk)) await once(response, 'drain');
    }
    response.end();
  } catch {
    if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/json' });
    response.end();
  }
});

server.keepAliveTimeout = 60_000;
server.listen(Number(process.argv[3] ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => void pool.close().then(() => process.exit(0))));
