import type { NewDatasetItem } from '../../store/datasets-repository.js';
import type { RequestFilter, RequestQueries } from '../../store/request-queries.js';
import type { ScoreRecord, ScoresRepository } from '../../store/scores-repository.js';
import type { TraceReader } from '../../store/traces.js';

/** Which logged calls become items: request-log filters plus, optionally, a score they must carry. */
export interface TrafficFilter extends RequestFilter {
  /** A score the request must have: by name, within a range, or of a category. */
  score?:
    | { name: string; min?: number | undefined; max?: number | undefined; category?: string | undefined }
    | undefined;
  /** Most items taken (newest calls first). */
  limit: number;
}

/** What items from traffic need: the request log, the stored traces (captured content) and scores. */
export interface TrafficSources {
  requests: RequestQueries;
  traces: TraceReader;
  scores: ScoresRepository;
}

/**
 * Items made from logged calls whose content was captured (`observability.capture_content`, or a key or
 * route that asks): the call's input messages, its answer as the expected output, and the model, request
 * id and scores as metadata. Calls without captured content are counted and skipped.
 */
export async function itemsFromTraffic(
  sources: TrafficSources,
  filter: TrafficFilter,
): Promise<{ items: NewDatasetItem[]; skipped: number }> {
  const items: NewDatasetItem[] = [];
  let skipped = 0;
  let cursor: string | undefined;
  const { score, limit, ...requestFilter } = filter;
  do {
    const page = await sources.requests.list(
      { status: 'ok', ...requestFilter },
      { limit: Math.min(200, Math.max(limit, 1)), cursor },
    );
    cursor = page.nextCursor;
    const scores = await sources.scores.ofRequests(page.rows.map((row) => row.requestId));
    for (const row of page.rows) {
      if (items.length >= limit) break;
      const own = scores.get(row.requestId) ?? [];
      if (score && !own.some((candidate) => matches(candidate, score))) continue;
      const content = await capturedContent(sources.traces, row.requestId);
      if (content === undefined) {
        skipped += 1;
        continue;
      }
      items.push({
        input: content.input,
        expected: content.output,
        metadata: {
          model: row.requestedModel,
          served_model: row.servedModel,
          created_at: row.createdAt,
          ...(own.length > 0 && {
            scores: own.map((entry) => ({ name: entry.name, value: entry.value, category: entry.category })),
          }),
        },
        sourceRequestId: row.requestId,
      });
    }
  } while (cursor !== undefined && items.length < limit);
  return { items, skipped };
}

function matches(score: ScoreRecord, wanted: NonNullable<TrafficFilter['score']>): boolean {
  if (score.name !== wanted.name) return false;
  if (wanted.category !== undefined && score.category !== wanted.category) return false;
  if (wanted.min !== undefined && (score.value === null || score.value < wanted.min)) return false;
  if (wanted.max !== undefined && (score.value === null || score.value > wanted.max)) return false;
  return true;
}

/** The prompt and answer a call's root span carries when its content was captured. */
async function capturedContent(
  traces: TraceReader,
  requestId: string,
): Promise<{ input: unknown[]; output: string } | undefined> {
  const trace = await traces.byRequest(requestId);
  const root = trace?.spans[0] as { attributes?: Record<string, unknown> } | undefined;
  const input = root?.attributes?.['gen_ai.input.messages'];
  const output = root?.attributes?.['gen_ai.output.messages'];
  if (typeof input !== 'string' || typeof output !== 'string') return undefined;
  let messages: unknown;
  try {
    messages = JSON.parse(input);
  } catch {
    messages = undefined;
  }
  return { input: Array.isArray(messages) ? messages : [{ role: 'user', content: input }], output };
}
