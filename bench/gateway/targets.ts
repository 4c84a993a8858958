/** The race's entrants: how each is started, what it is sent, and what it tells the reader. */
import { fileURLToPath } from 'node:url';
import { servingV8Flags } from '../../src/cli/v8-tuning.js';
import { cpuFor } from './cpu-pinning.js';
import { portkeyHeaders, startPortkeyServer } from './portkey-server.js';
import type { TargetName } from './report.js';
import { type ServerProcess, startServerProcess } from './server-process.js';
import {
  benchMasterKey,
  benchModel,
  benchVirtualKey,
  type StrataProfile,
  startStrataServer,
} from './strata-server.js';

/** What one target is and how to reach it. */
export interface TargetDefinition {
  name: TargetName;
  description: string;
  /** Starts the target in front of the mock upstream; `portkeyEntry` is set once Portkey is installed. */
  start(context: {
    upstreamPort: number;
    workers: number;
    strataEntry?: string;
    portkeyEntry?: string;
  }): Promise<ServerProcess>;
  headers(upstreamPort: number): Record<string, string>;
  /** The model name in the request body. */
  model: string;
}

const portLine = /^listening (\d+)$/;
const json = { 'content-type': 'application/json' };

function script(name: string): string {
  return fileURLToPath(new URL(name, import.meta.url));
}

/** One Strata process pinned to the measured CPU, started with a profile and called with a key. */
function strataTarget(
  name: TargetName,
  description: string,
  profile: StrataProfile,
  key: string,
): TargetDefinition {
  return {
    name,
    description,
    start: ({ upstreamPort, strataEntry }) =>
      startStrataServer({
        profile,
        upstreamPort,
        workers: 1,
        cpu: cpuFor.measured,
        ...(strataEntry !== undefined && { entry: strataEntry }),
      }),
    headers: () => ({ ...json, authorization: `Bearer ${key}` }),
    model: benchModel,
  };
}

/** One of the bench's own relay scripts, pinned to the measured CPU in front of the mock. */
function relayTarget(name: TargetName, description: string, file: string): TargetDefinition {
  return {
    name,
    description,
    start: ({ upstreamPort }) =>
      startServerProcess({
        name,
        command: process.execPath,
        // The same V8 flags Strata's `serve` sets for itself, so the floors are tuned alike.
        args: [...servingV8Flags, script(`./${file}`), `http://127.0.0.1:${upstreamPort}`],
        readyPattern: portLine,
        cpu: cpuFor.measured,
      }),
    headers: () => ({ ...json, authorization: `Bearer ${benchMasterKey}` }),
    model: benchModel,
  };
}

/** Every target the bench knows, in report order; the mock itself (`direct`) is started by the run. */
export const targetDefinitions: Record<TargetName, TargetDefinition> = {
  direct: {
    name: 'direct',
    description: 'load straight to the mock upstream (no proxy)',
    start: () => Promise.reject(new Error('the mock upstream is started by the run')),
    headers: () => ({ ...json, authorization: `Bearer ${benchMasterKey}` }),
    model: benchModel,
  },
  bare: relayTarget(
    'bare',
    'node:http server relaying to the mock through an undici Pool (the floor for Node)',
    'bare-proxy.js',
  ),
  bare_recording: relayTarget(
    'bare_recording',
    'bare plus a durable, priced row per call: parses request and answer, journals, SQLite batches',
    'recording-proxy.js',
  ),
  strata_minimal: strataTarget(
    'strata_minimal',
    'strata serve, master key, no budgets or limits',
    'minimal',
    benchMasterKey,
  ),
  strata_full: strataTarget(
    'strata_full',
    'strata serve, virtual key in a team, team and global budgets, key rate limit, log and ledger',
    'full',
    benchVirtualKey,
  ),
  strata_full_unobserved: strataTarget(
    'strata_full_unobserved',
    'strata_full with traces, metrics and logs off (prices the observability layer)',
    'full_unobserved',
    benchVirtualKey,
  ),
  strata_full_no_traces: strataTarget(
    'strata_full_no_traces',
    'strata_full with traces off (prices storing them)',
    'full_no_traces',
    benchVirtualKey,
  ),
  strata_full_no_metrics: strataTarget(
    'strata_full_no_metrics',
    'strata_full with metrics off (prices them)',
    'full_no_metrics',
    benchVirtualKey,
  ),
  strata_full_no_logs: strataTarget(
    'strata_full_no_logs',
    'strata_full with the JSON log line off (prices it)',
    'full_no_logs',
    benchVirtualKey,
  ),
  portkey: {
    name: 'portkey',
    description: 'Portkey gateway, the mock as an OpenAI-compatible provider (custom host)',
    start: ({ portkeyEntry }) =>
      portkeyEntry === undefined
        ? Promise.reject(new Error('Portkey is not installed'))
        : startPortkeyServer(portkeyEntry, cpuFor.measured),
    headers: (upstreamPort) => ({
      ...json,
      authorization: 'Bearer sk-bench-upstream',
      ...portkeyHeaders(upstreamPort),
    }),
    model: 'gpt-4o-mini',
  },
  strata_full_workers: {
    name: 'strata_full_workers',
    description: 'strata_full with serve --workers N, on every CPU (unpinned)',
    start: ({ upstreamPort, strataEntry, workers }) =>
      startStrataServer({
        profile: 'full',
        upstreamPort,
        workers,
        ...(strataEntry !== undefined && { entry: strataEntry }),
      }),
    headers: () => ({ ...json, authorization: `Bearer ${benchVirtualKey}` }),
    model: benchModel,
  },
};
