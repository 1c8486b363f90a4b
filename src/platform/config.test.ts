import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('works with an empty environment', () => {
    const c = loadConfig({}, { 'model-api': 8000 });
    expect(c.ports['model-api']).toBe(8000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.maxTextChars).toBe(100_000);
    expect(c.dataDir.endsWith('/data')).toBe(true);
  });
  it('reports every bad value by name at once', () => {
    try {
      loadConfig(
        {
          LOG_LEVEL: 'loud',
          MLSEC_BODY_LIMIT: 'x',
          DATABASE_URL: 'mysql://x',
          MLSEC_PORT_MODEL_API: '99999',
        },
        { 'model-api': 8000 },
      );
      expect.fail('should throw');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const p = (e as ConfigError).problems.join('\n');
      expect(p).toMatch(/LOG_LEVEL: must be one of/);
      expect(p).toMatch(/MLSEC_BODY_LIMIT: must be a whole number/);
      expect(p).toMatch(/DATABASE_URL: must use postgres/);
      expect(p).toMatch(/MLSEC_PORT_MODEL_API: must be between/);
    }
  });
  it('parses durations, lists and port overrides', () => {
    const c = loadConfig(
      { MLSEC_JWT_TTL: '2h', MLSEC_ALERT_EMAIL_TO: 'a@x.io, b@x.io', MLSEC_PORT_OFFSET: '100' },
      { training: 8002 },
    );
    expect(c.jwtTtl).toBe(7200);
    expect(c.alertEmailTo).toEqual(['a@x.io', 'b@x.io']);
    expect(c.ports.training).toBe(8102);
  });
});

describe('README', () => {
  it('documents every setting (the table comes from `mlsec config --markdown`)', async () => {
    const { readFileSync } = await import('node:fs');
    const { describeSettings } = await import('./config.js');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const missing = describeSettings()
      .map((s) => s.env)
      .filter((env) => !readme.includes(`| \`${env}\``));
    expect(missing).toEqual([]);
  });
});
