import { z } from 'zod';
import { identifier } from './identifier.js';

const name = identifier().describe("The rule's name: shown in notifications and in the alert history.");
const severity = z
  .enum(['info', 'warning', 'critical'])
  .default('warning')
  .describe('How urgent the alert is, as notifications and the history say.');
const cooldown = z
  .number()
  .int()
  .min(0)
  .max(10_080)
  .optional()
  .describe(
    'Minutes after a notification during which the same alert firing again is recorded but not sent; `observability.alerts.cooldown_minutes` when absent.',
  );
const webhooks = z
  .array(identifier())
  .optional()
  .describe('The webhooks (by name) this rule notifies; every webhook when absent.');
const windowMinutes = (fallback: number) =>
  z.number().int().min(1).max(43_200).default(fallback).describe('How far back the rule looks, in minutes.');
const minRequests = z
  .number()
  .int()
  .min(1)
  .default(20)
  .describe('Calls the window must hold before the rule judges it; fewer say too little.');
/** Which calls a rule counts: all of them, or one team's, key's or requested model's. */
const narrowing = {
  team: identifier(200).optional().describe("Count only the calls of this team (the key's `team`)."),
  key: identifier(200).optional().describe('Count only the calls of this key id.'),
  model: identifier(200).optional().describe('Count only the calls that asked for this model or route.'),
};
const common = { name, severity, cooldown_minutes: cooldown, webhooks };

/** One alert rule, evaluated periodically from the store. */
export const alertRuleSchema = z.discriminatedUnion('type', [
  /** Spend over a window in USD, of all calls or one team, key or model. */
  z.strictObject({
    type: z.literal('spend'),
    ...common,
    ...narrowing,
    threshold_usd: z.number().positive().describe('Fires when the window cost more than this, in USD.'),
    window_minutes: windowMinutes(60),
  }),
  /** The share of calls that ended with a 5xx status. */
  z.strictObject({
    type: z.literal('error_rate'),
    ...common,
    ...narrowing,
    threshold: z
      .number()
      .min(0)
      .max(1)
      .describe('Fires when more than this share (0..1) of the calls failed with a 5xx status.'),
    window_minutes: windowMinutes(15),
    min_requests: minRequests,
  }),
  /** The 95th percentile latency of the calls. */
  z.strictObject({
    type: z.literal('p95_latency'),
    ...common,
    ...narrowing,
    threshold_ms: z
      .number()
      .positive()
      .describe('Fires when the p95 latency is above this, in milliseconds.'),
    window_minutes: windowMinutes(15),
    min_requests: minRequests,
  }),
  /** Each budget's spend and holds in its current window over its limit. */
  z.strictObject({
    type: z.literal('budget_utilisation'),
    ...common,
    threshold: z
      .number()
      .positive()
      .max(100)
      .describe('Fires for each budget whose utilisation reaches this ratio (0.8 is 80%).'),
    budget: identifier(200)
      .optional()
      .describe('Watch only the budget with this id; every budget when absent.'),
  }),
  /** The last hour's cost against the median hourly cost of the hours before it. */
  z.strictObject({
    type: z.literal('cost_anomaly'),
    ...common,
    ...narrowing,
    factor: z
      .number()
      .min(1)
      .default(3)
      .describe('Fires when the last hour cost more than this many times the baseline median hour.'),
    baseline_hours: z
      .number()
      .int()
      .min(3)
      .max(720)
      .default(24)
      .describe('How many hours before the last one make the baseline.'),
    min_usd: z
      .number()
      .min(0)
      .default(1)
      .describe(
        "The last hour must also cost at least this, in USD, so that a quiet gateway's first dollar is not an anomaly.",
      ),
  }),
]);

/** Where notifications go: a URL that takes a POST. */
export const alertWebhookSchema = z.strictObject({
  name: identifier().describe("The webhook's name, as rules list it."),
  url: z.url().describe('Where notifications are POSTed.'),
  format: z
    .enum(['json', 'slack'])
    .default('json')
    .describe(
      '`json`: the alert as a JSON object; `slack`: `{"text": ...}`, as Slack and compatible incoming webhooks take.',
    ),
  headers: z
    .record(z.string(), z.string())
    .optional()
    .describe('Extra request headers, e.g. an authorization token as `${ENV_VAR}`.'),
});

/** Alerting: rules over the store, webhooks, and the events other layers raise (budgets). */
export const alertsConfigSchema = z
  .strictObject({
    rules: z
      .array(alertRuleSchema)
      .default([])
      .describe('Thresholds checked periodically by one replica at a time.'),
    webhooks: z.array(alertWebhookSchema).default([]).describe('Where firing and resolved alerts are sent.'),
    interval_seconds: z
      .number()
      .int()
      .min(5)
      .max(3600)
      .default(60)
      .describe('How often the rules are evaluated.'),
    cooldown_minutes: z
      .number()
      .int()
      .min(0)
      .max(10_080)
      .default(60)
      .describe(
        'Minutes after a notification during which the same alert (or raised event, such as a soft budget crossed) is not sent again.',
      ),
  })
  .superRefine((alerts, context) => {
    const names = new Set<string>();
    alerts.rules.forEach((rule, index) => {
      if (names.has(rule.name))
        context.addIssue({
          code: 'custom',
          message: `two rules are named \`${rule.name}\``,
          path: ['rules', index, 'name'],
        });
      names.add(rule.name);
    });
    const hooks = new Set(alerts.webhooks.map((webhook) => webhook.name));
    alerts.rules.forEach((rule, index) => {
      for (const hook of rule.webhooks ?? [])
        if (!hooks.has(hook))
          context.addIssue({
            code: 'custom',
            message: `no webhook is named \`${hook}\`; add it to observability.alerts.webhooks`,
            path: ['rules', index, 'webhooks'],
          });
    });
  });

/** One validated alert rule. */
export type AlertRuleConfig = z.output<typeof alertRuleSchema>;
/** One validated webhook. */
export type AlertWebhookConfig = z.output<typeof alertWebhookSchema>;
/** The validated `observability.alerts`. */
export type AlertsConfig = z.output<typeof alertsConfigSchema>;
