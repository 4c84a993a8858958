import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST a webhook receiver was sent. */
export interface ReceivedHook {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** A loopback webhook endpoint that keeps every JSON body POSTed to it. */
export interface WebhookReceiver {
  url: string;
  received: ReceivedHook[];
  /** The bodies POSTed to one path. */
  bodiesAt(path: string): unknown[];
  /** Makes one path answer with this status from now on. */
  failAt(path: string, status: number): void;
  close(): Promise<void>;
}

/** Starts a webhook receiver on 127.0.0.1 and a free port. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedHook[] = [];
  const failing = new Map<string, number>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      received.push({ path, headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString()) });
      response.writeHead(failing.get(path) ?? 204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    bodiesAt: (path) => received.filter((hook) => hook.path === path).map((hook) => hook.body),
    failAt: (path, status) => failing.set(path, status),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
