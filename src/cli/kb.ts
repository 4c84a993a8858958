import type { createStack } from '../pipeline/stack.js';
import { CliError, withStack } from './common.js';
import { progressPrinter } from './progress-bar.js';

/** The flags `strata kb` reads. */
export interface KbOptions {
  config?: string;
  json: boolean;
  description?: string;
  chunkTokens?: number;
  chunkOverlap?: number;
  topK?: number;
  mode?: string;
  prune: boolean;
}

/** `strata kb create|list|delete|ingest|search`: knowledge bases, straight on the store. */
export async function kbCommand(
  action: string | undefined,
  rest: string[],
  options: KbOptions,
): Promise<void> {
  await withStack(options.config, (stack) => runAction(stack.knowledge, action, rest, options));
}

type Knowledge = Awaited<ReturnType<typeof createStack>>['knowledge'];

async function runAction(
  knowledge: Knowledge,
  action: string | undefined,
  rest: string[],
  options: KbOptions,
) {
  const [name, ...more] = rest;
  if (action === 'list') {
    const bases = await knowledge.listBases();
    if (options.json) console.log(JSON.stringify(bases));
    else if (bases.length === 0)
      console.log('No knowledge bases yet. Create one with: strata kb create <name>');
    else
      for (const base of bases)
        console.log(`${base.name}  ${base.documents} documents  ${base.description}`.trimEnd());
    return;
  }
  if (!name)
    throw new CliError(
      `strata kb ${action ?? '<action>'} needs a knowledge base name. Run \`strata kb --help\`.`,
    );
  if (action === 'create') {
    const created = await knowledge.createBase({
      name,
      ...(options.description !== undefined && { description: options.description }),
      ...(options.chunkTokens !== undefined && { chunkTokens: options.chunkTokens }),
      ...(options.chunkOverlap !== undefined && { chunkOverlap: options.chunkOverlap }),
    });
    console.log(options.json ? JSON.stringify(created) : `Created knowledge base ${created.name}.`);
  } else if (action === 'delete') {
    if (!(await knowledge.deleteBase(name))) throw new CliError(`No knowledge base named ${name}.`);
    console.log(`Deleted knowledge base ${name}.`);
  } else if (action === 'ingest') {
    if (more.length === 0)
      throw new CliError('strata kb ingest needs files or folders: strata kb ingest <kb> <paths…>');
    const printer = progressPrinter(process.stderr);
    const { finished } = await knowledge.ingest(
      name,
      more.map((path) => ({ path })),
      { prune: options.prune, onProgress: (progress) => printer.update(progress) },
    );
    const result = await finished;
    printer.end(result);
    if (options.json) console.log(JSON.stringify(result));
    else {
      for (const problem of result.errors) console.log(`skipped ${problem.source}: ${problem.reason}`);
      console.log(
        `Ingested ${result.done} of ${result.total} files into ${name}: ${result.created} new, ${result.updated} updated, ${result.unchanged} unchanged, ${result.deleted} removed, ${result.failed} failed.`,
      );
    }
    if (result.status === 'failed') throw new CliError(result.errors.at(-1)?.reason ?? 'ingestion failed');
  } else if (action === 'search') {
    const query = more.join(' ');
    if (!query.trim()) throw new CliError('strata kb search needs a query: strata kb search <kb> <query…>');
    const mode = options.mode;
    if (mode !== undefined && mode !== 'bm25' && mode !== 'vector' && mode !== 'hybrid') {
      throw new CliError(`--mode must be bm25, vector or hybrid, got \`${mode}\``);
    }
    const hits = await knowledge.search(name, query, { topK: options.topK ?? 5, ...(mode && { mode }) });
    if (options.json) console.log(JSON.stringify(hits));
    else if (hits.length === 0) console.log('No matches.');
    else
      for (const [rank, hit] of hits.entries()) {
        const where = [hit.source, ...hit.headingPath].join(' › ');
        console.log(`${rank + 1}. ${hit.score.toFixed(3)}  ${hit.id}  ${where}`);
        console.log(`   ${hit.text.replace(/\s+/g, ' ').slice(0, 200)}`);
      }
  } else {
    throw new CliError(`Unknown kb action \`${action ?? ''}\`; use create, list, delete, ingest or search.`);
  }
}
