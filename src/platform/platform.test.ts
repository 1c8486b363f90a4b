import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import { SignJWT } from 'jose';
import { buildTestApp, type TestApp } from './testing.js';
import type { ServiceDefinition } from './http/service.js';
import { appError } from './errors.js';

// A tiny real service exercising the platform: schema validation, writes, roles, app errors.
const echo: ServiceDefinition = {
  name: 'echo',
  port: 9999,
  title: 'Echo',
  description: 'test service',
  routes(app) {
    app.post(
      '/echo',
      {
        schema: {
          body: Type.Object({
            text: Type.String({ minLength: 1 }),
            mode: Type.Optional(Type.Union([Type.Literal('a'), Type.Literal('b')])),
          }),
        },
      },
      async (req) => ({ text: req.body.text, by: req.principal?.role }),
    );
    app.get('/things/:id', async (req) => {
      throw appError('RESOURCE_NOT_FOUND', { kind: 'Thing', id: (req.params as any).id });
    });
    app.get('/boom', async () => {
      throw new Error('kaboom');
    });
    app.get('/open', { config: { auth: 'public' } }, async () => ({ ok: true }));
  },
  health: () => ({ dependencies: { echo_engine: true } }),
};

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ services: [echo], env: { MLSEC_LOGIN_RATE_LIMIT: '6' } });
});
afterAll(async () => t?.close());

describe('platform http', () => {
  it('serves /, /health, /metrics and /docs/json without a token', async () => {
    const root = await t.inject('echo', { url: '/' });
    expect(root.statusCode).toBe(200);
    expect(root.json()).toMatchObject({ service: 'echo', status: 'running', description: 'test service' });
    expect(typeof root.json().uptime_seconds).toBe('number');
    const health = await t.inject('echo', { url: '/health' });
    expect(health.json()).toMatchObject({
      status: 'healthy',
      dependencies: { database: true, echo_engine: true },
    });
    const metrics = await t.inject('echo', { url: '/metrics' });
    expect(metrics.body).toMatch(/mlsec_http_requests_total\{service="echo"/);
    expect(metrics.body).toMatch(/mlsec_process_resident_memory_bytes/);
    const docs = await t.inject('echo', { url: '/docs/json' });
    expect(docs.json().openapi).toBe('3.0.3');
    expect(Object.keys(docs.json().paths)).toContain('/echo');
  });

  it('refuses missing, tampered and expired tokens with 401 JSON', async () => {
    const none = await t.inject('echo', { method: 'POST', url: '/echo', payload: { text: 'x' } });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ status: 'error', code: 'AUTH_REQUIRED' });
    const { authorization } = await t.auth('admin');
    const tampered = authorization.slice(0, -3) + (authorization.endsWith('aaa') ? 'bbb' : 'aaa');
    const r1 = await t.inject('echo', {
      method: 'POST',
      url: '/echo',
      payload: { text: 'x' },
      headers: { authorization: tampered },
    });
    expect(r1.statusCode).toBe(401);
    expect(r1.json().code).toBe('AUTH_INVALID_TOKEN');
    const expired = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('nobody')
      .setIssuer('mlsec')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 10)
      .sign(new TextEncoder().encode('wrong'));
    const r2 = await t.inject('echo', { url: '/things/1', headers: { authorization: `Bearer ${expired}` } });
    expect(r2.statusCode).toBe(401);
    const r3 = await t.inject('echo', { url: '/things/1', headers: { authorization: 'Basic abc' } });
    expect(r3.statusCode).toBe(401);
  });

  it('logs in with form fields or JSON and the token works', async () => {
    await t.inject('echo', {
      method: 'POST',
      url: '/api/auth/users',
      headers: await t.auth('admin'),
      payload: { email: 'ana@example.com', password: 'analyst-pass', role: 'analyst' },
    });
    const form = await t.inject('echo', {
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=ana%40example.com&password=analyst-pass',
    });
    expect(form.statusCode).toBe(200);
    expect(form.json().token_type).toBe('bearer');
    const json = await t.inject('echo', {
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'ANA@example.com', password: 'analyst-pass' },
    });
    expect(json.statusCode).toBe(200);
    const r = await t.inject('echo', {
      method: 'POST',
      url: '/echo',
      payload: { text: 'hi' },
      headers: { authorization: `Bearer ${json.json().access_token}` },
    });
    expect(r.json()).toEqual({ text: 'hi', by: 'analyst' });
    const bad = await t.inject('echo', {
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'ana@example.com', password: 'nope' },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().code).toBe('AUTH_BAD_CREDENTIALS');
  });

  it('accepts API keys until they are revoked', async () => {
    const admin = await t.auth('admin');
    const created = await t.inject('echo', {
      method: 'POST',
      url: '/api/auth/api-keys',
      headers: admin,
      payload: { name: 'svc', role: 'analyst' },
    });
    expect(created.statusCode).toBe(201);
    const { key, id } = created.json();
    const ok = await t.inject('echo', {
      method: 'POST',
      url: '/echo',
      payload: { text: 'k' },
      headers: { 'x-api-key': key },
    });
    expect(ok.json()).toEqual({ text: 'k', by: 'analyst' });
    const bearer = await t.inject('echo', {
      method: 'POST',
      url: '/echo',
      payload: { text: 'k' },
      headers: { authorization: `Bearer ${key}` },
    });
    expect(bearer.statusCode).toBe(200);
    expect(
      (await t.inject('echo', { method: 'DELETE', url: `/api/auth/api-keys/${id}`, headers: admin }))
        .statusCode,
    ).toBe(204);
    const revoked = await t.inject('echo', {
      method: 'POST',
      url: '/echo',
      payload: { text: 'k' },
      headers: { 'x-api-key': key },
    });
    expect(revoked.statusCode).toBe(401);
  });

  it('lets viewers read but not write', async () => {
    const h = await t.auth('viewer');
    const w = await t.inject('echo', { method: 'POST', url: '/echo', payload: { text: 'x' }, headers: h });
    expect(w.statusCode).toBe(403);
    expect(w.json().code).toBe('AUTH_FORBIDDEN');
    const r = await t.inject('echo', { url: '/things/7', headers: h });
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({ code: 'RESOURCE_NOT_FOUND', error: "Thing '7' not found" });
  });

  it('turns bad input into 4xx JSON naming the field, never 5xx', async () => {
    const h = { ...(await t.auth('admin')), 'content-type': 'application/json' };
    const cases: [string, number, RegExp][] = [
      ['{"text": ', 400, /not valid JSON/],
      ['{}', 400, /body\.text is required/],
      ['{"text": 5}', 400, /body\.text must be string/],
      ['{"text": "a", "mode": "zzz"}', 400, /body\.mode/],
      ['[1,2]', 400, /body/],
    ];
    for (const [payload, status, msg] of cases) {
      const r = await t.inject('echo', { method: 'POST', url: '/echo', payload, headers: h });
      expect(r.statusCode, payload).toBe(status);
      expect(r.json().status).toBe('error');
      expect(r.json().error, payload).toMatch(msg);
    }
    const big = await t.inject('echo', {
      method: 'POST',
      url: '/echo',
      payload: JSON.stringify({ text: 'x'.repeat(17 * 1024 * 1024) }),
      headers: h,
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('PAYLOAD_TOO_LARGE');
    const nf = await t.inject('echo', { url: '/nope', headers: h });
    expect(nf.statusCode).toBe(404);
    expect(nf.json().code).toBe('NOT_FOUND');
    const boom = await t.inject('echo', { url: '/boom', headers: h });
    expect(boom.statusCode).toBe(500);
    expect(boom.json()).toMatchObject({ status: 'error', code: 'INTERNAL' });
  });

  it('serves every service under /api/<name> on the gateway', async () => {
    const r = await t.inject('gateway', { url: '/api/echo/health' });
    expect(r.json()).toMatchObject({ service: 'echo', status: 'healthy' });
    const g = await t.inject('gateway', { url: '/' });
    expect(g.json().services).toEqual([{ name: 'echo', path: '/api/echo', port: 9999 }]);
    const e = await t.inject('gateway', {
      method: 'POST',
      url: '/api/echo/echo',
      payload: { text: 'gw' },
      headers: await t.auth('admin'),
    });
    expect(e.json().text).toBe('gw');
    expect((await t.inject('gateway', { url: '/api/echo/docs/json' })).statusCode).toBe(200);
    const m = await t.inject('gateway', { url: '/metrics' });
    expect(m.body).toMatch(/mlsec_http_requests_total\{service="gateway"/);
    expect(m.body).toMatch(/mlsec_process_resident_memory_bytes/);
  });

  it('propagates a given request id', async () => {
    const r = await t.inject('echo', { url: '/', headers: { 'x-request-id': 'abc-123' } });
    expect(r.headers['x-request-id']).toBe('abc-123');
  });

  // last: it uses up this app's login budget
  it('rate-limits login attempts per client', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await t.inject('echo', {
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'x@example.com', password: 'guess' },
      });
      codes.push(r.statusCode);
      if (r.statusCode === 429) expect(r.json()).toMatchObject({ status: 'error', code: 'RATE_LIMITED' });
    }
    expect(codes).toContain(401);
    expect(codes[codes.length - 1]).toBe(429);
  });
});
