/**
 * The configuration reference (docs/configuration.md), generated from the zod schema so the docs cannot
 * drift from what `strata.yaml` accepts: every field with its type, default and the schema's description.
 */
import { z } from 'zod';
import { configSchema } from './schema.js';

/** The part of a JSON Schema node the reference reads. */
interface Node {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Node>;
  required?: string[];
  additionalProperties?: Node | boolean;
  items?: Node;
  anyOf?: Node[];
  oneOf?: Node[];
  $ref?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  format?: string;
  pattern?: string;
}

interface Row {
  path: string;
  type: string;
  default: string;
  description: string;
}

/** The command that rewrites the reference; the test that keeps it current names it. */
export const configReferenceCommand = 'npm run build && node scripts/config-reference.mjs';

/** JSON Schema cannot hold `Number.MAX_SAFE_INTEGER` bounds worth printing. */
const unbounded = Number.MAX_SAFE_INTEGER;

function code(value: unknown): string {
  return `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

function isPlan(node: Node | undefined): boolean {
  return node?.properties?.model !== undefined && node.properties.cascade !== undefined;
}

function range(node: Node): string {
  const low =
    node.minimum !== undefined && node.minimum !== -unbounded
      ? `≥ ${node.minimum}`
      : node.exclusiveMinimum !== undefined
        ? `> ${node.exclusiveMinimum}`
        : '';
  const high =
    node.maximum !== undefined && node.maximum !== unbounded
      ? `≤ ${node.maximum}`
      : node.exclusiveMaximum !== undefined
        ? `< ${node.exclusiveMaximum}`
        : '';
  const bounds = [low, high].filter((bound) => bound !== '').join(', ');
  return bounds === '' ? '' : ` (${bounds})`;
}

/** A short type label for one node: `string`, `integer (≥ 0)`, one of `a` \| `b`, `plan`, … */
function typeOf(node: Node, defs: Record<string, Node>): string {
  if (node.$ref !== undefined)
    return isPlan(resolve(node, defs)) ? 'plan' : typeOf(resolve(node, defs), defs);
  if (node.const !== undefined) return code(node.const);
  if (node.enum !== undefined) return `one of ${node.enum.map(code).join(', ')}`;
  const alternatives = node.anyOf ?? node.oneOf;
  const kinds = alternatives?.map((choice) => choice.properties?.type?.const);
  if (kinds?.every((kind) => kind !== undefined)) {
    return `object whose \`type\` is one of ${kinds.map(code).join(', ')}`;
  }
  if (alternatives !== undefined) return alternatives.map((choice) => typeOf(choice, defs)).join(' or ');
  if (node.type === 'array') return `list of ${node.items ? typeOf(node.items, defs) : 'values'}`;
  if (node.type === 'object' && node.properties === undefined) {
    const values = node.additionalProperties;
    return typeof values === 'object' && values.type !== undefined
      ? `map of name → ${typeOf(values, defs)}`
      : 'object';
  }
  if (node.format === 'uri') return 'URL';
  const type = Array.isArray(node.type) ? node.type.join(' or ') : (node.type ?? 'any');
  return `${type}${range(node)}`;
}

/** Follows `$ref`s to the node they name, keeping the nearest description. */
function resolve(node: Node, defs: Record<string, Node>): Node {
  let found = node;
  let description = node.description;
  while (found.$ref !== undefined) {
    const target = defs[found.$ref.replace('#/$defs/', '')];
    if (target === undefined) throw new Error(`config reference: unknown $ref ${found.$ref}`);
    description ??= target.description;
    found = target;
  }
  return description === undefined ? found : { ...found, description };
}

/** Rows for a node and everything under it; a plan is named, not expanded, where it recurs. */
function rows(path: string, node: Node, defs: Record<string, Node>, required: boolean): Row[] {
  if (node.$ref !== undefined) {
    const target = resolve(node, defs);
    if (!isPlan(target) && !isPlan(target.items ? resolve(target.items, defs) : undefined)) {
      throw new Error(`config reference: ${path} refers to a recursive type that is not a plan`);
    }
  }
  const own: Row = {
    path,
    type: typeOf(node, defs),
    default: node.default !== undefined ? code(node.default) : required ? 'required' : '',
    description: (node.$ref === undefined ? node : resolve(node, defs)).description ?? '',
  };
  const nested = nestedRows(path, node, defs);
  // An object whose fields are all listed needs no row of its own unless it says something.
  if (nested.length > 0 && own.description === '' && node.type === 'object') return nested;
  return [own, ...nested];
}

function nestedRows(path: string, node: Node, defs: Record<string, Node>): Row[] {
  if (node.$ref !== undefined) return [];
  if (node.properties !== undefined) {
    return Object.entries(node.properties).flatMap(([name, child]) =>
      rows(`${path}.${name}`, child, defs, node.required?.includes(name) === true),
    );
  }
  if (node.type === 'array' && node.items !== undefined) {
    if (node.items.oneOf !== undefined) return variantRows(`${path}[]`, node.items.oneOf, defs);
    if (node.items.properties !== undefined) return nestedRows(`${path}[]`, node.items, defs);
  }
  const values = node.additionalProperties;
  if (node.type === 'object' && typeof values === 'object' && values.properties !== undefined) {
    return nestedRows(`${path}.<name>`, values, defs);
  }
  return [];
}

/** A discriminated union (verifiers): one group of rows per `type`. */
function variantRows(path: string, variants: Node[], defs: Record<string, Node>): Row[] {
  return variants.flatMap((variant) => {
    const kind = variant.properties?.type?.const;
    const label = kind === undefined ? path : `${path} (type: ${String(kind)})`;
    return Object.entries(variant.properties ?? {})
      .filter(([name]) => name !== 'type')
      .flatMap(([name, child]) =>
        rows(`${label}.${name}`, child, defs, variant.required?.includes(name) === true),
      );
  });
}

function table(entries: Row[]): string {
  const lines = ['| key | type | default | description |', '| --- | --- | --- | --- |'];
  for (const row of entries) {
    lines.push(
      `| \`${cell(row.path)}\` | ${cell(row.type)} | ${cell(row.default)} | ${cell(row.description)} |`,
    );
  }
  return lines.join('\n');
}

/** The Markdown of docs/configuration.md. */
export function configReference(): string {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as Node & {
    $defs?: Record<string, Node>;
  };
  const defs = schema.$defs ?? {};
  const sections = Object.entries(schema.properties ?? {}).map(([name, node]) => {
    const all = rows(name, node, defs, false);
    const nested = all.filter((row) => row.path !== name);
    const intro = nested.length > 0 && node.description !== undefined ? `${node.description}\n\n` : '';
    return `## \`${name}\`\n\n${intro}${table(nested.length > 0 ? nested : all)}\n`;
  });
  return [
    '# Configuration reference',
    '',
    `<!-- Generated from src/config/schema.ts by \`${configReferenceCommand}\`; do not edit by hand. -->`,
    '',
    'Every key `strata.yaml` accepts, with its type, default and meaning. Everything is optional: with no',
    'file, every default below applies. `strata serve --config strata.yaml` reads the file and',
    '`strata config check --config strata.yaml` validates it without starting. `${VAR}` and',
    '`${VAR:-default}` in any value are read from the environment. Unknown keys are errors.',
    '',
    'In paths, `<name>` is a name you choose (a provider, a route) and `[]` an item of a list. A *plan* is',
    'a model or route name, or an object with exactly one of `model`, `fallback`, `balance`, `rules` or',
    '`cascade`, as under `routes.<name>`; see [routing](routing.md).',
    '',
    ...sections,
  ].join('\n');
}
