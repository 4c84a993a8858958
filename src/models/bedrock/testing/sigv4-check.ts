import { createHash, createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** What a received request's Authorization header says, and the signature recomputed from its bytes. */
export interface SignatureCheck {
  accessKeyId: string;
  /** `<yyyymmdd>/<region>/<service>/aws4_request`. */
  scope: string;
  signedHeaders: string[];
  signature: string;
  /** The signature recomputed, independently of the signer under test, from what arrived. */
  expected: string;
}

const authorizationPattern =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8}\/[^/]+\/[^/]+\/aws4_request), SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

/**
 * Parses a Signature Version 4 Authorization header and recomputes the signature from the method,
 * path, headers and body as received, following AWS's published algorithm step by step.
 */
export function checkSignature(
  request: { method: string; path: string; headers: IncomingHttpHeaders; body: string },
  secretAccessKey: string,
): SignatureCheck {
  const match = authorizationPattern.exec(String(request.headers.authorization ?? ''));
  if (match === null) throw new Error(`not a SigV4 Authorization header: ${request.headers.authorization}`);
  const [, accessKeyId = '', scope = '', headerList = '', signature = ''] = match;
  const signedHeaders = headerList.split(';');
  const [date = '', region = '', service = ''] = scope.split('/');
  const canonicalRequest = [
    request.method,
    canonicalPath(request.path),
    '',
    ...signedHeaders.map((name) => `${name}:${String(request.headers[name] ?? '').trim()}`),
    '',
    headerList,
    sha256(request.body),
  ].join('\n');
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    String(request.headers['x-amz-date']),
    scope,
    sha256(canonicalRequest),
  ].join('\n');
  let key: Buffer = hmac(`AWS4${secretAccessKey}`, date);
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part);
  const expected = createHmac('sha256', key).update(stringToSign).digest('hex');
  return { accessKeyId, scope, signedHeaders, signature, expected };
}

/** Hex SHA-256 of a string, as SigV4 hashes payloads and canonical requests. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

// Services other than S3 percent-encode each path segment a second time for the canonical request.
function canonicalPath(path: string): string {
  return path
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(
        /[!'()*]/g,
        (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
      ),
    )
    .join('/');
}
