import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../src/platform/testing.js';
import { ALL_SERVICES } from '../src/services.js';

// Every route of every service, from its own OpenAPI document, gets hostile input: wrong JSON
// shapes, wrong types, malformed JSON, odd path params and query strings. None may answer 5xx.
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ services: ALL_SERVICES, gateway: false });
}, 240_000);
afterAll(async () => t?.close());

const BODIES: (string | undefined)[] = [
  undefined,
  '{}',
  '[]',
  '"text"',
  '123',
  'null',
  '{"text": {"$gt": 1}}',
  '{"model_name": 5, "data": "x", "current_data": 7}',
  '{bad json',
  '{"name": "a\\u0000b", "text": "a\\u0000b", "model_name": "a\\u0000b", "test_id": "a\\u0000b"}',
];
const PARAMS = ['x', '..%2F..%2Fetc', '%00', '999999999999999999999', 'a'.repeat(300)];
const QUERIES = [
  '',
  '?days=-5',
  '?days=abc&hours=1e309&limit=-1',
  '?limit=99999999&offset=-3',
  '?period=zz&status=%00',
];

describe('no 5xx on hostile input', () => {
  for (const svc of ALL_SERVICES) {
    it(`${svc.name}: every route answers hostile input with < 500`, async () => {
      const h = await t.auth('admin');
      const doc = (await t.inject(svc.name, { url: '/docs/json' })).json() as {
        paths: Record<string, Record<string, unknown>>;
      };
      const failures: string[] = [];
      for (const [path, methods] of Object.entries(doc.paths)) {
        if (path.startsWith('/api/auth')) continue;
        for (const method of Object.keys(methods)) {
          if (!['get', 'post', 'put', 'delete', 'patch'].includes(method)) continue;
          for (const p of PARAMS) {
            const url = path.replace(/\{[^}]+\}/g, p);
            const bodies = method === 'get' || method === 'delete' ? [undefined] : BODIES;
            for (const body of bodies) {
              for (const q of method === 'get' ? QUERIES : ['']) {
                const r = await t.inject(svc.name, {
                  method: method.toUpperCase() as 'GET',
                  url: url + q,
                  headers: { ...h, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
                  ...(body !== undefined ? { payload: body } : {}),
                });
                if (r.statusCode >= 500)
                  failures.push(
                    `${method.toUpperCase()} ${url}${q} ${body ?? ''} -> ${r.statusCode} ${r.body.slice(0, 200)}`,
                  );
              }
            }
            if (!path.includes('{')) break; // no params: one pass is enough
          }
        }
      }
      expect(failures).toEqual([]);
    }, 240_000);
  }
});
