import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';

/** One request the fake upstream received, body read in full. */
export interface RecordedRequest {
  method: string;
  /** Path plus query string, e.g. `/v1/chat/completions?api-version=…`. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Answers one recorded request; `response` is the real node:http response on a real socket. */
export type FakeUpstreamHandler = (
  request: RecordedRequest,
  response: ServerResponse,
  incoming: IncomingMessage,
) => void | Promise<void>;

/** A running loopback HTTP server standing in for a provider. */
export interface FakeUpstream {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  /** Every request received so far, in order. */
  requests: RecordedRequest[];
  /** Stops listening and destroys any open connection. */
  close(): Promise<void>;
}

/** Starts a fake provider on 127.0.0.1 (a free port) that records each request and lets `handler` answer. */
export async function startFakeUpstream(handler: FakeUpstreamHandler): Promise<FakeUpstream> {
  const requests: RecordedRequest[] = [];
  const server = createServer((incoming, response) => {
    const parts: Buffer[] = [];
    incoming.on('data', (part: Buffer) => parts.push(part));
    incoming.on('end', () => {
      const recorded: RecordedRequest = {
        method: incoming.method ?? 'GET',
        path: incoming.url ?? '/',
        headers: incoming.headers,
        body: Buffer.concat(parts).toString('utf8'),
      };
      requests.push(recorded);
      Promise.resolve(handler(recorded, response, incoming)).catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(`fake upstream handler failed: ${String(error)}`);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('the fake upstream has no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * An OpenAI embeddings answer to a recorded request body: one two-number vector per input, and
 * `tokensPerInput` prompt tokens per input.
 */
export function embeddingsAnswer(requestBody: string, model: string, tokensPerInput = 1): string {
  const { input } = JSON.parse(requestBody) as { input: unknown };
  const inputs = Array.isArray(input) ? input : [input];
  const tokens = tokensPerInput * inputs.length;
  return JSON.stringify({
    object: 'list',
    data: inputs.map((_input, index) => ({ object: 'embedding', index, embedding: [0.1, 0.2] })),
    model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}
