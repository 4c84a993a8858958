import { createStack } from '../pipeline/stack.js';
import { type SpendDimension, type SpendGroup, spendDimensions } from '../store/ledger-queries.js';
import { CliError, loadConfigOrFail, openingStore } from './common.js';
import { formatTable } from './table.js';

/** Options of `strata spend`. */
export interface SpendOptions {
  config?: string;
  by?: string;
  from?: string;
  to?: string;
  json: boolean;
}

const isoDateOrTime = /^\d{4}-\d{2}-\d{2}([T ].+)?$/;

function dimension(value: string | undefined): SpendDimension {
  const found = spendDimensions.find((name) => name === (value ?? 'model'));
  if (found === undefined)
    throw new CliError(`--by must be one of ${spendDimensions.join(', ')}, got \`${value}\``);
  return found;
}

function date(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!isoDateOrTime.test(value) || Number.isNaN(Date.parse(value))) {
    throw new CliError(`--${flag} must be an ISO date such as 2026-11-01, got \`${value}\``);
  }
  return value;
}

/** Dollars to the micro-dollar the ledger keeps, without trailing zeros past the cents: $0.014, $2.50. */
function usd(value: number): string {
  return `$${value.toFixed(6).replace(/0{1,4}$/, '')}`;
}

/** How a key group is shown: an API key by name and id, a config key (`config:ci`) by its name. */
function keyLabel(id: string, names: ReadonlyMap<string, string>): string {
  if (id.startsWith('config:')) return id.slice('config:'.length);
  const name = names.get(id);
  return name === undefined ? id : `${name} (${id})`;
}

/** The report as aligned text: one line per group and a totals line. */
export function formatSpend(
  by: SpendDimension,
  groups: readonly SpendGroup[],
  keyNames: ReadonlyMap<string, string> = new Map(),
): string {
  const total = groups.reduce(
    (sum, group) => ({
      requests: sum.requests + group.requests,
      input: sum.input + group.input_tokens,
      output: sum.output + group.output_tokens,
      cost: sum.cost + group.cost_usd,
      saved: sum.saved + group.saved_usd,
      unpriced: sum.unpriced + group.unpriced_requests,
    }),
    { requests: 0, input: 0, output: 0, cost: 0, saved: 0, unpriced: 0 },
  );
  const line = (cells: Array<string | number>) => cells.map(String);
  const rows = [
    line([by, 'requests', 'input tokens', 'output tokens', 'cost', 'saved by cache', 'unpriced']),
    ...groups.map((group) =>
      line([
        group.group === null ? '(none)' : by === 'key' ? keyLabel(group.group, keyNames) : group.group,
        group.requests,
        group.input_tokens,
        group.output_tokens,
        usd(group.cost_usd),
        usd(group.saved_usd),
        group.unpriced_requests,
      ]),
    ),
    // Grouped by tag a request counts once per tag, so the totals line would overcount: leave it out.
    ...(by === 'tag'
      ? []
      : [
          line([
            'total',
            total.requests,
            total.input,
            total.output,
            usd(total.cost),
            usd(total.saved),
            total.unpriced,
          ]),
        ]),
  ];
  return formatTable(rows);
}

/** `strata spend`: spend from the ledger, read directly from the store. */
export async function spendCommand(options: SpendOptions): Promise<void> {
  const by = dimension(options.by);
  const from = date('from', options.from);
  const to = date('to', options.to);
  const { config, environment } = await loadConfigOrFail(options.config);
  const stack = await openingStore(config, () => createStack(config, environment));
  try {
    const data = await stack.ledger.spend({ groupBy: by, from, to });
    const keyNames = new Map(by === 'key' ? (await stack.keys.list()).map((key) => [key.id, key.name]) : []);
    if (options.json) {
      // Grouped by key, each group also carries the key's name as `strata keys list` shows it.
      const named = data.map((group) =>
        by === 'key' && group.group !== null
          ? { ...group, key_name: keyNames.get(group.group) ?? keyLabel(group.group, keyNames) }
          : group,
      );
      console.log(JSON.stringify({ group_by: by, from: from ?? null, to: to ?? null, data: named }));
    } else if (data.length === 0) console.log('No spend recorded in this period.');
    else console.log(formatSpend(by, data, keyNames));
  } finally {
    await stack.close();
  }
}
