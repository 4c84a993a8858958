import { z } from 'zod';
import { identifier } from '../config/identifier.js';
import { newId } from '../core/ids.js';
import type { OutcomePoster, OutcomeRecord, OutcomeSubjectKind } from '../store/outcomes-repository.js';

const subjectKinds = ['request_id', 'trace_id', 'session_id', 'correlation_id'] as const;

/** One outcome as a client posts it: what happened, and exactly one id of the calls that served it. */
export const outcomeInputSchema = z
  .strictObject({
    id: identifier(200).optional(),
    name: identifier(200),
    success: z.boolean(),
    value_usd: z.number().min(-1e9).max(1e9).default(0),
    metadata: z
      .record(z.string().max(200), z.unknown())
      .default({})
      .refine(
        (metadata) => JSON.stringify(metadata).length <= 16_384,
        'metadata is limited to 16 KiB of JSON',
      ),
    request_id: identifier(200).optional(),
    trace_id: identifier(200).optional(),
    session_id: identifier(200).optional(),
    correlation_id: identifier(200).optional(),
    occurred_at: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((input) => subjectKinds.filter((kind) => input[kind] !== undefined).length === 1, {
    message: 'name exactly one of request_id, trace_id, session_id, correlation_id',
    path: ['request_id'],
  });

/** `POST /v1/outcomes`: one outcome, or a batch of up to 1000 under `outcomes`. */
export const outcomesBodySchema = z.union([
  z.strictObject({ outcomes: z.array(outcomeInputSchema).min(1).max(1000) }),
  outcomeInputSchema,
]);

/** One validated outcome input. */
export type OutcomeInput = z.output<typeof outcomeInputSchema>;

const kindOf: Record<(typeof subjectKinds)[number], OutcomeSubjectKind> = {
  request_id: 'request',
  trace_id: 'trace',
  session_id: 'session',
  correlation_id: 'correlation',
};

/** The record to store for an input; without an `id` the outcome gets a fresh one (and cannot be retried safely). */
export function outcomeRecord(input: OutcomeInput, now: string, postedBy?: OutcomePoster): OutcomeRecord {
  const field = subjectKinds.find((kind) => input[kind] !== undefined) ?? 'request_id';
  return {
    id: input.id ?? newId('out'),
    name: input.name,
    success: input.success,
    valueUsd: input.value_usd,
    metadata: input.metadata,
    subjectKind: kindOf[field],
    subject: input[field] ?? '',
    occurredAt: input.occurred_at === undefined ? now : new Date(input.occurred_at).toISOString(),
    createdAt: now,
    ...(postedBy && { postedBy }),
  };
}

/** An outcome as the API shows it. */
export function outcomeView(record: OutcomeRecord, created: boolean) {
  const subject = Object.entries(kindOf).find(([, kind]) => kind === record.subjectKind)?.[0] ?? 'request_id';
  return {
    id: record.id,
    object: 'outcome',
    name: record.name,
    success: record.success,
    value_usd: record.valueUsd,
    metadata: record.metadata,
    [subject]: record.subject,
    occurred_at: record.occurredAt,
    created_at: record.createdAt,
    // False when the id was stored before: a repeated post changes nothing.
    created,
  };
}
