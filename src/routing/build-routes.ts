import type { PlanConfig, RouteConfig, RoutesConfig, TierConfig } from '../config/routes.js';
import type { VerifierConfig } from '../config/verifiers.js';
import { StrataError } from '../core/errors.js';
import type { Catalog } from '../models/catalog/catalog.js';
import type { ModelRegistry, ResolvedModel } from '../models/model-registry.js';
import { firstLeaf, type Leaf, type PlanNode, type Route, type Tier } from './plan.js';
import { createSelector, hasSelector } from './selectors/create-selector.js';
import type { Candidate, Selector, SelectorDeps } from './selectors/selector.js';
import type { Verifier } from './verifiers/verifier.js';

/** What compiling routes needs: model names, prices, and how verifiers and selectors are built. */
export interface BuildRoutesDeps {
  registry: ModelRegistry;
  catalog: Catalog;
  /** Builds a verifier from config; without it, a cascade that names verifiers is a config error. */
  createVerifier?: ((config: VerifierConfig) => Verifier) | undefined;
  load?: SelectorDeps['load'];
  embed?: SelectorDeps['embed'];
}

/** A model a plan names, with its catalog window and price. */
export function leafFor(name: string, resolved: ResolvedModel, catalog: Catalog): Leaf {
  const entry = catalog.find(resolved.provider, resolved.upstreamModel);
  return {
    name,
    resolved,
    key: `${resolved.provider.id}/${resolved.upstreamModel}`,
    contextWindow: entry?.contextWindow,
    price: entry?.price,
  };
}

const planKinds = ['model', 'fallback', 'balance', 'rules', 'cascade'] as const;

function kindOf(plan: PlanConfig): string {
  return planKinds.find((kind) => plan[kind] !== undefined) ?? 'model';
}

/**
 * The models a verifier may call for one answer, one entry per call; `undefined` is the tier's own
 * model (a `self_consistency` resample). Budgets reserve these calls too.
 */
function checkedModels(verifier: VerifierConfig): Array<string | undefined> {
  switch (verifier.type) {
    case 'self_consistency': {
      const models = verifier.models ?? [undefined];
      return models.flatMap((model) => Array.from({ length: verifier.samples }, () => model));
    }
    case 'llm_judge':
      return [verifier.model];
    default:
      return [];
  }
}

/** Compiles every route, collecting every problem with its config path before failing. */
class Compiler {
  readonly issues: string[] = [];
  private readonly inlining: string[] = [];
  /** Above zero while a cascade's tiers compile: a tier cannot hold another cascade. */
  private inTiers = 0;

  constructor(
    private readonly routes: RoutesConfig,
    private readonly deps: BuildRoutesDeps,
  ) {}

  async route(name: string, config: RouteConfig): Promise<Route | undefined> {
    const path = `routes.${name}`;
    this.inlining.push(name);
    try {
      if (config.cascade) {
        const tiers = await this.tiers(config.cascade, path);
        return tiers && { name, options: config, kind: 'cascade', body: { kind: 'cascade', tiers } };
      }
      const node = await this.plan(config, path);
      return node && { name, options: config, kind: kindOf(config), body: { kind: 'plan', node } };
    } finally {
      this.inlining.pop();
    }
  }

  private async tiers(configs: TierConfig[], path: string): Promise<Tier[] | undefined> {
    this.inTiers++;
    try {
      const tiers: Array<Tier | undefined> = [];
      for (const [index, tier] of configs.entries())
        tiers.push(await this.tier(tier, `${path}.cascade[${index}]`));
      return tiers.every((tier) => tier !== undefined) ? (tiers as Tier[]) : undefined;
    } finally {
      this.inTiers--;
    }
  }

  private async tier(config: TierConfig, path: string): Promise<Tier | undefined> {
    const node = await this.plan(config.use, `${path}.use`);
    const verifiers: Verifier[] = [];
    config.verifiers.forEach((verifier, index) => {
      const create = this.deps.createVerifier;
      if (!create) {
        this.issues.push(
          `${path}.verifiers[${index}]: verifiers (\`${verifier.type}\`) are not available in this build`,
        );
        return;
      }
      try {
        verifiers.push(create(verifier));
      } catch (error) {
        this.issues.push(
          `${path}.verifiers[${index}]: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    });
    if (!node) return undefined;
    const checks: PlanNode[] = [];
    for (const [index, verifier] of config.verifiers.entries()) {
      for (const model of checkedModels(verifier)) {
        const check =
          model === undefined ? node : await this.named(model, `${path}.verifiers[${index}].model`);
        if (check) checks.push(check);
      }
    }
    return { node, checks, verifiers, threshold: config.threshold, require: config.require };
  }

  private async plan(config: PlanConfig, path: string): Promise<PlanNode | undefined> {
    if (config.model !== undefined) return this.named(config.model, `${path}.model`);
    if (config.cascade) {
      this.issues.push(
        `${path}: a cascade inside another plan must be a route of its own; name that route here`,
      );
      return undefined;
    }
    if (config.fallback) {
      const children = await this.all(config.fallback, (index) => `${path}.fallback[${index}]`);
      return children && { kind: 'fallback', children };
    }
    if (config.balance) {
      const balance = config.balance;
      const children = await this.all(balance.targets, (index) => `${path}.balance.targets[${index}]`);
      if (!hasSelector(balance.strategy)) {
        this.issues.push(`${path}.balance.strategy: \`${balance.strategy}\` is not available in this build`);
        return undefined;
      }
      if (!children) return undefined;
      let selector: Selector;
      try {
        selector = await createSelector(balance, {
          catalog: this.deps.catalog,
          load: this.deps.load,
          embed: this.deps.embed,
        });
      } catch (error) {
        // A strategy that cannot be built (e.g. `learned` without a stored router) is a config issue.
        if (!(error instanceof StrataError)) throw error;
        this.issues.push(`${path}.balance: ${error.message}`);
        return undefined;
      }
      const candidates = children.map(
        (child, index): Candidate => ({
          index,
          name: balance.targets[index]?.model ?? `#${index}`,
          weight: balance.targets[index]?.weight ?? 1,
          key: firstLeaf(child)?.key,
        }),
      );
      return { kind: 'balance', selector, children, candidates };
    }
    if (config.rules) {
      const nodes = await this.all(
        config.rules.map((rule) => rule.use),
        (index) => `${path}.rules[${index}].use`,
      );
      const otherwise = config.default && (await this.plan(config.default, `${path}.default`));
      if (!nodes || (config.default && !otherwise)) return undefined;
      const rules = config.rules.map((rule, index) => ({
        when: rule.when,
        pattern: rule.when.last_user_message
          ? new RegExp(rule.when.last_user_message.pattern, rule.when.last_user_message.flags)
          : undefined,
        node: nodes[index] as PlanNode,
      }));
      return { kind: 'rules', rules, otherwise };
    }
    this.issues.push(`${path}: the plan names no model`);
    return undefined;
  }

  private async all(plans: PlanConfig[], pathOf: (index: number) => string): Promise<PlanNode[] | undefined> {
    // One at a time: the inlining stack and the tier depth describe the plan being compiled.
    const nodes: Array<PlanNode | undefined> = [];
    for (const [index, plan] of plans.entries()) nodes.push(await this.plan(plan, pathOf(index)));
    return nodes.every((node) => node !== undefined) ? (nodes as PlanNode[]) : undefined;
  }

  private async cascade(route: string, configs: TierConfig[], path: string): Promise<PlanNode | undefined> {
    const tiers = await this.tiers(configs, path);
    return tiers && { kind: 'cascade', route, tiers };
  }

  /** A name is a route (inlined, or one candidate when it is a cascade) when one has it, else a model. */
  private async named(name: string, path: string): Promise<PlanNode | undefined> {
    const route = this.routes[name];
    if (route && !this.inlining.includes(name)) {
      if (route.cascade && this.inTiers > 0) {
        this.issues.push(
          `${path}: \`${name}\` is a cascade route; a cascade tier cannot hold another cascade`,
        );
        return undefined;
      }
      this.inlining.push(name);
      const before = this.issues.length;
      try {
        const node = route.cascade
          ? await this.cascade(name, route.cascade, `routes.${name}`)
          : await this.plan(route, path);
        // The route's own entry reports its problems; here, one line pointing at it is enough.
        if (this.issues.length > before) {
          const cycles = this.issues
            .splice(before)
            .filter((issue) => issue.includes('refers back to itself'));
          this.issues.push(
            ...(cycles.length > 0
              ? cycles
              : [`${path}: the route \`${name}\` is invalid (see routes.${name})`]),
          );
        }
        return node;
      } finally {
        this.inlining.pop();
      }
    }
    if (route) {
      this.issues.push(
        `${path}: \`${name}\` refers back to itself (${[...this.inlining, name].join(' -> ')})`,
      );
      return undefined;
    }
    const resolved = this.deps.registry.resolve(name);
    if (!resolved) {
      this.issues.push(
        `${path}: \`${name}\` is neither a route nor a model a configured provider serves (add it under models, or write provider/model)`,
      );
      return undefined;
    }
    const leaf = leafFor(name, resolved, this.deps.catalog);
    return { kind: 'model', leaf };
  }
}

/** Compiles the `routes:` section, or returns every problem, each with its config path. */
export async function compileRoutes(
  routes: RoutesConfig,
  deps: BuildRoutesDeps,
): Promise<{ ok: true; routes: Map<string, Route> } | { ok: false; issues: string[] }> {
  const compiler = new Compiler(routes, deps);
  const compiled = new Map<string, Route>();
  for (const [name, config] of Object.entries(routes)) {
    const route = await compiler.route(name, config);
    if (route) compiled.set(name, route);
  }
  return compiler.issues.length > 0 ? { ok: false, issues: compiler.issues } : { ok: true, routes: compiled };
}

/** Compiles the routes or fails with `config_invalid` listing every problem. */
export async function buildRoutes(routes: RoutesConfig, deps: BuildRoutesDeps): Promise<Map<string, Route>> {
  const result = await compileRoutes(routes, deps);
  if (result.ok) return result.routes;
  throw new StrataError('config_invalid', result.issues.join('; '));
}
