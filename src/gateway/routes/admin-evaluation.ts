import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { identifier, storedText } from '../../config/identifier.js';
import { StrataError } from '../../core/errors.js';
import type { DatasetService } from '../../evaluation/datasets/dataset-service.js';
import { evaluationServices } from '../../evaluation/evaluation-services.js';
import { diffPromptVersions } from '../../evaluation/prompts/prompt-diff.js';
import type { Stack } from '../../pipeline/stack.js';
import type { DatasetItemRecord, DatasetRecord } from '../../store/datasets-repository.js';
import type { ExperimentRecord } from '../../store/experiments-results-repository.js';
import type { PromptVersionRecord } from '../../store/prompts-repository.js';
import { needs } from '../route-table.js';
import { idParamsSchema } from '../schemas.js';
import { validate } from '../validate.js';

const nameParams = z.object({ name: identifier(100) });
const version = z.coerce.number().int().min(0).max(1_000_000_000);
const json = z.record(z.string(), z.unknown());
const message = z.strictObject({
  role: z.enum(['system', 'developer', 'user', 'assistant']),
  content: storedText(100_000),
});

const newItem = z.strictObject({
  id: identifier(200).optional(),
  input: z.union([storedText(100_000).min(1), z.array(json).min(1)]),
  expected: storedText(100_000).nullable().optional(),
  metadata: json.optional(),
});

/** What `POST /admin/v1/datasets/{name}/items` adds: items, a file's contents, or logged traffic. */
const itemsBody = z.union([
  z.strictObject({ items: z.array(newItem).min(1).max(10_000) }),
  z.strictObject({ format: z.enum(['jsonl', 'csv']), content: storedText(20_000_000).min(1) }),
  z.strictObject({
    from_traffic: z.strictObject({
      model: identifier(200).optional(),
      key_id: identifier(200).optional(),
      tag: identifier(200).optional(),
      route: identifier(200).optional(),
      session: identifier(200).optional(),
      from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
      to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
      score: z
        .strictObject({
          name: identifier(100),
          min: z.number().optional(),
          max: z.number().optional(),
          category: identifier(200).optional(),
        })
        .optional(),
      limit: z.number().int().min(1).max(10_000).default(100),
    }),
  }),
]);

const promptBody = z.strictObject({
  name: identifier(100).regex(
    /^[A-Za-z0-9][A-Za-z0-9._/-]*$/,
    'letters, digits, dots, dashes, underscores, slashes',
  ),
  messages: z.array(message).min(1).max(100),
  settings: json.default({}),
  note: storedText(2000).default(''),
  labels: z.array(identifier(100)).max(20).default([]),
});

function datasetView(dataset: DatasetRecord) {
  return {
    object: 'dataset',
    name: dataset.name,
    description: dataset.description,
    version: dataset.version,
    items: dataset.items,
    created_at: dataset.createdAt,
    updated_at: dataset.updatedAt,
  };
}

function itemView(item: DatasetItemRecord) {
  return {
    id: item.key,
    input: item.input,
    expected: item.expected,
    metadata: item.metadata,
    source_request_id: item.sourceRequestId,
    added_in: item.addedIn,
  };
}

/** An experiment run as the admin API lists it; one run's view adds its config and results. */
function experimentView(run: ExperimentRecord) {
  return {
    object: 'experiment',
    id: run.id,
    name: run.name,
    dataset: run.dataset,
    dataset_version: run.datasetVersion,
    status: run.status,
    cost_usd: run.costUsd,
    created_at: run.createdAt,
    finished_at: run.finishedAt,
    summary: run.summary,
  };
}

function promptView(prompt: PromptVersionRecord) {
  return {
    object: 'prompt.version',
    name: prompt.name,
    version: prompt.version,
    messages: prompt.messages,
    settings: prompt.settings,
    note: prompt.note,
    labels: prompt.labels,
    created_at: prompt.createdAt,
  };
}

/**
 * `/admin/v1/datasets`, `/admin/v1/evaluations` (experiment runs) and `/admin/v1/prompts`: the evaluation layer's state.
 * Experiments are run by `strata eval run`; the API lists and shows them. Master key only.
 */
export function adminEvaluationRoutes(app: FastifyInstance, stack: Stack): void {
  const { datasets, experiments } = evaluationServices(stack);
  const prompts = stack.evaluation.prompts;

  app.post('/admin/v1/datasets', needs('evaluation:write'), async (request, reply) => {
    const body = validate(
      z.strictObject({ name: identifier(100), description: storedText(2000).default('') }),
      request.body,
    );
    return reply.code(201).send(datasetView(await datasets.create(body.name, body.description)));
  });
  app.get('/admin/v1/datasets', needs('evaluation:read'), async () => ({
    object: 'list',
    data: (await datasets.list()).map(datasetView),
  }));
  app.get('/admin/v1/datasets/:name', needs('evaluation:read'), async (request) => {
    const { name } = validate(nameParams, request.params);
    const query = validate(z.strictObject({ version: version.optional() }), request.query);
    const dataset = await datasets.get(name);
    const items = await datasets.items(name, query.version);
    return {
      ...datasetView(dataset),
      shown_version: query.version ?? dataset.version,
      data: items.map(itemView),
    };
  });
  app.delete('/admin/v1/datasets/:name', needs('evaluation:write'), async (request) => {
    const { name } = validate(nameParams, request.params);
    await datasets.delete(name);
    return { object: 'dataset', name, deleted: true };
  });
  app.post('/admin/v1/datasets/:name/items', needs('evaluation:write'), async (request, reply) => {
    const { name } = validate(nameParams, request.params);
    const body = validate(itemsBody, request.body);
    return reply
      .code(201)
      .send({ object: 'dataset.version', name, ...(await addItems(datasets, name, body)) });
  });
  app.delete('/admin/v1/datasets/:name/items', needs('evaluation:write'), async (request) => {
    const { name } = validate(nameParams, request.params);
    const body = validate(z.strictObject({ ids: z.array(identifier(200)).min(1).max(10_000) }), request.body);
    return { object: 'dataset.version', name, ...(await datasets.remove(name, body.ids)) };
  });
  app.get('/admin/v1/datasets/:name/export', needs('evaluation:read'), async (request, reply) => {
    const { name } = validate(nameParams, request.params);
    const query = validate(
      z.strictObject({ format: z.enum(['jsonl', 'csv']).default('jsonl'), version: version.optional() }),
      request.query,
    );
    const text = await datasets.export(name, query.format, query.version);
    return reply
      .type(query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}.${query.format}"`)
      .send(text);
  });

  app.get('/admin/v1/evaluations', needs('evaluation:read'), async (request) => {
    const query = validate(
      z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
      request.query,
    );
    const runs = await experiments.list(query.limit);
    return {
      object: 'list',
      data: runs.map(experimentView),
    };
  });
  app.get('/admin/v1/evaluations/:id', needs('evaluation:read'), async (request) => {
    const { id } = validate(idParamsSchema, request.params);
    const found = await experiments.get(id);
    if (!found) throw new StrataError('not_found', `No experiment \`${id}\`.`, { param: 'id' });
    const { experiment, results } = found;
    return {
      ...experimentView(experiment),
      config: experiment.config,
      results: results.map((result) => ({
        item: result.itemKey,
        variant: result.variant,
        request_id: result.requestId,
        output: result.output,
        score: result.score,
        pass: result.pass,
        cost_usd: result.costUsd,
        latency_ms: result.latencyMs,
        assertions: result.assertions,
        error: result.error,
      })),
    };
  });

  app.post('/admin/v1/prompts', needs('evaluation:write'), async (request, reply) => {
    const body = validate(promptBody, request.body);
    return reply.code(201).send(promptView(await prompts.create(body)));
  });
  app.get('/admin/v1/prompts', needs('evaluation:read'), async () => ({
    object: 'list',
    data: (await prompts.list()).map((prompt) => ({
      object: 'prompt',
      name: prompt.name,
      latest_version: prompt.latestVersion,
      labels: prompt.labels,
      updated_at: prompt.updatedAt,
    })),
  }));
  app.get('/admin/v1/prompts/:name', needs('evaluation:read'), async (request) => {
    const { name } = validate(nameParams, request.params);
    const versions = await prompts.versions(name);
    if (versions.length === 0)
      throw new StrataError('not_found', `No prompt \`${name}\`.`, { param: 'name' });
    return { object: 'prompt', name, data: versions.map(promptView) };
  });
  app.put('/admin/v1/prompts/:name/labels/:label', needs('evaluation:write'), async (request) => {
    const { name, label } = validate(
      z.object({ name: identifier(100), label: identifier(100) }),
      request.params,
    );
    const body = validate(z.strictObject({ version: z.number().int().min(1) }), request.body);
    if (!(await prompts.setLabel(name, label, body.version)))
      throw new StrataError('not_found', `Prompt \`${name}\` has no version ${body.version}.`, {
        param: 'version',
      });
    return { object: 'prompt.label', name, label, version: body.version };
  });
  app.get('/admin/v1/prompts/:name/diff', needs('evaluation:read'), async (request) => {
    const { name } = validate(nameParams, request.params);
    const query = validate(z.strictObject({ from: version, to: version }), request.query);
    const [from, to] = await Promise.all([
      prompts.resolve(name, { version: query.from }),
      prompts.resolve(name, { version: query.to }),
    ]);
    if (!from || !to) {
      const missing = from ? query.to : query.from;
      throw new StrataError('not_found', `Prompt \`${name}\` has no version ${missing}.`, {
        param: from ? 'to' : 'from',
      });
    }
    return {
      object: 'prompt.diff',
      name,
      from: query.from,
      to: query.to,
      lines: diffPromptVersions(from, to),
    };
  });
}

async function addItems(datasets: DatasetService, name: string, body: z.output<typeof itemsBody>) {
  if ('items' in body) {
    return datasets.put(
      name,
      body.items.map((item) => ({
        key: item.id,
        input: typeof item.input === 'string' ? [{ role: 'user', content: item.input }] : item.input,
        expected: item.expected ?? null,
        metadata: item.metadata ?? {},
      })),
    );
  }
  if ('format' in body) return datasets.import(name, body.content, body.format);
  const { score, limit, key_id, ...filter } = body.from_traffic;
  return datasets.fromTraffic(name, {
    ...filter,
    ...(key_id !== undefined && { keyId: key_id }),
    ...(filter.from !== undefined && { from: new Date(filter.from).toISOString() }),
    ...(filter.to !== undefined && { to: new Date(filter.to).toISOString() }),
    ...(score !== undefined && { score }),
    limit,
  });
}
