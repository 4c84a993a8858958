import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  extractImports,
  findCycles,
  type ImportEdge,
  type ModuleRecord,
  readImportGraph,
} from './import-graph.js';

// ARCHITECTURE.md, "Which way imports flow": a layer may import only layers of a lower rank.
const layerRanks: Record<string, number> = {
  core: 0,
  config: 1,
  store: 1,
  models: 2,
  tokens: 2,
  routing: 3,
  knowledge: 3,
  governance: 3,
  observability: 3,
  pipeline: 4,
  orchestration: 5,
  evaluation: 5,
  value: 5,
  training: 5,
  gateway: 6,
  // The CLI is the outermost entry point: `strata serve` starts the HTTP edge, which never imports the CLI.
  cli: 7,
};
// These call models only through the pipeline (`stack.chat`, `stack.embed`); types may still be shared.
const throughPipelineOnly = new Set(['orchestration', 'evaluation', 'value', 'training']);

type Place =
  | { area: 'src'; layer: string; rank: number; testing: boolean }
  | { area: 'src-unlayered' | 'bench' | 'test' | 'other' };

function placeOf(file: string): Place {
  const parts = file.split('/');
  if (parts[0] === 'bench') return { area: 'bench' };
  if (parts[0] === 'test') return { area: 'test' };
  if (parts[0] !== 'src') return { area: 'other' };
  const layer = parts[1] ?? '';
  const rank = parts.length > 2 ? layerRanks[layer] : undefined;
  if (rank === undefined) return { area: 'src-unlayered' };
  return { area: 'src', layer, rank, testing: parts.slice(2, -1).includes('testing') };
}

function isTestCode(file: string): boolean {
  const place = placeOf(file);
  return /\.test\.[cm]?tsx?$/.test(file) || (place.area === 'src' && place.testing) || place.area === 'test';
}

/** The rule one import breaks, or undefined when the import is allowed. */
function ruleBroken(file: string, edge: ImportEdge): string | undefined {
  if (edge.target === null) return 'a relative import must resolve to a file in the tree';
  const from = placeOf(file);
  const to = placeOf(edge.target);
  if (from.area === 'test') return undefined;
  if (from.area === 'bench') {
    return to.area === 'src' || to.area === 'bench' ? undefined : 'bench/ imports only src/ and bench/';
  }
  // A file outside src/<layer>/ is reported once by checkLayers, not once per import.
  if (from.area !== 'src') return undefined;
  if (to.area === 'bench') {
    return from.layer === 'cli' ? undefined : 'only src/cli/ (the `strata bench` command) may import bench/';
  }
  if (to.area !== 'src') return `src/ imports only src/<layer>/ folders (and src/cli/ may import bench/)`;
  if (from.layer === to.layer) return undefined;
  // Tests and testing/ helpers may use testing/ helpers of any layer at or below their own rank.
  if (isTestCode(file) && to.testing && to.rank <= from.rank) return undefined;
  if (to.rank > from.rank) {
    return `lower layers never import higher ones: ${from.layer} (rank ${from.rank}) imports ${to.layer} (rank ${to.rank})`;
  }
  if (to.rank === from.rank) {
    return `same-rank layers never import each other: ${from.layer} and ${to.layer} (rank ${from.rank})`;
  }
  if (throughPipelineOnly.has(from.layer) && to.layer === 'models' && !edge.typeOnly) {
    return `${from.layer} calls models only through the pipeline; only \`import type\` from models is allowed`;
  }
  return undefined;
}

/** Checks every import of every record against the layer rules; one message per broken rule. */
function checkLayers(records: readonly ModuleRecord[]): string[] {
  const messages: string[] = [];
  for (const { file } of records) {
    if (placeOf(file).area === 'src-unlayered') {
      messages.push(`${file}: every file in src/ lives in a known layer folder src/<layer>/`);
    }
  }
  for (const { file, imports } of records) {
    for (const edge of imports) {
      const rule = ruleBroken(file, edge);
      if (rule === undefined) continue;
      const target = edge.target ?? '(unresolved)';
      messages.push(`${file}:${edge.line} imports ${target} ('${edge.specifier}'): ${rule}`);
    }
  }
  return messages;
}

/** Cycles among non-test modules, each as a readable path `a -> b -> a` marking type-only steps. */
function checkCycles(records: readonly ModuleRecord[]): string[] {
  const modules = records.filter(({ file }) => !/\.test\.[cm]?tsx?$/.test(file));
  const byFile = new Map(modules.map((record) => [record.file, record.imports]));
  return findCycles(modules).map((cycle) => {
    const steps = cycle.slice(1).map((file, index) => {
      const from = cycle[index] ?? '';
      const typeOnly = (byFile.get(from) ?? []).every((edge) => edge.target !== file || edge.typeOnly);
      return typeOnly ? `${file} (type-only)` : file;
    });
    return `import cycle: ${[cycle[0], ...steps].join(' -> ')}`;
  });
}

function record(file: string, targets: (string | null)[], typeOnly = false): ModuleRecord {
  return {
    file,
    imports: targets.map((target) => ({ specifier: target ?? './missing.js', target, typeOnly, line: 1 })),
  };
}

describe('architecture: the checker itself', () => {
  it('allows imports down the layers, within a layer, and cli into bench', () => {
    const records = [
      record('src/gateway/app.ts', ['src/pipeline/stack.ts', 'src/gateway/auth.ts', 'src/core/types.ts']),
      record('src/cli/bench.ts', ['bench/gateway/run.ts']),
      record('bench/gateway/run.ts', ['src/gateway/app.ts']),
      record('src/evaluation/runner.ts', ['src/pipeline/stack.ts']),
      record('src/evaluation/types.ts', ['src/models/provider.ts'], true),
      record('src/gateway/edge.test.ts', ['src/models/testing/fake-upstream.ts']),
      record('src/tokens/cost.test.ts', ['src/models/testing/fake-upstream.ts']),
    ];
    assert.deepEqual(checkLayers(records), []);
    assert.deepEqual(checkCycles(records), []);
  });

  it('names the file, the import and the rule for each crossing', () => {
    const messages = checkLayers([
      record('src/core/ids.ts', ['src/config/schema.ts']),
      record('src/models/provider.ts', ['src/tokens/cost.ts']),
      record('src/routing/plan.ts', ['src/knowledge/search.ts']),
      record('src/evaluation/judge.ts', ['src/models/openai-compatible.ts']),
      record('src/gateway/app.ts', ['bench/gateway/run.ts']),
      record('src/models/provider.test.ts', ['src/tokens/cost.ts']),
      record('src/tokens/cost.ts', ['src/models/testing/fake-upstream.ts']),
      record('src/tokens/cost.test.ts', ['src/routing/testing/plan.ts']),
      record('src/store/db.ts', [null]),
      record('src/main.ts', []),
    ]);
    const expected = [
      /^src\/main\.ts: every file in src\/ lives in a known layer folder/,
      /^src\/core\/ids\.ts:1 imports src\/config\/schema\.ts .*lower layers never import higher ones/,
      /^src\/models\/provider\.ts:1 imports src\/tokens\/cost\.ts .*same-rank layers never import/,
      /^src\/routing\/plan\.ts:1 imports src\/knowledge\/search\.ts .*same-rank/,
      /^src\/evaluation\/judge\.ts:1 imports src\/models\/openai-compatible\.ts .*only through the pipeline/,
      /^src\/gateway\/app\.ts:1 imports bench\/gateway\/run\.ts .*only src\/cli\//,
      /^src\/models\/provider\.test\.ts:1 imports src\/tokens\/cost\.ts .*same-rank/,
      /^src\/tokens\/cost\.ts:1 imports src\/models\/testing\/fake-upstream\.ts .*same-rank/,
      /^src\/tokens\/cost\.test\.ts:1 imports src\/routing\/testing\/plan\.ts .*lower layers never import/,
      /^src\/store\/db\.ts:1 imports \(unresolved\) .*must resolve/,
    ];
    assert.equal(messages.length, expected.length, messages.join('\n'));
    for (const [index, pattern] of expected.entries()) assert.match(messages[index] ?? '', pattern);
  });

  it('finds a cycle through several files and reports its path once', () => {
    const messages = checkCycles([
      record('src/models/a.ts', ['src/models/b.ts']),
      record('src/models/b.ts', ['src/models/c.ts']),
      record('src/models/c.ts', ['src/models/a.ts', 'src/core/types.ts']),
      record('src/core/types.ts', []),
      record('src/models/a.test.ts', ['src/models/a.ts']),
    ]);
    assert.deepEqual(messages, [
      'import cycle: src/models/a.ts -> src/models/b.ts -> src/models/c.ts -> src/models/a.ts',
    ]);
  });

  it('marks type-only steps of a cycle and ignores test files', () => {
    const messages = checkCycles([
      record('src/pipeline/call.ts', ['src/pipeline/tap-stream.ts']),
      record('src/pipeline/tap-stream.ts', ['src/pipeline/call.ts'], true),
      record('src/pipeline/x.test.ts', ['src/pipeline/y.test.ts']),
      record('src/pipeline/y.test.ts', ['src/pipeline/x.test.ts']),
    ]);
    assert.deepEqual(messages, [
      'import cycle: src/pipeline/call.ts -> src/pipeline/tap-stream.ts -> src/pipeline/call.ts (type-only)',
    ]);
  });
});

// Compiled to dist/test/, so the repo root is two folders up; the sources are read, not the output.
const root = fileURLToPath(new URL('../../', import.meta.url));

describe('architecture: reading imports', () => {
  it('finds static, re-exported, type-only and dynamic imports, and nothing inside strings', () => {
    const text = [
      "import { a } from './a.js';",
      "import { type B } from './b.js';",
      "import type { C } from '../c.js';",
      "export { d } from './d.js';",
      "export type { E } from './e.js';",
      "import 'node:fs';",
      "type F = typeof import('./f.js');",
      'async function load() {',
      "  const g = await import('./g.js');",
      '  const code = `await import(${JSON.stringify("./h.js")})`;',
      "  return [g, code, '../i.js'];",
      '}',
    ].join('\n');
    const edges = extractImports(root, 'src/core/example.ts', text);
    assert.deepEqual(
      edges.map(({ specifier, typeOnly, line }) => [specifier, typeOnly, line]),
      [
        ['./a.js', false, 1],
        ['./b.js', false, 2],
        ['../c.js', true, 3],
        ['./d.js', false, 4],
        ['./e.js', true, 5],
        ['./f.js', true, 7],
        ['./g.js', false, 9],
      ],
    );
  });

  it('resolves a compiled .js specifier to the TypeScript source', () => {
    const [edge] = extractImports(root, 'src/gateway/app.ts', "import { x } from '../core/errors.js';");
    assert.equal(edge?.target, 'src/core/errors.ts');
  });
});

describe('architecture: the source tree', () => {
  const records = readImportGraph(root, ['src', 'bench', 'test']);

  it('reads the real sources', () => {
    assert.ok(existsSync(`${root}package.json`), `no package.json at ${root}`);
    assert.ok(
      records.some(({ file }) => file === 'src/core/errors.ts'),
      'src/core/errors.ts not found',
    );
    assert.ok(records.length > 20, `only ${records.length} source files found`);
    assert.ok(records.flatMap(({ imports }) => imports).length > 50, 'suspiciously few imports found');
  });

  it('has no import that crosses the layer lines', () => {
    const messages = checkLayers(records);
    assert.deepEqual(messages, [], `layer violations:\n${messages.join('\n')}`);
  });

  it('has no import cycle among modules', () => {
    const messages = checkCycles(records);
    assert.deepEqual(messages, [], `import cycles:\n${messages.join('\n')}`);
  });
});
