import type { CallReport, ReportAttempt } from '../core/call-report.js';
import { spanIdOf } from '../core/trace-context.js';
import { genAiProviderName, usageAttributes } from './gen-ai-attributes.js';
import type { AttributeValue, SpanRecord } from './span-record.js';

/** The root span's attributes: the call as the client made it, and Strata's account of it. */
function rootAttributes(report: CallReport): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {
    'gen_ai.operation.name': report.operation,
    'gen_ai.request.model': report.requestedModel,
    'http.response.status_code': report.status,
    'strata.request_id': report.requestId,
    'strata.endpoint': report.endpoint,
    'strata.key.id': report.who.keyId,
  };
  const { settings, who } = report;
  if (report.provider !== null)
    attributes['gen_ai.provider.name'] = genAiProviderName(report.providerKind, report.provider);
  if (report.servedModel !== null) attributes['gen_ai.response.model'] = report.servedModel;
  if (settings.maxTokens !== undefined) attributes['gen_ai.request.max_tokens'] = settings.maxTokens;
  if (settings.temperature !== undefined) attributes['gen_ai.request.temperature'] = settings.temperature;
  if (settings.topP !== undefined) attributes['gen_ai.request.top_p'] = settings.topP;
  if (settings.stream) attributes['strata.stream'] = true;
  if (report.finishReasons.length > 0) attributes['gen_ai.response.finish_reasons'] = report.finishReasons;
  if (report.usage) usageAttributes(report.usage, attributes);
  if (report.errorCode !== null) attributes['error.type'] = report.errorCode;
  if (report.costUsd !== null) attributes['strata.cost_usd'] = report.costUsd;
  if (report.ttftMs !== undefined) attributes['strata.ttft_ms'] = report.ttftMs;
  if (who.keyName !== null) attributes['strata.key.name'] = who.keyName;
  if (who.team !== null) attributes['strata.team'] = who.team;
  if (who.user !== null) attributes['strata.end_user'] = who.user;
  if (who.tags.length > 0) attributes['strata.tags'] = who.tags;
  if (who.feature !== null) attributes['strata.feature'] = who.feature;
  if (report.sessionId !== undefined) {
    attributes['session.id'] = report.sessionId;
    attributes['strata.session.id'] = report.sessionId;
  }
  if (report.route) {
    attributes['strata.route.name'] = report.route.name;
    attributes['strata.route.plan'] = report.route.plan;
    if (report.route.decisions.length > 0) attributes['strata.route.decision'] = report.route.decisions;
    if (report.route.escalations.length > 0)
      attributes['strata.route.escalations'] = report.route.escalations;
  }
  if (report.cacheHit) {
    attributes['strata.cache.hit'] = true;
    if (report.cacheHit.savedUsd !== null) attributes['strata.cache.saved_usd'] = report.cacheHit.savedUsd;
  }
  if (report.content) {
    attributes['gen_ai.input.messages'] = report.content.input;
    attributes['gen_ai.output.messages'] = report.content.output;
  }
  return attributes;
}

function attemptAttributes(report: CallReport, attempt: ReportAttempt): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {
    'gen_ai.operation.name': report.operation,
    'gen_ai.provider.name': genAiProviderName(attempt.providerKind, attempt.provider),
    'gen_ai.request.model': attempt.model,
    'gen_ai.response.model': attempt.model,
    'strata.provider': attempt.provider,
    'strata.attempt.number': attempt.attempt,
    'strata.attempt.purpose': attempt.purpose,
    'http.response.status_code': attempt.status,
  };
  if (report.settings.maxTokens !== undefined)
    attributes['gen_ai.request.max_tokens'] = report.settings.maxTokens;
  usageAttributes(attempt.usage, attributes);
  if (attempt.costUsd !== null) attributes['strata.cost_usd'] = attempt.costUsd;
  if (attempt.errorCode !== null) attributes['error.type'] = attempt.errorCode;
  return attributes;
}

/** Stage names as spans show them: what the stage did, under `strata.`. */
const stageSpanNames: Readonly<Record<string, string>> = {
  knowledge: 'strata.retrieval',
  'rate-limit': 'strata.rate_limit',
  'context-guard': 'strata.context_window',
  budget: 'strata.budget.reserve',
  cache: 'strata.cache.lookup',
  guardrails: 'strata.guardrails',
};

/**
 * A call's spans, following the OpenTelemetry GenAI conventions: a server span for the call (named
 * `{operation} {requested model}`), an internal span per pipeline stage that ran, a client span per
 * provider attempt (primary, retry, fallback, hedge, escalation, verifier, judge), one per verifier
 * verdict and one per guardrail verdict.
 */
export function spansOf(report: CallReport): SpanRecord[] {
  const { traceId, requestId } = report;
  const rootId = spanIdOf(requestId, 0);
  const failed = report.status >= 400;
  const spans: SpanRecord[] = [
    {
      traceId,
      spanId: rootId,
      parentSpanId: report.parentSpanId,
      name: `${report.operation} ${report.requestedModel}`,
      kind: 'server',
      startedAt: report.startedAt,
      endedAt: report.endedAt,
      status: failed ? 'error' : 'ok',
      ...(failed && report.errorCode !== null && { statusMessage: report.errorCode }),
      attributes: rootAttributes(report),
    },
  ];
  const child = (span: Omit<SpanRecord, 'traceId' | 'spanId' | 'parentSpanId'>) =>
    spans.push({ traceId, spanId: spanIdOf(requestId, spans.length), parentSpanId: rootId, ...span });
  for (const stage of report.stages) {
    child({
      name: stageSpanNames[stage.name] ?? `strata.${stage.name}`,
      kind: 'internal',
      startedAt: stage.startedAt,
      endedAt: stage.endedAt,
      status: 'unset',
      attributes: { 'strata.stage': stage.name },
    });
  }
  for (const attempt of report.attempts) {
    const error = attempt.status >= 400;
    child({
      name: `${report.operation} ${attempt.model}`,
      kind: 'client',
      startedAt: attempt.startedAt,
      endedAt: attempt.endedAt,
      status: error ? 'error' : 'ok',
      ...(error && attempt.errorCode !== null && { statusMessage: attempt.errorCode }),
      attributes: attemptAttributes(report, attempt),
    });
  }
  const tiers = report.attempts.filter(
    (attempt) => attempt.purpose !== 'verifier' && attempt.purpose !== 'judge',
  );
  for (const verdict of report.verdicts) {
    const at = tiers[verdict.tier - 1]?.endedAt ?? report.endedAt;
    child({
      name: `strata.verify ${verdict.verifier}`,
      kind: 'internal',
      startedAt: at,
      endedAt: at,
      status: verdict.pass ? 'ok' : 'unset',
      attributes: {
        'strata.verifier': verdict.verifier,
        'strata.verdict.tier': verdict.tier,
        'strata.verdict.score': verdict.score,
        'strata.verdict.pass': verdict.pass,
        ...(verdict.reason !== undefined && { 'strata.verdict.reason': verdict.reason }),
      },
    });
  }
  for (const verdict of report.guardrails ?? []) {
    const stopped = verdict.outcome === 'block';
    child({
      name: `strata.guardrail ${verdict.rule}`,
      kind: 'internal',
      startedAt: verdict.startedAt,
      endedAt: verdict.endedAt,
      status: stopped ? 'error' : 'ok',
      ...(stopped && { statusMessage: 'guardrail_blocked' }),
      attributes: {
        'strata.guardrail.rule': verdict.rule,
        'strata.guardrail.side': verdict.side,
        'strata.guardrail.outcome': verdict.outcome,
        ...(verdict.entities.length > 0 && { 'strata.guardrail.entities': verdict.entities }),
        ...(verdict.score !== undefined && { 'strata.guardrail.score': verdict.score }),
      },
    });
  }
  return spans;
}
