import type { ConditionConfig, RouteOptions } from '../config/routes.js';
import type { CatalogPrice } from '../models/catalog/catalog-entry.js';
import type { ResolvedModel } from '../models/model-registry.js';
import type { Candidate, Selector } from './selectors/selector.js';
import type { Verifier } from './verifiers/verifier.js';

/** One model a plan may call, with what the catalog knows of it. */
export interface Leaf {
  /** The name the plan used for it. */
  name: string;
  resolved: ResolvedModel;
  /** `provider/model`: the breaker, latency and load key. */
  key: string;
  contextWindow: number | undefined;
  price: CatalogPrice | undefined;
}

/** A compiled rule: its condition, with the regular expression built once. */
export interface CompiledRule {
  when: ConditionConfig;
  pattern: RegExp | undefined;
  node: PlanNode;
}

/** A cascade route named inside another route's plan: its tiers run as one candidate. */
export interface CascadeNode {
  kind: 'cascade';
  route: string;
  tiers: Tier[];
}

/**
 * A plan compiled from config: names resolved, nested routes inlined, selectors built. A cascade route
 * named in a plan stays one candidate (so a balance or a rule may choose a whole cascade).
 */
export type PlanNode =
  | { kind: 'model'; leaf: Leaf }
  | { kind: 'fallback'; children: PlanNode[] }
  | { kind: 'balance'; selector: Selector; children: PlanNode[]; candidates: Candidate[] }
  | { kind: 'rules'; rules: CompiledRule[]; otherwise: PlanNode | undefined }
  | CascadeNode;

/** One compiled cascade tier. */
export interface Tier {
  node: PlanNode;
  /** The plan of each model call its verifiers may make (a `self_consistency` sample, a judge). */
  checks: PlanNode[];
  verifiers: Verifier[];
  threshold: number | undefined;
  require: 'all' | 'any';
}

/** A compiled route: either a plan of candidates or a cascade of tiers. */
export interface Route {
  name: string;
  options: RouteOptions;
  /** `model`, `fallback`, `balance`, `rules` or `cascade`, for the trace. */
  kind: string;
  body: { kind: 'plan'; node: PlanNode } | { kind: 'cascade'; tiers: Tier[] };
}

/** The first model a plan would try when nothing has failed, if that is known without a request. */
export function firstLeaf(node: PlanNode): Leaf | undefined {
  switch (node.kind) {
    case 'model':
      return node.leaf;
    case 'fallback':
      return node.children[0] && firstLeaf(node.children[0]);
    case 'cascade':
      return node.tiers[0] && firstLeaf(node.tiers[0].node);
    default:
      return undefined;
  }
}

/** Every model a plan can reach. */
export function leavesOf(node: PlanNode): Leaf[] {
  switch (node.kind) {
    case 'model':
      return [node.leaf];
    case 'rules':
      return [
        ...node.rules.flatMap((rule) => leavesOf(rule.node)),
        ...(node.otherwise ? leavesOf(node.otherwise) : []),
      ];
    case 'cascade':
      return node.tiers.flatMap((tier) => leavesOf(tier.node));
    default:
      return node.children.flatMap(leavesOf);
  }
}

/**
 * The models a route can reach, one group per step that may run in turn: one group for a plan of
 * models (only one of its candidates answers), one per tier for a cascade and one per model call its
 * verifiers may make (every tier and check may run). Where a plan may choose a cascade, a step's group
 * is every model that could run at that step.
 */
export function reachableGroups(route: Route): Leaf[][] {
  return route.body.kind === 'plan' ? stepsOf(route.body.node) : tierGroups(route.body.tiers);
}

function tierGroups(tiers: readonly Tier[]): Leaf[][] {
  return tiers.flatMap((tier) => [tier.node, ...tier.checks].map(leavesOf));
}

function stepsOf(node: PlanNode): Leaf[][] {
  switch (node.kind) {
    case 'model':
      return [[node.leaf]];
    case 'cascade':
      return tierGroups(node.tiers);
    default: {
      const children =
        node.kind === 'rules'
          ? [...node.rules.map((rule) => rule.node), ...(node.otherwise ? [node.otherwise] : [])]
          : node.children;
      // Alternatives: step i may be any child's step i.
      const merged: Leaf[][] = [];
      for (const child of children) {
        stepsOf(child).forEach((group, step) => {
          merged[step] = [...(merged[step] ?? []), ...group];
        });
      }
      return merged;
    }
  }
}
