import { type Dispatcher, fetch } from 'undici';
import type { AlertRuleConfig, AlertsConfig, AlertWebhookConfig } from '../../config/alerts.js';
import type { AlertEvent, AlertSink } from '../../core/alert-sink.js';
import { newId } from '../../core/ids.js';
import { createOutboundGuard, OutboundRefused } from '../../core/outbound-guard.js';
import type { AlertRecord, AlertStatus, AlertsRepository } from '../../store/alerts-repository.js';
import { notificationBody } from './alert-notification.js';
import { type AlertSources, readRule } from './rule-readings.js';

/** What alerting is built from. */
export interface AlertingDeps {
  config: AlertsConfig;
  repository: AlertsRepository;
  sources: AlertSources;
  /**
   * The guarded connection pool webhooks are POSTed through (`createOutboundGuard`); without one, a
   * guard with no allow list, so a webhook never reaches a private address by default.
   */
  dispatcher?: Dispatcher;
  onError?: (error: unknown) => void;
}

/** Alert rules, raised events, their delivery to webhooks, and their history. */
export interface Alerting extends AlertSink {
  /** Reads every rule once at `now`: new firing alerts are recorded and sent, cleared ones resolved. */
  evaluate(now?: number): Promise<void>;
  /** The history, newest first. */
  list: AlertsRepository['list'];
  /** Waits for raised events to be recorded and sent. */
  flush(): Promise<void>;
}

const webhookTimeoutMs = 10_000;

/** Builds alerting over the store; `evaluate` is run on a schedule by one replica (see `startAlertJob`). */
export function createAlerting(deps: AlertingDeps): Alerting {
  const { config, repository } = deps;
  const onError = deps.onError ?? ((error) => process.emitWarning(`Alerting failed: ${String(error)}`));
  const rules = new Map(config.rules.map((rule) => [rule.name, rule]));
  let pending: Promise<void> = Promise.resolve();
  const dispatcher = deps.dispatcher ?? createOutboundGuard().dispatcher;

  async function post(webhook: AlertWebhookConfig, alert: AlertRecord): Promise<void> {
    const response = await fetch(webhook.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...webhook.headers },
      body: JSON.stringify(notificationBody(webhook.format, alert)),
      signal: AbortSignal.timeout(webhookTimeoutMs),
      dispatcher,
    }).catch((error: unknown) => {
      // fetch hides why it failed in `cause`; a refusal by the outbound guard should say so plainly.
      const cause = (error as { cause?: unknown }).cause;
      throw cause instanceof OutboundRefused ? new Error(`webhook ${webhook.name}: ${cause.message}`) : error;
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`webhook ${webhook.name} answered ${response.status}`);
  }

  /** Sends to the rule's webhooks (every one when it names none); a failed webhook does not stop the rest. */
  async function deliver(alert: AlertRecord, rule: AlertRuleConfig | undefined): Promise<void> {
    const targets = config.webhooks.filter(
      (webhook) => rule?.webhooks === undefined || rule.webhooks.includes(webhook.name),
    );
    const sent = await Promise.allSettled(targets.map((webhook) => post(webhook, alert)));
    for (const result of sent) if (result.status === 'rejected') onError(result.reason);
  }

  /** True when `rule`/`subject` notified less than `cooldownMinutes` before `now`. */
  async function cooling(rule: string, subject: string, cooldownMinutes: number, now: number) {
    const last = await repository.lastNotified(rule, subject);
    return last !== undefined && now - Date.parse(last) < cooldownMinutes * 60_000;
  }

  function record(
    fields: Pick<AlertRecord, 'rule' | 'subject' | 'type' | 'severity' | 'message' | 'value' | 'threshold'>,
    status: AlertStatus,
    notified: boolean,
    now: number,
  ): AlertRecord {
    const createdAt = new Date(now).toISOString();
    return { id: newId('alert'), ...fields, status, notified, createdAt, resolvedAt: null };
  }

  async function raiseNow(event: AlertEvent): Promise<void> {
    const now = Date.now();
    if (await cooling(event.kind, event.subject, config.cooldown_minutes, now)) return;
    const alert = record(
      {
        rule: event.kind,
        subject: event.subject,
        type: 'event',
        severity: event.severity,
        message: event.message,
        value: event.value ?? null,
        threshold: event.threshold ?? null,
      },
      'raised',
      true,
      now,
    );
    await repository.insert(alert);
    await deliver(alert, undefined);
  }

  return {
    list: (query) => repository.list(query),
    raise(event) {
      // One at a time, so the same event raised by many calls at once is recorded and sent once.
      pending = pending.then(() => raiseNow(event)).catch(onError);
    },
    flush: () => pending,
    async evaluate(now = Date.now()) {
      const open = new Map<string, AlertRecord>();
      for (const alert of await repository.firing()) open.set(`${alert.rule}\u0000${alert.subject}`, alert);
      const unreadable = new Set<string>();
      for (const rule of config.rules) {
        let readings: Awaited<ReturnType<typeof readRule>>;
        try {
          readings = await readRule(rule, deps.sources, now);
        } catch (error) {
          // A rule the store cannot answer keeps its alerts as they are rather than resolving them.
          unreadable.add(rule.name);
          onError(error);
          continue;
        }
        for (const reading of readings) {
          const key = `${rule.name}\u0000${reading.subject}`;
          if (!reading.firing) continue;
          if (open.delete(key)) continue;
          const cooldown = rule.cooldown_minutes ?? config.cooldown_minutes;
          const notify = !(await cooling(rule.name, reading.subject, cooldown, now));
          const alert = record(
            {
              rule: rule.name,
              subject: reading.subject,
              type: rule.type,
              severity: rule.severity,
              message: reading.message,
              value: reading.value,
              threshold: reading.threshold,
            },
            'firing',
            notify,
            now,
          );
          await repository.insert(alert);
          if (notify) await deliver(alert, rule);
        }
      }
      // Whatever is still open no longer fires (or its rule is gone from config): resolved.
      const resolvedAt = new Date(now).toISOString();
      for (const alert of open.values()) {
        if (unreadable.has(alert.rule)) continue;
        if (!(await repository.resolve(alert.id, resolvedAt))) continue;
        if (alert.notified)
          await deliver({ ...alert, status: 'resolved', resolvedAt }, rules.get(alert.rule));
      }
    },
  };
}
