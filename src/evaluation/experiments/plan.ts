import { StrataError } from '../../core/errors.js';
import { renderTemplate } from '../../core/render-template.js';
import type { ChatMessage, ChatRequest } from '../../core/types.js';
import type { DatasetItemRecord } from '../../store/datasets-repository.js';
import type { PromptSelector, PromptVersionRecord } from '../../store/prompts-repository.js';
import type { Assertion } from '../assertions/assertion.js';
import { createAssertion } from '../assertions/create-assertion.js';
import { inputText, varsOf } from '../datasets/dataset-file.js';
import type { EvalConfig } from './eval-config.js';

/** A prompt template a variant sends: inline, or a managed prompt's version. */
export interface PromptTemplate {
  id: string;
  messages: Array<{ role: string; content: string }>;
  settings: Record<string, unknown>;
  /** Set for a managed prompt, so each call records which version it used. */
  managed?: { name: string; version: number };
}

/** One side of a comparison: a model (or route) with parameters and a prompt. */
export interface Variant {
  label: string;
  model: string;
  params: Record<string, unknown>;
  prompt: PromptTemplate | undefined;
}

/** One test case: its variables, reference answer, input messages (from a dataset) and assertions. */
export interface EvalCase {
  key: string;
  description?: string | undefined;
  vars: Record<string, unknown>;
  expected?: string | undefined;
  input?: unknown[] | undefined;
  assertions: Assertion[];
}

/** Looks up managed prompts by name and label or version. */
export type ResolvePrompt = (
  name: string,
  selector: PromptSelector,
) => Promise<PromptVersionRecord | undefined>;

/** The variants of a config: every provider with every prompt (or with the test input when none). */
export async function variantsOf(config: EvalConfig, resolvePrompt: ResolvePrompt): Promise<Variant[]> {
  const prompts = await Promise.all(
    config.prompts.map((prompt, index) => templateOf(prompt, index, resolvePrompt)),
  );
  const variants: Variant[] = [];
  for (const provider of config.providers) {
    const model = typeof provider === 'string' ? provider : provider.id;
    const base = typeof provider === 'string' ? provider : (provider.label ?? provider.id);
    const params = typeof provider === 'string' ? {} : provider.config;
    for (const prompt of prompts.length > 0 ? prompts : [undefined]) {
      const label = prompt === undefined || prompts.length === 1 ? base : `${base} · ${prompt.id}`;
      variants.push({ label, model, params, prompt });
    }
  }
  const labels = variants.map((variant) => variant.label);
  const repeated = labels.find((label, index) => labels.indexOf(label) !== index);
  if (repeated !== undefined)
    throw invalid(`two variants are both called \`${repeated}\`: give the providers distinct labels`);
  return variants;
}

/** The cases of a config: inline tests, then dataset items, each with the default test merged in. */
export function casesOf(
  config: EvalConfig,
  items: readonly DatasetItemRecord[],
  options: { baseDirectory?: string | undefined } = {},
): EvalCase[] {
  const defaults = {
    ...(config.defaultTest.options.provider !== undefined && { judge: config.defaultTest.options.provider }),
    ...(options.baseDirectory !== undefined && { baseDirectory: options.baseDirectory }),
  };
  const build = (entries: EvalConfig['tests'][number]['assert']) =>
    [...config.defaultTest.assert, ...entries].map((entry) => createAssertion(entry, defaults));
  const inline = config.tests.map((test, index) => ({
    key: `test-${index + 1}`,
    description: test.description,
    vars: { ...config.defaultTest.vars, ...test.vars },
    expected: test.expected,
    assertions: build(test.assert),
  }));
  const fromData = items.map((item) => ({
    key: item.key,
    vars: { ...config.defaultTest.vars, ...varsOf(item.metadata), input: inputText(item.input) },
    expected: item.expected ?? undefined,
    input: item.input,
    assertions: build([]),
  }));
  return [...inline, ...fromData];
}

/** The chat request a variant sends for a case. */
export function requestFor(variant: Variant, testCase: EvalCase): ChatRequest {
  const messages = variant.prompt
    ? variant.prompt.messages.map((message) => ({
        role: message.role as ChatMessage['role'],
        content: renderTemplate(message.content, testCase.vars),
      }))
    : messagesOf(testCase);
  const { model: _model, ...settings } = variant.prompt?.settings ?? {};
  const passages = passagesOf(testCase.vars.passages);
  return {
    ...settings,
    ...variant.params,
    model: variant.model,
    messages,
    stream: false,
    ...(passages && { passages }),
  };
}

/** A `passages` variable (texts or `{text}` objects) as the request's passages, for grounded answering. */
function passagesOf(value: unknown): Array<{ id: string; text: string }> | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map((item, index) => ({
    id: String(index + 1),
    text: typeof item === 'string' ? item : String((item as { text?: unknown }).text ?? ''),
  }));
}

function messagesOf(testCase: EvalCase): ChatMessage[] {
  if (testCase.input) return testCase.input as ChatMessage[];
  const text = testCase.vars.input ?? testCase.vars.question ?? testCase.vars.prompt;
  if (typeof text !== 'string')
    throw invalid(`test ${testCase.key} has no prompt: add \`prompts\`, or an \`input\` variable`);
  return [{ role: 'user', content: text }];
}

async function templateOf(
  prompt: EvalConfig['prompts'][number],
  index: number,
  resolvePrompt: ResolvePrompt,
): Promise<PromptTemplate> {
  if (typeof prompt === 'string')
    return { id: `prompt-${index + 1}`, messages: [{ role: 'user', content: prompt }], settings: {} };
  if (prompt.prompt !== undefined) {
    const found = await resolvePrompt(prompt.prompt, { version: prompt.version, label: prompt.label });
    if (!found) {
      const which = prompt.version ?? prompt.label ?? 'latest';
      throw new StrataError('not_found', `There is no prompt \`${prompt.prompt}\` (${which}).`, {
        param: 'prompts',
      });
    }
    return {
      id: prompt.id ?? `${found.name}@v${found.version}`,
      messages: found.messages,
      settings: found.settings,
      managed: { name: found.name, version: found.version },
    };
  }
  const messages =
    prompt.messages ?? (prompt.raw !== undefined ? [{ role: 'user', content: prompt.raw }] : undefined);
  if (messages === undefined) throw invalid(`prompt ${index + 1} needs \`raw\`, \`messages\` or \`prompt\``);
  return { id: prompt.id ?? `prompt-${index + 1}`, messages, settings: {} };
}

function invalid(message: string): StrataError {
  return new StrataError('config_invalid', `The eval config: ${message}.`);
}
