import { StrataError } from '../core/errors.js';
import { type ConditionInput, ruleMatches } from './conditions.js';
import type { CascadeNode, Leaf, PlanNode } from './plan.js';
import type { SelectionContext } from './selectors/selector.js';

/** What ordering a plan's candidates needs for one request. */
export interface OrderInput extends ConditionInput {
  route: string;
  selection: SelectionContext;
}

/** One thing a plan tries: a model, or a whole cascade that a balance or rule chose. */
export type PlanStep = Leaf | CascadeNode;

/**
 * What a plan tries for this request, in order: rules pick their branch, selectors order their
 * targets, fallbacks follow; a model listed twice is tried once, at its first place.
 */
export async function orderSteps(node: PlanNode, input: OrderInput): Promise<PlanStep[]> {
  const steps: PlanStep[] = [];
  await collect(node, input, steps);
  const seen = new Set<string>();
  return steps.filter((step) => isCascade(step) || (!seen.has(step.key) && seen.add(step.key)));
}

/** The models a plan tries for this request, in order, leaving out any cascade it names. */
export async function orderLeaves(node: PlanNode, input: OrderInput): Promise<Leaf[]> {
  return (await orderSteps(node, input)).filter((step): step is Leaf => !isCascade(step));
}

/** True for a step that is a whole cascade rather than one model. */
export function isCascade(step: PlanStep): step is CascadeNode {
  return 'kind' in step && step.kind === 'cascade';
}

async function collect(node: PlanNode, input: OrderInput, into: PlanStep[]): Promise<void> {
  switch (node.kind) {
    case 'cascade':
      into.push(node);
      return;
    case 'model':
      into.push(node.leaf);
      return;
    case 'fallback':
      for (const child of node.children) await collect(child, input, into);
      return;
    case 'balance': {
      const order = await node.selector.order(node.candidates, input.selection);
      for (const candidate of order) {
        const child = node.children[candidate.index];
        if (child) await collect(child, input, into);
      }
      return;
    }
    case 'rules': {
      const rule = node.rules.find((candidate) => ruleMatches(candidate, input));
      const chosen = rule?.node ?? node.otherwise;
      if (!chosen) {
        throw new StrataError(
          'invalid_request',
          `No rule of route \`${input.route}\` matches this request, and the route has no default.`,
          { param: 'model' },
        );
      }
      await collect(chosen, input, into);
      return;
    }
  }
}
