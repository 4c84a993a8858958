/**
 * A loopback OpenAI-compatible upstream for the gateway bench, run as its own process:
 * `node mock-upstream.js [port]` prints `listening <port>` once ready.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { completionBody, modelsBody, streamEvents } from './mock-responses.js';

const streamFlag = /"stream"\s*:\s*true/;

const jsonHeaders = { 'content-type': 'application/json', 'content-length': completionBody.length };
const sseHeaders = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
};

function sendStream(response: ServerResponse): void {
  response.writeHead(200, sseHeaders);
  // Each event is its own write, as a real upstream emits them, so a proxy sees realistic framing.
  for (const event of streamEvents) response.write(event);
  response.end();
}

function handleChat(request: IncomingMessage, response: ServerResponse): void {
  const parts: Buffer[] = [];
  request.on('data', (part: Buffer) => parts.push(part));
  request.on('end', () => {
    // A regular expression over the raw text is enough to tell the two modes apart and far cheaper than parsing.
    if (streamFlag.test(Buffer.concat(parts).toString('latin1'))) sendStream(response);
    else response.writeHead(200, jsonHeaders).end(completionBody);
  });
}

const server = createServer((request, response) => {
  if (request.method === 'POST' && request.url === '/v1/chat/completions') {
    handleChat(request, response);
    return;
  }
  request.resume();
  if (request.method === 'GET' && request.url === '/v1/models') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(modelsBody);
    return;
  }
  response
    .writeHead(404, { 'content-type': 'application/json' })
    .end('{"error":{"message":"not found","type":"invalid_request_error","param":null,"code":"not_found"}}');
});

server.keepAliveTimeout = 60_000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
