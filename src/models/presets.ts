/** What Strata needs to know to call one OpenAI-compatible service. */
export interface OpenAIPreset {
  kind: string;
  baseURL: string;
  /** The environment variable conventionally holding the key. */
  apiKeyEnv?: string;
  /** False for local servers that accept any or no key. */
  needsKey: boolean;
  embeddings: boolean;
  /** Whether `stream_options: {include_usage: true}` is accepted. */
  supportsStreamUsage: boolean;
  /** Request fields the service rejects or silently ignores, per its published reference. */
  unsupportedParameters: readonly string[];
}

/** The OpenAI family: hosted services and local servers that speak Chat Completions. */
export const openAIPresets = {
  openai: {
    kind: 'openai',
    baseURL: 'https://api.openai.com/v1',
    apiKeyEnv: 'OPENAI_API_KEY',
    needsKey: true,
    embeddings: true,
    supportsStreamUsage: true,
    unsupportedParameters: [],
  },
  // console.groq.com/docs/openai: logprobs, logit_bias, top_logprobs and n != 1 answer 400 (so does
  // messages[].name, which is not a top-level field). No embeddings endpoint.
  groq: {
    kind: 'groq',
    baseURL: 'https://api.groq.com/openai/v1',
    apiKeyEnv: 'GROQ_API_KEY',
    needsKey: true,
    embeddings: false,
    supportsStreamUsage: true,
    unsupportedParameters: ['logprobs', 'top_logprobs', 'logit_bias', 'n'],
  },
  // docs.together.ai: the final stream chunk always carries usage; stream_options is not documented.
  together: {
    kind: 'together',
    baseURL: 'https://api.together.xyz/v1',
    apiKeyEnv: 'TOGETHER_API_KEY',
    needsKey: true,
    embeddings: true,
    supportsStreamUsage: false,
    unsupportedParameters: [],
  },
  // docs.mistral.ai/api: the chat request schema has no logit_bias, logprobs or top_logprobs (it uses
  // random_seed, not seed); usage arrives in the last stream chunk without stream_options.
  mistral: {
    kind: 'mistral',
    baseURL: 'https://api.mistral.ai/v1',
    apiKeyEnv: 'MISTRAL_API_KEY',
    needsKey: true,
    embeddings: true,
    supportsStreamUsage: false,
    unsupportedParameters: ['logit_bias', 'logprobs', 'top_logprobs'],
  },
  // api-docs.deepseek.com: stream_options.include_usage is documented; there is no embeddings API.
  deepseek: {
    kind: 'deepseek',
    baseURL: 'https://api.deepseek.com/v1',
    apiKeyEnv: 'DEEPSEEK_API_KEY',
    needsKey: true,
    embeddings: false,
    supportsStreamUsage: true,
    unsupportedParameters: [],
  },
  // docs.fireworks.ai: OpenAI-compatible chat and embeddings; usage comes on the last stream chunk.
  fireworks: {
    kind: 'fireworks',
    baseURL: 'https://api.fireworks.ai/inference/v1',
    apiKeyEnv: 'FIREWORKS_API_KEY',
    needsKey: true,
    embeddings: true,
    supportsStreamUsage: false,
    unsupportedParameters: [],
  },
  // openrouter.ai/docs: stream_options.include_usage is accepted (usage is always sent now).
  openrouter: {
    kind: 'openrouter',
    baseURL: 'https://openrouter.ai/api/v1',
    apiKeyEnv: 'OPENROUTER_API_KEY',
    needsKey: true,
    embeddings: true,
    supportsStreamUsage: true,
    unsupportedParameters: [],
  },
  // docs.x.ai: Chat Completions with stream_options; no embeddings models are offered.
  xai: {
    kind: 'xai',
    baseURL: 'https://api.x.ai/v1',
    apiKeyEnv: 'XAI_API_KEY',
    needsKey: true,
    embeddings: false,
    supportsStreamUsage: true,
    unsupportedParameters: [],
  },
  // docs.perplexity.ai (OpenAI compatibility): Sonar takes no tools and drops logit_bias and logprobs;
  // there is no embeddings endpoint.
  perplexity: {
    kind: 'perplexity',
    baseURL: 'https://api.perplexity.ai',
    apiKeyEnv: 'PERPLEXITY_API_KEY',
    needsKey: true,
    embeddings: false,
    supportsStreamUsage: false,
    unsupportedParameters: ['tools', 'tool_choice', 'logit_bias', 'logprobs', 'top_logprobs'],
  },
  // docs.ollama.com/api/openai-compatibility: logit_bias and n are not among the supported fields.
  ollama: {
    kind: 'ollama',
    baseURL: 'http://127.0.0.1:11434/v1',
    needsKey: false,
    embeddings: true,
    supportsStreamUsage: true,
    unsupportedParameters: ['logit_bias', 'n'],
  },
  // docs.vllm.ai: the OpenAI server supports stream_options; embeddings need an embedding model.
  vllm: {
    kind: 'vllm',
    baseURL: 'http://127.0.0.1:8000/v1',
    needsKey: false,
    embeddings: true,
    supportsStreamUsage: true,
    unsupportedParameters: [],
  },
  // llama.cpp server README: one choice per request; embeddings need `--embeddings`.
  llamacpp: {
    kind: 'llamacpp',
    baseURL: 'http://127.0.0.1:8080/v1',
    needsKey: false,
    embeddings: true,
    supportsStreamUsage: false,
    unsupportedParameters: ['n'],
  },
  // lmstudio.ai/docs: OpenAI-compatible chat and embeddings endpoints.
  lmstudio: {
    kind: 'lmstudio',
    baseURL: 'http://127.0.0.1:1234/v1',
    needsKey: false,
    embeddings: true,
    supportsStreamUsage: false,
    unsupportedParameters: [],
  },
} as const satisfies Record<string, OpenAIPreset>;

/** The name of a built-in OpenAI-family preset. */
export type OpenAIPresetName = keyof typeof openAIPresets;

const presetsByName: ReadonlyMap<string, OpenAIPreset> = new Map(Object.entries(openAIPresets));

/** Looks up a preset by name, or undefined when `name` is not one. */
export function findOpenAIPreset(name: string): OpenAIPreset | undefined {
  return presetsByName.get(name);
}
