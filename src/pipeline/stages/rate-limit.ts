import type { RateLimitRule } from '../../config/schema.js';
import { StrataError } from '../../core/errors.js';
import { estimateChatTokens } from '../../tokens/rate-limit/estimate.js';
import type { Grant, RateLimiter, Refusal, WindowState } from '../../tokens/rate-limit/limiter.js';
import type { Call, ChatCall, ChatOutcome, Headers, Stage } from '../call.js';

/** The bucket a rule puts a call in and how a message names it, or undefined when the rule does not apply. */
function bucketOf(
  rule: RateLimitRule,
  call: Call<{ model: string }>,
): { bucket: string; label: string } | undefined {
  if (rule.scope === 'global') return { bucket: 'global', label: 'across the gateway' };
  const value = rule.scope === 'key' ? (call.principal.keyId ?? call.principal.kind) : call.request.model;
  // A key rule may name the key as users see it (its name) or by its id.
  const named = rule.scope === 'key' && rule.match === call.principal.keyName;
  if (rule.match !== undefined && rule.match !== value && !named) return undefined;
  return { bucket: `${rule.scope}:${value}`, label: `for ${rule.scope} ${value}` };
}

/** OpenAI's reset format: `20ms`, `1.5s`, `6m0s`. */
function duration(ms: number): string {
  if (ms < 1000) return `${Math.ceil(ms)}ms`;
  const seconds = Math.round(ms / 100) / 10;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round((seconds - minutes * 60) * 10) / 10;
  return minutes > 0 ? `${minutes}m${rest}s` : `${rest}s`;
}

function windowHeaders(
  headers: Record<string, string>,
  suffix: string,
  state: WindowState | undefined,
): void {
  if (state === undefined) return;
  headers[`x-ratelimit-limit-${suffix}`] = String(state.limit);
  headers[`x-ratelimit-remaining-${suffix}`] = String(state.remaining);
  headers[`x-ratelimit-reset-${suffix}`] = duration(state.resetMs);
}

/** The tightest of each window across the grants: what the caller can still do. */
function grantHeaders(grants: readonly Grant[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const kind of ['requests', 'tokens'] as const) {
    let tightest: WindowState | undefined;
    for (const grant of grants) {
      const state = grant.windows[kind];
      if (state && (tightest === undefined || state.remaining < tightest.remaining)) tightest = state;
    }
    windowHeaders(headers, kind, tightest);
  }
  return headers;
}

function refusalError(refusal: Refusal, label: string): StrataError {
  const what =
    refusal.kind === 'concurrent'
      ? `Concurrency limit of ${refusal.limit} requests at once`
      : `Rate limit of ${refusal.limit} ${refusal.kind} per minute`;
  const headers: Record<string, string> = { 'retry-after': String(Math.ceil(refusal.retryAfterMs / 1000)) };
  windowHeaders(headers, 'requests', refusal.windows.requests);
  windowHeaders(headers, 'tokens', refusal.windows.tokens);
  const wait = (refusal.retryAfterMs / 1000).toFixed(1);
  return new StrataError('rate_limited', `${what} ${label} reached; retry in ${wait}s.`, {
    retryAfterMs: refusal.retryAfterMs,
    headers,
  });
}

/** The slots and token reservations a call holds under every matching rule, until it ends. */
export interface Admission {
  /** Gives the slots back and corrects the token reservations to what the call used (0 when it failed). */
  release(actualTokens: number | undefined): void;
  /** The x-ratelimit-* headers: the tightest window the call left. */
  headers: Headers;
}

/**
 * Takes a slot and `tokens` under every rule that matches the call, or throws 429 `rate_limited` (giving
 * back what it took) when one has no room. Undefined when no rule applied. A limiter error fails open
 * and is reported to `onError`.
 */
export async function admit(
  limiter: RateLimiter,
  rules: ReadonlyArray<RateLimitRule>,
  call: Call<{ model: string }>,
  tokens: number,
  onError: (error: unknown) => void,
): Promise<Admission | undefined> {
  const grants: Grant[] = [];
  const release = (actual: number | undefined) => {
    for (const grant of grants) grant.release(actual).catch(onError);
  };
  for (const rule of rules) {
    const target = bucketOf(rule, call);
    if (target === undefined) continue;
    let decision: Grant | Refusal;
    try {
      decision = await limiter.acquire({
        bucket: target.bucket,
        tokens,
        ...(rule.requests_per_minute !== undefined && { requestsPerMinute: rule.requests_per_minute }),
        ...(rule.tokens_per_minute !== undefined && { tokensPerMinute: rule.tokens_per_minute }),
        ...(rule.concurrent !== undefined && { concurrent: rule.concurrent }),
      });
    } catch (error) {
      // A limiter that cannot answer (Redis away) fails open: serving beats refusing every call.
      onError(error);
      continue;
    }
    if (!decision.ok) {
      // Nothing was served, so the reservations already taken give their tokens and slots back.
      release(0);
      throw refusalError(decision, target.label);
    }
    grants.push(decision);
  }
  return grants.length === 0 ? undefined : { release, headers: grantHeaders(grants) };
}

/** True when a rule limits tokens, so calls must be counted before they run. */
export function countsTokens(rules: ReadonlyArray<RateLimitRule>): boolean {
  return rules.some((rule) => rule.tokens_per_minute !== undefined);
}

/**
 * Admits a chat call only while every matching rule has room; refusals become 429 `rate_limited`. Placed
 * after record, so a refused call still gets its request-log row. Slots are released, and token
 * reservations corrected to the real usage, when a response returns or a stream's summary settles.
 * A limiter error fails open and is reported to `onError`.
 */
export function rateLimitChat(
  limiter: RateLimiter,
  rules: ReadonlyArray<RateLimitRule>,
  onError: (error: unknown) => void = console.error,
): Stage<ChatCall, ChatOutcome> {
  const counted = countsTokens(rules);
  return async (call, next) => {
    const tokens = counted ? estimateChatTokens(call.request) : 0;
    const admission = await admit(limiter, rules, call, tokens, onError);
    if (admission === undefined) return next();
    let outcome: ChatOutcome;
    try {
      outcome = await next();
    } catch (thrown) {
      admission.release(0);
      throw thrown;
    }
    if (outcome.kind === 'response') admission.release(outcome.response.usage?.total_tokens);
    else outcome.summary.then((summary) => admission.release(summary.usage?.total_tokens), onError);
    return { ...outcome, headers: { ...outcome.headers, ...admission.headers } };
  };
}
