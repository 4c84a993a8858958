import type { ReportUsage } from '../core/call-report.js';
import type { AttributeValue } from './span-record.js';

// Provider kinds whose name the OpenTelemetry GenAI conventions spell differently.
const providerNames: Readonly<Record<string, string>> = {
  gemini: 'gcp.gemini',
  bedrock: 'aws.bedrock',
  azure: 'azure.ai.openai',
  mistral: 'mistral_ai',
  xai: 'x_ai',
};

/** `gen_ai.provider.name` for an adapter kind or preset (`openai`, `anthropic`, `gcp.gemini`, …). */
export function genAiProviderName(kind: string | null, provider: string | null): string {
  const name = kind === 'openai-compatible' ? (provider ?? kind) : (kind ?? provider ?? 'unknown');
  return providerNames[name] ?? name;
}

/** The `gen_ai.usage.*` attributes of a usage: input counts cached reads and cache writes too. */
export function usageAttributes(usage: ReportUsage, into: Record<string, AttributeValue>): void {
  into['gen_ai.usage.input_tokens'] = usage.inputTokens + usage.cachedInputTokens + usage.cacheWriteTokens;
  into['gen_ai.usage.output_tokens'] = usage.outputTokens;
  if (usage.cachedInputTokens > 0) into['gen_ai.usage.cache_read.input_tokens'] = usage.cachedInputTokens;
  if (usage.cacheWriteTokens > 0) into['gen_ai.usage.cache_creation.input_tokens'] = usage.cacheWriteTokens;
  if (usage.reasoningTokens > 0) into['gen_ai.usage.reasoning.output_tokens'] = usage.reasoningTokens;
  if (usage.estimated) into['strata.usage.estimated'] = true;
}
