import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';

// OTLP traces reach a collector when OTEL_EXPORTER_OTLP_ENDPOINT is set: a local HTTP server
// stands in for the collector (Jaeger/OTel collector are not installable here).
describe('OpenTelemetry export', () => {
  it('sends request spans to the OTLP endpoint', async () => {
    const received: { url?: string; body: string }[] = [];
    const collector = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        received.push({ url: req.url, body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
    const port = (collector.address() as { port: number }).port;
    const offset = 20000 + Math.floor(Math.random() * 20000);
    const child = spawn(process.execPath, [path.resolve('bin/mlsec.js'), 'start'], {
      env: {
        ...process.env,
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
        OTEL_BSP_SCHEDULE_DELAY: '200',
        MLSEC_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-otel-')),
        MLSEC_PORT_OFFSET: String(offset),
        MLSEC_ADMIN_PASSWORD: 'otel-admin-pw',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    try {
      for (let i = 0; i < 900 && !/"msg":"ready/.test(out); i++) await new Promise((r) => setTimeout(r, 100));
      expect(out).toMatch(/"msg":"ready/);
      const r = await fetch(`http://127.0.0.1:${8501 + offset}/health`);
      expect(r.status).toBeLessThan(600);
      for (let i = 0; i < 100 && !received.some((x) => x.url === '/v1/traces'); i++) await new Promise((r) => setTimeout(r, 100));
      const traces = received.filter((x) => x.url === '/v1/traces');
      expect(traces.length).toBeGreaterThan(0);
      expect(traces.map((t) => t.body).join('')).toMatch(/\/health/);
    } finally {
      child.kill('SIGKILL');
      collector.close();
    }
  }, 120_000);
});
