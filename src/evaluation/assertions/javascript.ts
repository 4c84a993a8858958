import { runInNewContext } from 'node:vm';
import { describeError, verdict } from '../../routing/verifiers/verdict.js';
import type { AssertionSubject, Verdict } from './assertion.js';

/**
 * Runs assertion code in a fresh `node:vm` context with only `output`, `expected`, `vars` and the
 * call's cost and latency in scope. An expression (`output.includes("x")`) or a function body with
 * `return` may give a boolean, a score or `{pass, score, reason}`. Synchronous work is cut at the
 * timeout; a returned promise must settle within it too. Neither can reach the process: no `require`,
 * `process` or I/O is in scope.
 */
export async function runJavascriptAssertion(
  code: string,
  subject: AssertionSubject,
  threshold: number,
  timeoutMs: number,
): Promise<Verdict> {
  const source = /\breturn\b/.test(code) ? `(() => {\n${code}\n})()` : code;
  const sandbox = {
    output: subject.output,
    expected: subject.expected,
    vars: structuredClone(subject.vars),
    cost: subject.costUsd,
    latencyMs: subject.latencyMs,
  };
  let result: unknown;
  try {
    result = runInNewContext(source, sandbox, { timeout: timeoutMs, microtaskMode: 'afterEvaluate' });
    if (result instanceof Object && typeof (result as { then?: unknown }).then === 'function') {
      result = await withTimeout(result as Promise<unknown>, timeoutMs);
    }
  } catch (error) {
    return verdict(0, threshold, `the JavaScript assertion failed: ${describeError(error)}`);
  }
  if (typeof result === 'boolean') return verdict(result ? 1 : 0, threshold, `the code returned ${result}`);
  if (typeof result === 'number' && Number.isFinite(result))
    return verdict(result, threshold, `the code scored ${result}`);
  if (typeof result === 'object' && result !== null) {
    const { pass, score, reason } = result as { pass?: unknown; score?: unknown; reason?: unknown };
    const value = typeof score === 'number' ? score : pass === true ? 1 : 0;
    const made = verdict(value, threshold, typeof reason === 'string' ? reason : `the code scored ${value}`);
    return typeof pass === 'boolean' ? { ...made, pass } : made;
  }
  return verdict(0, threshold, `the code returned ${JSON.stringify(result)}, not a boolean, score or object`);
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`it did not settle within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}
