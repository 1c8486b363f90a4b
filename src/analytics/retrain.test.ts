import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../platform/testing.js';
import { trainingService, registerShippedModels, listModelVersions } from '../training/index.js';
import { analyticsService } from './service.js';

// Real training domain (queue + registry). `start: false`: no job workers, so a queued training
// job stays pending until the test moves it, and events must follow the job's real state.
let t: TestApp;
let H: { authorization: string };

beforeAll(async () => {
  t = await buildTestApp({ services: [analyticsService, trainingService], start: false });
  H = await t.auth('admin');
  await registerShippedModels(t.ctx);
});
afterAll(async () => t?.close());

const inject = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) => t.inject('analytics', { method, url, payload: payload as never, headers: H });

describe('auto-retrain on the real training queue', () => {
  it('queues a training job and the event follows the job state; cancel cancels the job', async () => {
    const r = await inject('POST', '/auto-retrain/trigger/linear', { model_name: 'linear', reason: 'test', priority: 'high' });
    expect(r.statusCode).toBe(202);
    const ev = r.json().event;
    expect(ev).toMatchObject({ model_name: 'linear', trigger: 'manual', status: 'pending' });
    const job = await t.ctx.queue.get(ev.retrain_job_id);
    expect(job?.name).toBe('training.train');

    await t.ctx.queue.cancel(ev.retrain_job_id);
    const events = (await inject('GET', '/auto-retrain/events?limit=10')).json().events;
    expect(events.find((e: { event_id: string }) => e.event_id === ev.event_id).status).toBe('cancelled');

    const r2 = (await inject('POST', '/auto-retrain/trigger/linear', { model_name: 'linear', reason: 'again', priority: 'normal' })).json();
    const del = await inject('DELETE', `/auto-retrain/events/${r2.event_id}`);
    expect(del.statusCode).toBe(200);
    expect((await t.ctx.queue.get(r2.retrain_job_id))?.status).toBe('cancelled');
    expect((await inject('DELETE', `/auto-retrain/events/${r2.event_id}`)).statusCode).toBe(409);

    const st = (await inject('GET', '/auto-retrain/status/linear')).json();
    expect(st.model_name).toBe('linear');
    expect(st.total_events).toBe(2);
    expect(st.last_retrain_times.linear).toBeTruthy();
    const mismatch = await inject('POST', '/auto-retrain/trigger/linear', { model_name: 'other', reason: 'x', priority: 'high' });
    expect(mismatch.statusCode).toBe(400);
  });

  it('check-and-retrain: automatic trigger respects limits; training 4xx passes through', async () => {
    await inject('PUT', '/auto-retrain/config', { data_drift_threshold: 0.1 });
    const ref = Array.from({ length: 100 }, (_, i) => ({ x: i }));
    const cur = Array.from({ length: 100 }, (_, i) => ({ x: i + 80 }));
    const bad = await inject('POST', '/drift/check-and-retrain', { model_name: 'linear', current_data: cur, reference_data: ref, training_data_path: '/nonexistent/data.jsonl' });
    expect(bad.statusCode).toBeGreaterThanOrEqual(400);
    expect(bad.statusCode).toBeLessThan(500);
    const failed = (await inject('GET', '/auto-retrain/events?status=failed')).json().events;
    expect(failed[0].error_message).toBeTruthy();
  });

  it('promotion moves the registry stage and is recorded', async () => {
    const [v] = await listModelVersions(t.ctx, 'linear');
    await inject('POST', '/model/performance', { model_name: 'linear', version: v.version, accuracy: 0.95, precision: 0.94, recall: 0.93, f1_score: 0.935, inference_time_ms: 1, test_data_size: 1000 });
    const p = await inject('POST', '/drift/promote-model', { model_name: 'linear', version: v.version, force: false });
    expect(p.statusCode).toBe(200);
    expect(p.json()).toMatchObject({ promoted: true, stage: 'Production', forced: false });
    const unknownVersion = await inject('POST', '/drift/promote-model', {
      model_name: 'linear',
      version: '999',
      force: true,
      test_data: Array.from({ length: 60 }, () => ({ label: 'benign', prediction: 'benign' })),
    });
    expect(unknownVersion.statusCode).toBe(404);
    const hist = (await inject('GET', '/drift/promotion-history?model_name=linear')).json().history;
    expect(hist.some((h: { promoted: boolean }) => h.promoted)).toBe(true);
    expect(hist.some((h: { forced: boolean; promoted: boolean }) => h.forced && !h.promoted)).toBe(true);
  });
});
