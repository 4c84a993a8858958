/**
 * Picks the tokenizer for a provider's model id. OpenAI families map to their tiktoken encodings,
 * the Llama 3 family (under any host's naming) to the Llama 3 vocabulary; everything else gets the
 * character estimate, flagged inexact.
 */
import { encodingCounter } from './encodings.js';
import { estimateTokens } from './estimate.js';
import type { Tokenizer } from './tokenizer.js';

const o200k: Tokenizer = {
  name: 'o200k_base',
  exact: true,
  count: (text) => encodingCounter('o200k_base')(text),
};
const cl100k: Tokenizer = {
  name: 'cl100k_base',
  exact: true,
  count: (text) => encodingCounter('cl100k_base')(text),
};
const llama3: Tokenizer = { name: 'llama3', exact: true, count: (text) => encodingCounter('llama3')(text) };
const estimate: Tokenizer = { name: 'estimate', exact: false, count: estimateTokens };
// tiktoken's own fallback for unknown OpenAI models: the newest encoding, but only a guess.
const o200kGuess: Tokenizer = { ...o200k, exact: false };

const o200kFamilies =
  /^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o1|o3|o4|gpt-oss|codex-mini|omni-moderation)/;
const cl100kFamilies = /^(gpt-4|gpt-35-turbo|gpt-3\.5|text-embedding-3-|text-embedding-ada-002)/;
// llama-3, llama3, Llama-3.3-70B, llama-v3p1 (Fireworks), meta.llama3-1 (Bedrock), llama3.2:3b (Ollama).
const llama3Family = /llama[-_.]?v?3/;
const openAIProviders = new Set(['openai', 'azure', 'azure-openai']);

/** Returns the tokenizer that counts like the given provider's model. */
export function tokenizerFor(provider: string, model: string): Tokenizer {
  const id = model.toLowerCase();
  // Host prefixes ("openai/gpt-4o", "accounts/fireworks/models/…") and fine-tune wrappers ("ft:gpt-4o:…").
  const base = (id.split('/').pop() ?? id).replace(/^ft:/, '');
  if (o200kFamilies.test(base)) return o200k;
  if (cl100kFamilies.test(base)) return cl100k;
  if (llama3Family.test(base)) return llama3;
  if (openAIProviders.has(provider.toLowerCase())) return o200kGuess;
  return estimate;
}
