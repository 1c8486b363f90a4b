import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { buildTestApp, type TestApp } from '../platform/testing.js';
import { analyticsService } from './service.js';

// Fakes for external things only: a local SMTP sink and a local webhook receiver.
const mails: { to: string[]; body: string }[] = [];
const hooks: Record<string, unknown>[] = [];
let smtp: SMTPServer;
let hookServer: http.Server;
let t: TestApp;
let H: { authorization: string };

async function listen(server: { listen: (port: number, host: string, cb: () => void) => unknown }, addr: () => AddressInfo) {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return addr().port;
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, cb) {
      let body = '';
      stream.on('data', (c: Buffer) => (body += c.toString()));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
        cb();
      });
    },
  });
  const smtpPort = await listen(smtp as never, () => (smtp as unknown as { server: http.Server }).server.address() as AddressInfo);
  hookServer = http.createServer((req, res) => {
    let b = '';
    req.on('data', (c) => (b += c));
    req.on('end', () => {
      hooks.push(JSON.parse(b));
      res.end('ok');
    });
  });
  const hookPort = await listen(hookServer, () => hookServer.address() as AddressInfo);
  t = await buildTestApp({
    services: [analyticsService],
    env: {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtpPort),
      MLSEC_ALERT_EMAIL_TO: 'ops@example.test',
      MLSEC_ALERT_WEBHOOK_URL: `http://127.0.0.1:${hookPort}/hook`,
      MLSEC_BODY_LIMIT: '2000000',
    },
  });
  H = await t.auth('admin');
});

afterAll(async () => {
  await t?.close();
  await new Promise((r) => smtp?.close(() => r(null)));
  await new Promise((r) => hookServer?.close(() => r(null)));
});

const inject = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  t.inject('analytics', { method, url, payload: payload as never, headers: H });

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296;
}
const rows = (n: number, seed: number, shift: number) => {
  const u = lcg(seed);
  return Array.from({ length: n }, () => ({ length: Math.round(50 + u() * 100 + shift), word_count: Math.round(u() * 20), channel: u() < 0.5 + shift / 400 ? 'api' : 'web' }));
};

describe('analytics service', () => {
  it('requires a bearer token', async () => {
    const r = await t.inject('analytics', { method: 'GET', url: '/drift/config' });
    expect(r.statusCode).toBe(401);
  });

  it('stores performance and computes trends against the previous period', async () => {
    const now = Date.now();
    const post = (daysAgo: number, acc: number, version = '1.0') =>
      inject('POST', '/model/performance', {
        model_name: 'bert-base',
        version,
        accuracy: acc,
        precision: acc,
        recall: acc,
        f1_score: acc,
        inference_time_ms: 40,
        timestamp: new Date(now - daysAgo * 86_400_000).toISOString(),
        test_data_size: 1000,
      });
    expect((await post(10, 0.8)).statusCode).toBe(201);
    expect((await post(2, 0.9, '2.0')).statusCode).toBe(201);
    const r = await inject('GET', '/analytics/trends?period=7d&model_name=bert-base');
    expect(r.statusCode).toBe(200);
    const b = r.json();
    expect(b.period).toBe('7d');
    expect(b.trends.accuracy.current).toBeCloseTo(0.9, 6);
    expect(b.trends.accuracy.previous).toBeCloseTo(0.8, 6);
    expect(b.trends.accuracy.change).toBeCloseTo(0.1, 6);
    expect(b.trends.accuracy.trend).toBe('improving');
    expect(Object.keys(b.trends)).toEqual(['accuracy', 'f1_score', 'precision', 'recall']);
    expect((await inject('GET', '/analytics/trends?period=abc')).statusCode).toBe(400);
    const bad = await inject('POST', '/model/performance', { model_name: 'x', version: '1', accuracy: 2, precision: 1, recall: 1, f1_score: 1, inference_time_ms: 1, test_data_size: 1 });
    expect(bad.statusCode).toBe(400);
  });

  it('stores red-team results, summarizes and compares versions', async () => {
    const now = Date.now();
    for (const [ok, daysAgo] of [
      [true, 9],
      [true, 8],
      [false, 1],
      [true, 1],
    ] as const) {
      const r = await inject('POST', '/red-team/results', {
        test_id: `t-${daysAgo}-${ok}`,
        model_name: 'bert-base',
        test_type: 'prompt_injection',
        attack_success: ok,
        confidence_score: 0.9,
        attack_details: { method: 'jailbreak', payload: 'Ignore previous instructions', success_rate: 0.8 },
        timestamp: new Date(now - daysAgo * 86_400_000).toISOString(),
      });
      expect(r.statusCode).toBe(201);
    }
    const s = (await inject('GET', '/red-team/summary?days=7')).json();
    expect(s).toMatchObject({ total_tests: 2, successful_attacks: 1, success_rate: 50, period_days: 7 });
    expect(s.models[0]).toMatchObject({ model_name: 'bert-base', test_count: 2, success_rate: 50 });
    const c = await inject('GET', '/red-team/comparison/bert-base?days=30');
    expect(c.statusCode).toBe(200);
    const cb = c.json();
    expect(cb.pretrained_performance).toMatchObject({ accuracy: expect.closeTo(0.8, 6), vulnerability_rate: 1 });
    expect(cb.trained_performance).toMatchObject({ accuracy: expect.closeTo(0.9, 6), vulnerability_rate: 0.5 });
    expect(cb.improvement.vulnerability_reduction).toBeCloseTo(0.5, 6);
    expect((await inject('GET', '/red-team/comparison/nope')).statusCode).toBe(404);
  });

  it('detects data drift, persists the reference, records history and alerts, notifies', async () => {
    const noRef = await inject('POST', '/drift/data-drift', { current_data: rows(200, 2, 60) });
    expect(noRef.statusCode).toBe(400);
    expect(noRef.json().code).toBe('DRIFT_NO_REFERENCE');
    expect((await inject('POST', '/drift/set-reference', { data: rows(300, 1, 0) })).statusCode).toBe(201);
    const r = await inject('POST', '/drift/data-drift', { current_data: rows(300, 2, 60), feature_columns: ['length', 'word_count'] });
    expect(r.statusCode).toBe(200);
    const b = r.json();
    expect(b.drift_detected).toBe(true);
    expect(b.drifted_features).toEqual(['length']);
    const len = b.statistical_tests.length;
    for (const k of ['feature', 'is_drifted', 'drift_severity', 'ks_statistic', 'ks_pvalue', 'psi_value', 'reference_mean', 'current_mean']) expect(len).toHaveProperty(k);
    expect(['minor', 'moderate', 'severe']).toContain(len.drift_severity);
    for (const k of ['total_drifted_features', 'drift_percentage', 'severe_drift_features', 'moderate_drift_features', 'minor_drift_features']) expect(b.drift_summary).toHaveProperty(k);
    expect(b.drift_summary.drift_percentage).toBe(50);

    const h = (await inject('GET', '/drift/history?days=30')).json();
    expect(h.history.length).toBeGreaterThan(0);
    expect(h.history[0]).toMatchObject({ drift_detected: true, drifted_features: ['length'] });
    const a = (await inject('GET', '/drift/alerts?days=7')).json();
    expect(a.alerts[0]).toMatchObject({ type: 'data_drift' });
    expect(a.alerts[0].message).toContain('length');
    const s = (await inject('GET', '/drift/summary?days=30')).json();
    expect(s.drift_detected_count).toBeGreaterThan(0);
    expect(s.most_drifted_features[0]).toEqual({ feature: 'length', count: 1 });
    const recent = (await inject('GET', '/drift/recent-results?hours=24')).json();
    expect(recent.total).toBeGreaterThan(0);
    // notifications went out through both channels
    // Notifications are sent in the background: wait for them (bounded).
    const until = Date.now() + 10_000;
    while (Date.now() < until && !(hooks.some((x) => x.kind === 'data_drift') && mails.some((m) => m.body.includes('drift')))) {
      await new Promise((res) => setTimeout(res, 50));
    }
    expect(hooks.some((x) => x.kind === 'data_drift')).toBe(true);
    expect(mails.some((m) => m.to.includes('ops@example.test') && m.body.includes('drift'))).toBe(true);
  });

  it('rejects bad drift input with 4xx naming the problem', async () => {
    const ref = rows(50, 1, 0);
    const unk = await inject('POST', '/drift/data-drift', { current_data: ref, reference_data: ref, feature_columns: ['nope'] });
    expect(unk.statusCode).toBe(400);
    expect(unk.json().error).toContain("'nope'");
    const nonNum = await inject('POST', '/drift/data-drift', { current_data: [...ref, { length: 'abc' }], reference_data: ref, feature_columns: ['length'] });
    expect(nonNum.statusCode).toBe(400);
    expect(nonNum.json().code).toBe('DRIFT_NON_NUMERIC');
    const empty = await inject('POST', '/drift/data-drift', { current_data: [], reference_data: ref });
    expect(empty.statusCode).toBe(400);
    const big = await inject('POST', '/drift/data-drift', { current_data: Array.from({ length: 60_000 }, (_, i) => ({ length: i, word_count: i })), reference_data: ref });
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toContain('2000000');
  });

  it('drift config GET/POST with range checks', async () => {
    const g = (await inject('GET', '/drift/config')).json();
    for (const k of ['ks_threshold', 'chi2_threshold', 'psi_threshold', 'psi_minor_threshold', 'psi_moderate_threshold', 'psi_severe_threshold', 'accuracy_drop_threshold', 'f1_drop_threshold', 'reference_window_days', 'detection_window_days', 'min_samples']) {
      expect(typeof g[k]).toBe('number');
    }
    const p = await inject('POST', '/drift/config', { ks_threshold: 0.01 });
    expect(p.statusCode).toBe(200);
    expect((await inject('GET', '/drift/config')).json().ks_threshold).toBe(0.01);
    const bad = await inject('POST', '/drift/config', { ks_threshold: 1.5 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toContain('ks_threshold');
    await inject('POST', '/drift/config', { ks_threshold: 0.05 });
  });

  it('runs the synthetic self-test, model drift, performance drift and comprehensive metrics', async () => {
    const td = (await inject('POST', '/drift/test-drift')).json();
    expect(td.status).toBe('success');
    const pred = (l: string, c: number) => ({ prediction: l, confidence: c });
    const refP = [...Array(80).fill(pred('benign', 0.9)), ...Array(20).fill(pred('jailbreak', 0.8))];
    const curP = [...Array(40).fill(pred('benign', 0.6)), ...Array(60).fill(pred('jailbreak', 0.55))];
    const md = (await inject('POST', '/drift/model-drift', { current_predictions: curP, reference_predictions: refP })).json();
    expect(md.drift_detected).toBe(true);
    const mpd = await inject('POST', '/drift/model-performance-drift', { old_model_predictions: [pred('a', 1), pred('b', 1)], new_model_predictions: [pred('a', 1), pred('a', 1)], ground_truth: ['a', 'b'] });
    expect(mpd.json()).toMatchObject({ agreement_rate: 0.5, accuracy_change: -0.5, performance_degraded: true });
    const cm = (await inject('POST', '/drift/comprehensive-metrics', { y_true: ['benign', 'benign', 'jailbreak', 'jailbreak'], y_pred: ['benign', 'jailbreak', 'jailbreak', 'jailbreak'], y_prob: [0.1, 0.4, 0.35, 0.8], model_name: 'm' })).json();
    expect(cm).toMatchObject({ accuracy: 0.75, roc_auc: 0.75, confusion_matrix: [[1, 1], [0, 2]] });
    expect((await inject('POST', '/drift/comprehensive-metrics', { y_true: ['a'], y_pred: ['a', 'b'], model_name: 'm' })).statusCode).toBe(400);
  });

  it('evaluates promotion against criteria and records it; force is recorded', async () => {
    const ev = await inject('POST', '/drift/evaluate-model', { model_name: 'bert-base', version: '2.0', force: false });
    expect(ev.statusCode).toBe(200);
    const e = ev.json();
    expect(e).toMatchObject({ passed: true, metrics_source: 'performance_record', production_metrics: { version: '1.0' } });
    const low = await inject('POST', '/drift/evaluate-model', {
      model_name: 'bert-base',
      version: '3.0',
      force: false,
      test_data: [
        { label: 'benign', prediction: 'jailbreak' },
        { label: 'jailbreak', prediction: 'jailbreak' },
      ],
    });
    expect(low.json().passed).toBe(false);
    expect(low.json().failed_checks).toContain('min_test_samples');
    const hist = (await inject('GET', '/drift/promotion-history?model_name=bert-base')).json();
    expect(hist.history.length).toBe(2);
    const crit = (await inject('GET', '/drift/promotion-criteria')).json();
    expect(crit).toHaveProperty('min_accuracy');
    expect((await inject('POST', '/drift/evaluate-model', { model_name: 'ghost', version: '1', force: false })).statusCode).toBe(404);
  });

  it('sends a real test email through SMTP', async () => {
    const r = await inject('POST', '/drift/test-email');
    expect(r.statusCode).toBe(200);
    expect(r.json().recipients).toEqual(['ops@example.test']);
    expect(r.json().message_id).toBeTruthy();
    expect(mails.some((m) => m.body.includes('This is a test message'))).toBe(true);
  });

  it('auto-retrain config, unknown models, events and health', async () => {
    const cfg = (await inject('GET', '/auto-retrain/config')).json();
    for (const k of ['data_drift_threshold', 'model_drift_threshold', 'performance_drop_threshold', 'min_samples_for_retrain', 'retrain_cooldown_hours', 'max_retrain_attempts', 'target_models', 'retrain_priority']) {
      expect(cfg).toHaveProperty(k);
    }
    expect((await inject('PUT', '/auto-retrain/config', { retrain_priority: 'urgent-ish' })).statusCode).toBe(400);
    expect((await inject('PUT', '/auto-retrain/config', { target_models: ['bert-base'], retrain_cooldown_hours: 1 })).statusCode).toBe(200);
    const unknown = await inject('POST', '/auto-retrain/trigger/ghost', { model_name: 'ghost', reason: 'x', priority: 'high' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toContain('bert-base');
    const status = (await inject('GET', '/auto-retrain/status')).json();
    expect(status).toMatchObject({ total_events: expect.any(Number), events: expect.any(Array), last_retrain_times: expect.any(Object), daily_counts: expect.any(Object) });
    expect((await inject('DELETE', '/auto-retrain/events/nope')).statusCode).toBe(404);
    const ev = (await inject('GET', '/auto-retrain/events?limit=5')).json();
    expect(ev.events).toBeInstanceOf(Array);
    const mon = (await inject('POST', '/auto-retrain/start-monitoring')).json();
    expect(mon.status).toBe('monitoring');
    const hh = (await inject('GET', '/auto-retrain/health')).json();
    expect(hh.monitoring_active).toBe(true);
    expect(hh.dependencies).toHaveProperty('training_queue');
  });

  it('GET /health has the documented shape and /metrics exports analytics counters', async () => {
    const h = (await t.inject('analytics', { method: 'GET', url: '/health', headers: H })).json();
    expect(h).toMatchObject({ status: 'healthy', service: expect.any(String), timestamp: expect.any(String), uptime_seconds: expect.any(Number) });
    expect(h.dependencies).toMatchObject({ database: true, drift_detector: true });
    expect(h.dependencies).toHaveProperty('redis');
    expect(h.dependencies).toHaveProperty('auto_retrain');
    const m = await t.inject('analytics', { method: 'GET', url: '/metrics', headers: H });
    expect(m.statusCode).toBe(200);
    expect(m.body).toContain('analytics_drift_checks_total');
    const dh = (await inject('GET', '/drift/health')).json();
    expect(dh).toMatchObject({ status: 'healthy', statistics_self_test: true, reference_data_loaded: true });
  });
});
