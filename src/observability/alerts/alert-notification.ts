import type { AlertWebhookConfig } from '../../config/alerts.js';
import type { AlertRecord } from '../../store/alerts-repository.js';

const headline = { firing: 'FIRING', resolved: 'RESOLVED', raised: 'ALERT' } as const;
const icon = { firing: ':rotating_light:', resolved: ':white_check_mark:', raised: ':warning:' } as const;

/** The body POSTed to a webhook for an alert that fired, resolved or was raised. */
export function notificationBody(format: AlertWebhookConfig['format'], alert: AlertRecord): unknown {
  if (format === 'slack') {
    const resolved = alert.status === 'resolved' ? ` (fired ${alert.createdAt})` : '';
    return {
      text: `${icon[alert.status]} *${headline[alert.status]}* [${alert.severity}] ${alert.rule}${alert.subject ? ` · ${alert.subject}` : ''}: ${alert.message}${resolved}`,
    };
  }
  return {
    source: 'strata',
    status: alert.status,
    alert: {
      id: alert.id,
      rule: alert.rule,
      type: alert.type,
      subject: alert.subject,
      severity: alert.severity,
      message: alert.message,
      value: alert.value,
      threshold: alert.threshold,
      created_at: alert.createdAt,
      resolved_at: alert.resolvedAt,
    },
  };
}
