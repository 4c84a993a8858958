import type { RouteTrace } from './api.js';

function stepSentence(step: RouteTrace['steps'][number]): string {
  const who = `${step.model}`;
  const took = `${Math.round(step.ms)} ms`;
  if (step.attempt === 0 || step.outcome.startsWith('skipped')) {
    const why = step.outcome.replace(/^skipped:?/, '') || 'it was not eligible';
    return `Skipped ${who} (${step.purpose}): ${why}.`;
  }
  const lead = `Attempt ${step.attempt} (${step.purpose}) called ${who}`;
  if (step.outcome === 'ok') return `${lead} and it answered in ${took}.`;
  if (step.outcome === 'rejected') return `${lead}; a verifier rejected its answer after ${took}.`;
  if (step.outcome === 'lost') return `${lead}; another attempt answered first, so it was cancelled.`;
  return `${lead}; it failed with ${step.outcome} after ${took}.`;
}

/** The route decision as sentences a person reads top to bottom. */
export function routeInWords(trace: RouteTrace | null, servedBy: string | null): string[] {
  if (!trace)
    return [servedBy ? `Called ${servedBy} directly, with no route in between.` : 'No model was called.'];
  const lines = [
    trace.plan === 'direct' || trace.plan === 'cache'
      ? trace.plan === 'cache'
        ? 'Answered from the cache without calling a model.'
        : `Called ${servedBy ?? 'the model'} directly.`
      : `The route \`${trace.route}\` made a ${trace.plan} plan.`,
  ];
  for (const decision of trace.decisions) lines.push(`Decision: ${decision}.`);
  if (trace.cascades.length > 0) lines.push(`It ran the cascade ${trace.cascades.join(', then ')}.`);
  for (const step of trace.steps)
    if (trace.plan !== 'direct' || trace.steps.length > 1) lines.push(stepSentence(step));
  for (const verdict of trace.verdicts)
    lines.push(
      `Tier ${verdict.tier}: ${verdict.verifier} scored ${verdict.score.toFixed(2)} and ${verdict.pass ? 'passed' : 'failed'}${verdict.reason ? ` (${verdict.reason})` : ''}.`,
    );
  for (const escalation of trace.escalations) lines.push(`Escalated ${escalation}.`);
  for (const restart of trace.restarts) lines.push(`The stream restarted: ${restart}.`);
  return lines;
}

/** Reads the one-line `x-strata-route` header into a route trace's plan and steps. */
export function parseRouteHeader(header: string): RouteTrace {
  const fields = new Map(
    header.split('; ').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at), part.slice(at + 1)] as const;
    }),
  );
  const steps = (fields.get('attempts') ?? '')
    .split(',')
    .filter(Boolean)
    .map((text) => {
      const [attempt = '0', purpose = '', model = '', ...outcome] = text.split(':');
      return { attempt: Number(attempt), purpose, model, outcome: outcome.join(':'), ms: 0 };
    });
  return {
    route: fields.get('route') ?? '',
    plan: fields.get('plan') ?? 'direct',
    steps,
    verdicts: [],
    escalations: [],
    restarts: [],
    cascades: (fields.get('cascade') ?? '').split(',').filter(Boolean),
    decisions: (fields.get('decided') ?? '').split(',').filter(Boolean),
  };
}
