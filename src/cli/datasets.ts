import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { DatasetFormat } from '../evaluation/datasets/dataset-file.js';
import { inputText } from '../evaluation/datasets/dataset-file.js';
import type { DatasetService } from '../evaluation/datasets/dataset-service.js';
import { evaluationServices } from '../evaluation/evaluation-services.js';
import { CliError, withStack } from './common.js';
import { formatTable } from './table.js';

/** The flags `strata datasets` reads. */
export interface DatasetsOptions {
  config?: string;
  json: boolean;
  description?: string;
  version?: number;
  format?: string;
  model?: string;
  key?: string;
  from?: string;
  to?: string;
  scoreName?: string;
  minScore?: number;
  maxScore?: number;
  limit?: number;
}

const usage = `Usage: strata datasets list|show|create|import|export|from-traffic|delete <name> …
Run \`strata datasets --help\` for the options.`;

/** `strata datasets …`: versioned datasets for experiments, on the store the gateway uses. */
export async function datasetsCommand(action: string | undefined, rest: string[], options: DatasetsOptions) {
  await withStack(options.config, (stack) => run(evaluationServices(stack).datasets, action, rest, options));
}

async function run(
  datasets: DatasetService,
  action: string | undefined,
  rest: string[],
  options: DatasetsOptions,
) {
  if (action === 'list') {
    const all = await datasets.list();
    if (options.json) return void console.log(JSON.stringify(all));
    if (all.length === 0)
      return void console.log('No datasets yet. Create one with: strata datasets create <name>');
    return void console.log(
      formatTable([
        ['name', 'version', 'items', 'updated', 'description'],
        ...all.map((dataset) => [
          dataset.name,
          dataset.version,
          dataset.items,
          dataset.updatedAt,
          dataset.description,
        ]),
      ]),
    );
  }
  const [name, file] = rest;
  if (name === undefined) throw new CliError(usage);
  switch (action) {
    case 'create': {
      const created = await datasets.create(name, options.description);
      return void console.log(options.json ? JSON.stringify(created) : `Created dataset ${created.name}.`);
    }
    case 'delete':
      await datasets.delete(name);
      return void console.log(`Deleted dataset ${name}.`);
    case 'import': {
      if (file === undefined)
        throw new CliError('Usage: strata datasets import <name> <file.jsonl|file.csv>');
      const format = formatOf(options.format ?? (extname(file).toLowerCase() === '.csv' ? 'csv' : 'jsonl'));
      const text = await readFile(file, 'utf8').catch((error: Error) => {
        throw new CliError(`Cannot read ${file}: ${error.message}`);
      });
      if (!(await datasets.list()).some((dataset) => dataset.name === name))
        await datasets.create(name, options.description);
      const added = await datasets.import(name, text, format);
      return void console.log(
        options.json
          ? JSON.stringify(added)
          : `Added ${added.added} item(s); ${name} is at version ${added.version}.`,
      );
    }
    case 'from-traffic': {
      const added = await datasets.fromTraffic(name, {
        limit: options.limit ?? 100,
        ...(options.model !== undefined && { model: options.model }),
        ...(options.key !== undefined && { keyId: options.key }),
        ...(options.from !== undefined && { from: new Date(options.from).toISOString() }),
        ...(options.to !== undefined && { to: new Date(options.to).toISOString() }),
        ...(options.scoreName !== undefined && {
          score: { name: options.scoreName, min: options.minScore, max: options.maxScore },
        }),
      });
      return void console.log(
        options.json
          ? JSON.stringify(added)
          : `Added ${added.added} logged call(s)${added.skipped > 0 ? ` (${added.skipped} skipped: no captured content)` : ''}; ${name} is at version ${added.version}.`,
      );
    }
    case 'export':
      return void process.stdout.write(
        await datasets.export(name, formatOf(options.format ?? 'jsonl'), options.version),
      );
    case 'show': {
      const dataset = await datasets.get(name);
      const items = await datasets.items(name, options.version);
      if (options.json) return void console.log(JSON.stringify({ ...dataset, data: items }));
      console.log(`${dataset.name} version ${options.version ?? dataset.version}: ${items.length} item(s)`);
      return void console.log(
        formatTable([
          ['id', 'input', 'expected'],
          ...items.map((item) => [item.key, clip(inputText(item.input)), clip(item.expected ?? '')]),
        ]),
      );
    }
    default:
      throw new CliError(usage);
  }
}

function formatOf(value: string): DatasetFormat {
  if (value === 'jsonl' || value === 'csv') return value;
  throw new CliError(`--format must be jsonl or csv, got \`${value}\``);
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 50 ? `${flat.slice(0, 49)}…` : flat;
}
