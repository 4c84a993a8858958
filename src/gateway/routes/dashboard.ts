import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { StrataError } from '../../core/errors.js';
import { spendsNothing } from '../route-table.js';
import { validate } from '../validate.js';

/** Where `npm run build` writes the dashboard, beside the compiled gateway. */
export const builtDashboard = fileURLToPath(new URL('../../../web/', import.meta.url));

/**
 * The dashboard's Content-Security-Policy: its own scripts, styles and API only; no inline script,
 * no framing. Style attributes that scripts set through the DOM are not inline styles to CSP.
 */
const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders = {
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

const mediaTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** A built file held in memory, with its gzipped form when that is smaller. */
interface BuiltFile {
  type: string;
  body: Buffer;
  gzipped: Buffer | undefined;
}

function load(path: string): BuiltFile {
  const body = readFileSync(path);
  const type = mediaTypes[extname(path)] ?? 'application/octet-stream';
  const gzipped = type.startsWith('image/png') || type.startsWith('font/') ? undefined : gzipSync(body);
  return { type, body, gzipped: gzipped && gzipped.length < body.length ? gzipped : undefined };
}

function send(request: FastifyRequest, reply: FastifyReply, file: BuiltFile, cacheControl: string) {
  reply.headers({
    ...securityHeaders,
    'content-type': file.type,
    'cache-control': cacheControl,
    vary: 'accept-encoding',
  });
  if (file.gzipped && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
    return reply.header('content-encoding', 'gzip').send(file.gzipped);
  }
  return reply.send(file.body);
}

const assetParamsSchema = z.object({
  file: z.string().regex(/^[\w.-]{1,200}$/, 'expected an asset file name'),
});

/**
 * `GET /` (the dashboard's page) and `GET /assets/{file}` (its hashed scripts and styles, cached for a year).
 * Files are read once, on first use; without a build, `/` says how to make one.
 */
export function dashboardRoutes(app: FastifyInstance, directory = builtDashboard): void {
  const files = new Map<string, BuiltFile>();
  const file = (name: string): BuiltFile | undefined => {
    const cached = files.get(name);
    if (cached) return cached;
    const path = join(directory, name);
    if (!existsSync(path)) return undefined;
    const loaded = load(path);
    files.set(name, loaded);
    return loaded;
  };
  const assets = existsSync(join(directory, 'assets'))
    ? new Set(readdirSync(join(directory, 'assets')))
    : new Set();

  app.get('/', spendsNothing, async (request, reply) => {
    const page = file('index.html');
    if (!page) throw new StrataError('not_found', 'The dashboard is not built; run `npm run build`.');
    return send(request, reply, page, 'no-cache');
  });
  app.get('/assets/:file', spendsNothing, async (request, reply) => {
    const { file: name } = validate(assetParamsSchema, request.params);
    const asset = assets.has(name) ? file(`assets/${name}`) : undefined;
    if (!asset) throw new StrataError('not_found', `No dashboard asset \`${name}\`.`, { param: 'path' });
    // Asset names carry a hash of their content, so a name never changes meaning.
    return send(request, reply, asset, 'public, max-age=31536000, immutable');
  });
}
