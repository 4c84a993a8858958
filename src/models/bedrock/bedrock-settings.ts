import { StrataError } from '../../core/errors.js';
import type { Provider, ProviderDeps } from '../provider.js';
import { createBedrockProvider } from './bedrock-provider.js';

/** The config fields a Bedrock provider entry reads (snake_case, as in `strata.yaml`). */
export interface BedrockSettings {
  base_url?: string | undefined;
  timeout_ms?: number | undefined;
  region?: string | undefined;
  aws_access_key_id?: string | undefined;
  aws_secret_access_key?: string | undefined;
  aws_session_token?: string | undefined;
}

/** Builds the Bedrock provider `id` from its config entry; a missing setting throws `config_invalid`. */
export function createBedrockFromSettings(
  id: string,
  settings: BedrockSettings,
  deps: ProviderDeps,
): Provider {
  const { region, aws_access_key_id: accessKeyId, aws_secret_access_key: secretAccessKey } = settings;
  if (!region) throw needs(id, '`region` (e.g. us-east-1)');
  if (!accessKeyId) throw needs(id, '`aws_access_key_id`');
  if (!secretAccessKey) throw needs(id, '`aws_secret_access_key`');
  return createBedrockProvider(
    {
      id,
      region,
      credentials: {
        accessKeyId,
        secretAccessKey,
        sessionToken: settings.aws_session_token,
      },
      baseURL: settings.base_url,
      timeoutMs: settings.timeout_ms,
    },
    deps,
  );
}

function needs(id: string, setting: string): StrataError {
  return new StrataError(
    'config_invalid',
    `Provider \`${id}\` (providers.${id}) needs ${setting} for kind \`bedrock\`.`,
  );
}

/** Bedrock settings from AWS's conventional variables, or undefined when a required one is unset. */
export function bedrockSettingsFromEnvironment(
  variables: Readonly<Record<string, string | undefined>>,
): (BedrockSettings & { kind: 'bedrock' }) | undefined {
  const region = variables.AWS_REGION || variables.AWS_DEFAULT_REGION;
  const accessKeyId = variables.AWS_ACCESS_KEY_ID;
  const secretAccessKey = variables.AWS_SECRET_ACCESS_KEY;
  if (!region || !accessKeyId || !secretAccessKey) return undefined;
  return {
    kind: 'bedrock',
    region,
    aws_access_key_id: accessKeyId,
    aws_secret_access_key: secretAccessKey,
    ...(variables.AWS_SESSION_TOKEN ? { aws_session_token: variables.AWS_SESSION_TOKEN } : {}),
  };
}
