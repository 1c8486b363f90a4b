/**
 * Notifications for drift alerts and promotions: email (nodemailer over SMTP from the
 * platform config: SMTP_HOST/PORT/SECURE/USER/PASSWORD, SMTP_FROM, MLSEC_ALERT_EMAIL_TO) and a
 * JSON webhook (MLSEC_ALERT_WEBHOOK_URL). Every delivery attempt is recorded.
 */
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { AppContext } from '../platform/context.js';
import { appError } from '../platform/errors.js';
import { notifications } from './schema.js';

export interface Delivery {
  channel: 'email' | 'webhook';
  target: string;
  ok: boolean;
  error?: string;
  message_id?: string;
}

export function emailConfigured(ctx: AppContext): boolean {
  return Boolean(ctx.config.smtpHost && ctx.config.alertEmailTo.length);
}

async function record(ctx: AppContext, d: Delivery, subject: string): Promise<void> {
  await ctx.db.insert(notifications).values({ id: randomUUID(), channel: d.channel, target: d.target, subject, ok: d.ok, error: d.error ?? null });
}

/** Sends one email; throws ANALYTICS_EMAIL_NOT_CONFIGURED / ANALYTICS_EMAIL_FAILED. */
export async function sendEmail(ctx: AppContext, subject: string, text: string): Promise<Delivery> {
  const c = ctx.config;
  if (!emailConfigured(ctx)) throw appError('ANALYTICS_EMAIL_NOT_CONFIGURED');
  const transport = nodemailer.createTransport({
    host: c.smtpHost,
    port: c.smtpPort,
    secure: c.smtpSecure,
    auth: c.smtpUser ? { user: c.smtpUser, pass: c.smtpPassword ?? '' } : undefined,
    // Local relays in dev/test often have self-signed certificates on STARTTLS.
    tls: { rejectUnauthorized: false },
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
  });
  const target = c.alertEmailTo.join(', ');
  try {
    const info = await transport.sendMail({ from: c.smtpFrom, to: c.alertEmailTo, subject, text });
    const d: Delivery = { channel: 'email', target, ok: true, message_id: info.messageId };
    await record(ctx, d, subject);
    return d;
  } catch (e) {
    const d: Delivery = { channel: 'email', target, ok: false, error: (e as Error).message };
    await record(ctx, d, subject);
    throw appError('ANALYTICS_EMAIL_FAILED', { detail: (e as Error).message });
  } finally {
    transport.close();
  }
}

export async function sendWebhook(ctx: AppContext, payload: Record<string, unknown>, subject: string): Promise<Delivery> {
  const url = ctx.config.alertWebhookUrl!;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(10_000),
    });
    const d: Delivery = { channel: 'webhook', target: url, ok: res.ok, ...(res.ok ? {} : { error: `HTTP ${res.status}` }) };
    await record(ctx, d, subject);
    return d;
  } catch (e) {
    const d: Delivery = { channel: 'webhook', target: url, ok: false, error: (e as Error).message };
    await record(ctx, d, subject);
    return d;
  }
}

/** Sends to every configured channel; never throws (failures are recorded and returned). */
export async function notify(ctx: AppContext, n: { kind: string; subject: string; text: string; data: Record<string, unknown> }): Promise<Delivery[]> {
  const out: Delivery[] = [];
  if (emailConfigured(ctx)) {
    try {
      out.push(await sendEmail(ctx, n.subject, n.text));
    } catch (e) {
      out.push({ channel: 'email', target: ctx.config.alertEmailTo.join(', '), ok: false, error: (e as Error).message });
    }
  }
  if (ctx.config.alertWebhookUrl) {
    out.push(await sendWebhook(ctx, { kind: n.kind, subject: n.subject, message: n.text, data: n.data, timestamp: ctx.clock.now().toISOString() }, n.subject));
  }
  if (out.some((d) => !d.ok)) ctx.log.warn({ deliveries: out }, 'analytics notification delivery failed');
  return out;
}
