import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../platform/testing.js';
import { runDueSchedules } from './campaigns.js';
import { schedules } from './schema.js';
import { redteamService } from './service.js';

/**
 * A stand-in for an external OpenAI-compatible LLM: it leaks its system prompt when asked about
 * instructions, echoes quoted phrases, and refuses everything else.
 */
function fakeLlm(): Promise<{ server: Server; url: string; calls: () => number }> {
  let calls = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      calls++;
      const { messages } = JSON.parse(body);
      const sys: string = messages[0].content;
      const user: string = messages[1].content;
      let content = "I'm sorry, I can't help with that.";
      if (/system prompt|your instructions|initial instructions|hidden rules/i.test(user)) content = `My instructions are: ${sys}`;
      else if (/PWNED/.test(user)) content = 'I have been PWNED';
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`, calls: () => calls })));
}

let t: TestApp;
let llm: Awaited<ReturnType<typeof fakeLlm>>;
let headers: { authorization: string };

beforeAll(async () => {
  t = await buildTestApp({ services: [redteamService] });
  llm = await fakeLlm();
  headers = await t.auth('analyst');
});
afterAll(async () => {
  await t?.close();
  llm?.server.close();
});

async function waitDone(id: string) {
  for (let i = 0; i < 300; i++) {
    const r = await t.inject('red-team', { method: 'GET', url: `/campaigns/${id}`, headers });
    const c = r.json();
    if (['completed', 'failed', 'cancelled'].includes(c.status)) return c;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error('campaign did not finish');
}

describe('red-team service', () => {
  it('lists categories and strategies', async () => {
    const c = await t.inject('red-team', { method: 'GET', url: '/categories', headers });
    expect(c.json().categories.map((x: any) => x.id)).toEqual(['prompt_injection', 'jailbreak', 'system_extraction', 'code_injection']);
    const s = await t.inject('red-team', { method: 'GET', url: '/strategies', headers });
    expect(s.json().strategies.length).toBeGreaterThanOrEqual(16);
  });

  it('runs a campaign against an external LLM, with per-category/strategy tallies and paged results', async () => {
    const r = await t.inject('red-team', {
      method: 'POST', url: '/campaigns', headers,
      payload: { target: llm.url, count: 40, seed: 5, categories: ['system_extraction', 'jailbreak'], strategies: ['none', 'base64'], options: { api_key: 'sk-test', timeout_ms: 2000 } },
    });
    expect(r.statusCode).toBe(202);
    const created = r.json();
    expect(created.options.api_key).toBe('***');
    expect(created.options.canary).toMatch(/^CANARY-/);
    const c = await waitDone(created.id);
    expect(c.status).toBe('completed');
    expect(c.summary.total.attacks).toBe(40);
    expect(c.summary.by_category_strategy.system_extraction.none.attacks).toBe(10);
    // Plain extraction requests make the fake leak its system prompt, so the canary shows up.
    expect(c.summary.by_category_strategy.system_extraction.none.missed).toBeGreaterThan(0);
    // The fake cannot read base64, so encoded attacks are held.
    expect(c.summary.by_strategy.base64.missed).toBe(0);
    expect(llm.calls()).toBeGreaterThanOrEqual(40);

    const page = await t.inject('red-team', { method: 'GET', url: `/campaigns/${created.id}/results?page=2&page_size=15`, headers });
    expect(page.json()).toMatchObject({ page: 2, page_size: 15, total: 40 });
    expect(page.json().results).toHaveLength(15);
    expect(page.json().results[0].index).toBe(15);
    const missed = await t.inject('red-team', { method: 'GET', url: `/campaigns/${created.id}/results?outcome=missed&page_size=500`, headers });
    expect(missed.json().results.every((x: any) => x.success && x.basis === 'canary')).toBe(true);

    const list = await t.inject('red-team', { method: 'GET', url: '/campaigns?limit=5', headers });
    expect(list.json().campaigns.some((x: any) => x.id === created.id)).toBe(true);

    // The learning loop retrains our own models only: an external campaign is refused clearly.
    const loop = await t.inject('red-team', { method: 'POST', url: '/learning/runs', headers, payload: { campaign_id: created.id } });
    expect(loop.statusCode).toBe(400);
    expect(loop.json().error).toMatch(/learning loop retrains our own detection models/);
  });

  it('runs a campaign against our own fast-path detector', async () => {
    const r = await t.inject('red-team', { method: 'POST', url: '/campaigns', headers, payload: { target: 'model:default', count: 60, seed: 9, strategies: ['none', 'reversed'] } });
    expect(r.statusCode).toBe(202);
    const c = await waitDone(r.json().id);
    expect(c.status).toBe('completed');
    expect(c.summary.total.attacks).toBe(60);
    expect(c.summary.total.errors).toBe(0);
    // Plain attacks are mostly caught; reversed text mostly is not: the tallies tell them apart.
    expect(c.summary.by_strategy.none.detection_rate).toBeGreaterThan(c.summary.by_strategy.reversed.detection_rate);
    const res = await t.inject('red-team', { method: 'GET', url: `/campaigns/${c.id}/results?page_size=60`, headers });
    expect(res.json().results.every((x: any) => typeof x.score === 'number' && x.basis === 'detector')).toBe(true);
    // Campaign traffic stays out of the production prediction log that analytics' drift reads.
    const { listPredictionLog } = await import('../detection/index.js');
    const logged = await listPredictionLog(t.ctx, { since: new Date(Date.now() - 3_600_000) });
    expect(logged.filter((row) => row.source === 'redteam')).toEqual([]);
    const unknown = await t.inject('red-team', { method: 'POST', url: '/campaigns', headers, payload: { target: 'model:no-such-model', count: 5 } });
    expect(unknown.statusCode).toBe(202);
    expect((await waitDone(unknown.json().id)).error).toMatch(/no-such-model/);
  });

  it('fails an unreachable target with the error recorded, without hanging', async () => {
    const dead = createServer();
    await new Promise<void>((res) => dead.listen(0, '127.0.0.1', () => res()));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((res) => dead.close(() => res()));
    const r = await t.inject('red-team', { method: 'POST', url: '/campaigns', headers, payload: { target: `http://127.0.0.1:${port}/v1/chat/completions`, count: 8, options: { timeout_ms: 300, max_retries: 1 } } });
    expect(r.statusCode).toBe(202);
    const c = await waitDone(r.json().id);
    expect(c.status).toBe('failed');
    expect(c.error).toMatch(/unreachable/);
  });

  it('rejects bad input with clear 4xx errors', async () => {
    const post = (payload: unknown) => t.inject('red-team', { method: 'POST', url: '/campaigns', headers, payload: payload as any });
    const cat = await post({ target: llm.url, count: 5, categories: ['sql'] });
    expect(cat.statusCode).toBe(404);
    expect(cat.json().error).toContain('Known: prompt_injection, jailbreak, system_extraction, code_injection');
    const strat = await post({ target: llm.url, count: 5, strategies: ['rot14'] });
    expect(strat.statusCode).toBe(404);
    expect(strat.json().error).toMatch(/Unknown strategy 'rot14'. Known: .*base64/);
    expect((await post({ target: 'ftp://example.com/x', count: 5 })).statusCode).toBe(400);
    expect((await post({ target: 'file:///etc/passwd', count: 5 })).statusCode).toBe(400);
    const self = await post({ target: `http://127.0.0.1:${t.ctx.config.ports['red-team'] ?? 8007}/campaigns`, count: 5 });
    expect(self.statusCode).toBe(400);
    expect(self.json().error).toMatch(/platform's own service/);
    expect((await post({ target: 'http://example.com/api/auth/login', count: 5 })).statusCode).toBe(400);
    expect((await post({ target: llm.url, count: 0 })).statusCode).toBe(400);
    expect((await post({ target: 'nonsense', count: 5 })).statusCode).toBe(400);
    expect((await t.inject('red-team', { method: 'GET', url: '/campaigns/nope', headers })).statusCode).toBe(404);
    const loopMissing = await t.inject('red-team', { method: 'POST', url: '/learning/runs', headers, payload: { campaign_id: 'nope' } });
    expect(loopMissing.statusCode).toBe(404);
    const rs = await t.inject('red-team', { method: 'GET', url: '/campaigns/nope/results', headers });
    expect(rs.statusCode).toBe(404);
  });

  it('cancels a running campaign', async () => {
    const slow = createServer((req, res) => {
      req.resume();
      setTimeout(() => res.end(JSON.stringify({ choices: [{ message: { content: 'no' } }] })), 200);
    });
    await new Promise<void>((res) => slow.listen(0, '127.0.0.1', () => res()));
    const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/chat`;
    const r = await t.inject('red-team', { method: 'POST', url: '/campaigns', headers, payload: { target: url, count: 200, options: { concurrency: 2 } } });
    await new Promise((res) => setTimeout(res, 400));
    const c = await t.inject('red-team', { method: 'POST', url: `/campaigns/${r.json().id}/cancel`, headers });
    expect(c.json().status).toBe('cancelled');
    const done = await waitDone(r.json().id);
    expect(done.status).toBe('cancelled');
    expect(done.summary?.total.attacks ?? 0).toBeLessThan(200);
    slow.close();
  });

  it('schedules campaigns on an interval', async () => {
    const r = await t.inject('red-team', { method: 'POST', url: '/schedules', headers, payload: { target: llm.url, count: 4, seed: 3, interval_seconds: 3600 } });
    expect(r.statusCode).toBe(201);
    const id = r.json().id;
    expect(await runDueSchedules(t.ctx)).toEqual([]);
    await t.ctx.db.update(schedules).set({ nextRunAt: new Date(Date.now() - 1000) }).where(eq(schedules.id, id));
    const started = await runDueSchedules(t.ctx);
    expect(started).toHaveLength(1);
    const c = await waitDone(started[0]);
    expect(c.status).toBe('completed');
    expect(c.schedule_id).toBe(id);
    const list = await t.inject('red-team', { method: 'GET', url: '/schedules', headers });
    expect(list.json().schedules[0]).toMatchObject({ id, runs: 1, last_campaign_id: started[0] });
    expect((await t.inject('red-team', { method: 'DELETE', url: `/schedules/${id}`, headers })).statusCode).toBe(204);
    expect((await t.inject('red-team', { method: 'DELETE', url: `/schedules/${id}`, headers })).statusCode).toBe(404);
    const bad = await t.inject('red-team', { method: 'POST', url: '/schedules', headers, payload: { target: llm.url, count: 4, interval_seconds: 5 } });
    expect(bad.statusCode).toBe(400);
  });
});
