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

/** A plan compiled from config: names resolved, nested routes inlined, selectors built. */
export type PlanNode =
  | { kind: 'model'; leaf: Leaf }
  | { kind: 'fallback'; children: PlanNode[] }
  | { kind: 'balance'; selector: Selector; children: PlanNode[]; candidates: Candidate[] }
  | { kind: 'rules'; rules: CompiledRule[]; otherwise: PlanNode | undefined };

/** One compiled cascade tier. */
export interface Tier {
  node: PlanNode;
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
    default:
      return node.children.flatMap(leavesOf);
  }
}

/**
 * The models a route can reach, one group per step that may run in turn: one group for a plan (only
 * one of its candidates answers), one per tier for a cascade (every tier may run).
 */
export function reachableGroups(route: Route): Leaf[][] {
  return route.body.kind === 'plan'
    ? [leavesOf(route.body.node)]
    : route.body.tiers.map((tier) => leavesOf(tier.node));
}
