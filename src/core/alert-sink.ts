/** How urgent an alert is. */
export type AlertSeverity = 'info' | 'warning' | 'critical';

/**
 * An event a layer raises for alerting to record and deliver, e.g. a soft budget crossed or a hard budget
 * overrun. The same `kind` and `subject` raised again within the cooldown is neither recorded nor sent.
 */
export interface AlertEvent {
  /** What happened, in snake_case: `budget_soft_crossed`, `budget_hard_overrun`, … */
  kind: string;
  /** What it happened to (a budget id, a key id); with `kind`, what makes two events the same. */
  subject: string;
  severity: AlertSeverity;
  /** One sentence for people. */
  message: string;
  /** The measured value and the threshold it crossed, when there are numbers. */
  value?: number | undefined;
  threshold?: number | undefined;
}

/** Where layers raise alert events; returns at once, recording and delivery happen off the request path. */
export interface AlertSink {
  raise(event: AlertEvent): void;
}
