import { StrataError } from '../core/errors.js';
import { type ConditionInput, ruleMatches } from './conditions.js';
import type { Leaf, PlanNode } from './plan.js';
import type { SelectionContext } from './selectors/selector.js';

/** What ordering a plan's candidates needs for one request. */
export interface OrderInput extends ConditionInput {
  route: string;
  selection: SelectionContext;
}

/**
 * The models a plan tries for this request, in order: rules pick their branch, selectors order their
 * targets, fallbacks follow; a model listed twice is tried once, at its first place.
 */
export async function orderLeaves(node: PlanNode, input: OrderInput): Promise<Leaf[]> {
  const leaves: Leaf[] = [];
  await collect(node, input, leaves);
  const seen = new Set<string>();
  return leaves.filter((leaf) => !seen.has(leaf.key) && seen.add(leaf.key));
}

async function collect(node: PlanNode, input: OrderInput, into: Leaf[]): Promise<void> {
  switch (node.kind) {
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
