import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { diffPromptVersions } from '../evaluation/prompts/prompt-diff.js';
import type { PromptsRepository } from '../store/prompts-repository.js';
import { CliError, withStack } from './common.js';
import { formatTable } from './table.js';

/** The flags `strata prompts` reads. */
export interface PromptsOptions {
  config?: string;
  json: boolean;
  file?: string;
  template?: string;
  labels?: string[];
  note?: string;
  version?: number;
  label?: string;
}

/** A prompt file: messages with `{{variables}}`, optional settings. */
const promptFileSchema = z.strictObject({
  messages: z
    .array(
      z.strictObject({ role: z.enum(['system', 'developer', 'user', 'assistant']), content: z.string() }),
    )
    .min(1),
  settings: z.record(z.string(), z.unknown()).default({}),
});

const usage = `Usage: strata prompts list|show|create|label|diff <name> …
Run \`strata prompts --help\` for the options.`;

/** `strata prompts …`: versioned prompt templates with labels, on the store the gateway uses. */
export async function promptsCommand(action: string | undefined, rest: string[], options: PromptsOptions) {
  await withStack(options.config, (stack) => run(stack.evaluation.prompts, action, rest, options));
}

async function run(
  prompts: PromptsRepository,
  action: string | undefined,
  rest: string[],
  options: PromptsOptions,
) {
  if (action === 'list') {
    const all = await prompts.list();
    if (options.json) return void console.log(JSON.stringify(all));
    if (all.length === 0)
      return void console.log('No prompts yet. Create one with: strata prompts create <name> --template "…"');
    return void console.log(
      formatTable([
        ['name', 'latest', 'labels', 'updated'],
        ...all.map((prompt) => [
          prompt.name,
          prompt.latestVersion,
          Object.entries(prompt.labels)
            .map(([label, version]) => `${label}=v${version}`)
            .join(' '),
          prompt.updatedAt,
        ]),
      ]),
    );
  }
  const [name, first, second] = rest;
  if (name === undefined) throw new CliError(usage);
  switch (action) {
    case 'create': {
      const body = await promptBody(options);
      const created = await prompts.create({
        name,
        ...body,
        note: options.note ?? '',
        labels: options.labels ?? [],
      });
      return void console.log(
        options.json
          ? JSON.stringify(created)
          : `Stored ${name} version ${created.version}${created.labels.length > 0 ? ` (${created.labels.join(', ')})` : ''}.`,
      );
    }
    case 'show': {
      const version = await prompts.resolve(name, { version: options.version, label: options.label });
      if (!version) throw new CliError(`There is no prompt ${name} at that version or label.`);
      if (options.json) return void console.log(JSON.stringify(version));
      console.log(
        `${version.name} version ${version.version}${version.labels.length > 0 ? ` [${version.labels.join(', ')}]` : ''} ${version.note}`.trimEnd(),
      );
      for (const message of version.messages) console.log(`${message.role}: ${message.content}`);
      if (Object.keys(version.settings).length > 0)
        console.log(`settings: ${JSON.stringify(version.settings)}`);
      return;
    }
    case 'label': {
      if (first === undefined || options.version === undefined)
        throw new CliError('Usage: strata prompts label <name> <label> --version N');
      if (!(await prompts.setLabel(name, first, options.version)))
        throw new CliError(`Prompt ${name} has no version ${options.version}.`);
      return void console.log(`${name}: ${first} now points at version ${options.version}.`);
    }
    case 'diff': {
      const [from, to] = [Number(first), Number(second)];
      if (!Number.isInteger(from) || !Number.isInteger(to))
        throw new CliError('Usage: strata prompts diff <name> <from> <to>');
      const [before, after] = await Promise.all([
        prompts.resolve(name, { version: from }),
        prompts.resolve(name, { version: to }),
      ]);
      if (!before || !after) throw new CliError(`Prompt ${name} has no version ${before ? to : from}.`);
      const lines = diffPromptVersions(before, after);
      if (options.json) return void console.log(JSON.stringify(lines));
      return void console.log(lines.map((line) => `${line.op} ${line.text}`).join('\n'));
    }
    default:
      throw new CliError(usage);
  }
}

async function promptBody(options: PromptsOptions): Promise<z.output<typeof promptFileSchema>> {
  if (options.template !== undefined)
    return { messages: [{ role: 'user', content: options.template }], settings: {} };
  if (options.file === undefined)
    throw new CliError('strata prompts create needs --template "…" or --file prompt.yaml');
  const text = await readFile(options.file, 'utf8').catch((error: Error) => {
    throw new CliError(`Cannot read ${options.file}: ${error.message}`);
  });
  const parsed = promptFileSchema.safeParse(parseYaml(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(
      `The prompt file ${options.file}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'is invalid'}`,
    );
  }
  return parsed.data;
}
