import type { SignatureV4 } from '@smithy/signature-v4';

/** The AWS credentials Bedrock requests are signed with. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Present for temporary credentials (STS, SSO); sent as `x-amz-security-token`. */
  sessionToken?: string | undefined;
}

/** A request to sign: the exact method, origin, path, headers and body bytes that will be sent. */
export interface RequestToSign {
  method: 'GET' | 'POST';
  /** Scheme, host and port, e.g. `https://bedrock-runtime.us-east-1.amazonaws.com`. */
  origin: string;
  /** The path as sent on the wire (already percent-encoded), without a query. */
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** Signs one request; `signingDate` is fixed only in tests. Returns every header to send, `host` included. */
export type BedrockSigner = (request: RequestToSign, signingDate?: Date) => Promise<Record<string, string>>;

// The AWS SDK's signer costs several MB of memory once loaded, so a gateway without Bedrock never loads it.
async function loadSigner(region: string, credentials: AwsCredentials): Promise<SignatureV4> {
  const [{ Hash }, { SignatureV4 }] = await Promise.all([
    import('@smithy/hash-node'),
    import('@smithy/signature-v4'),
  ]);
  class Sha256 extends Hash {
    constructor(secret?: ConstructorParameters<typeof Hash>[1]) {
      super('sha256', secret);
    }
  }
  return new SignatureV4({
    service: 'bedrock',
    region,
    sha256: Sha256,
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
    },
    // Like every AWS service but S3, Bedrock signs the path percent-encoded once more.
    uriEscapePath: true,
  });
}

/** Builds a Signature Version 4 signer for the `bedrock` service in one region. */
export function createBedrockSigner(region: string, credentials: AwsCredentials): BedrockSigner {
  let signer: Promise<SignatureV4> | undefined;
  return async (request, signingDate) => {
    signer ??= loadSigner(region, credentials);
    const url = new URL(request.origin);
    const signed = await (await signer).sign(
      {
        method: request.method,
        protocol: url.protocol,
        hostname: url.hostname,
        ...(url.port === '' ? {} : { port: Number(url.port) }),
        path: request.path,
        query: {},
        headers: { ...request.headers, host: url.host },
        body: request.body,
      },
      signingDate === undefined ? {} : { signingDate },
    );
    return { ...signed.headers };
  };
}
