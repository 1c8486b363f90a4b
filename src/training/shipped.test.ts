import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { buildTestApp, type TestApp } from '../platform/testing.js';
import { loadModelArtifact as decode, type ModelArtifact } from '../ml/linear-model.js';
import { trainingService } from './service.js';
import { registerShippedModels } from './shipped.js';
import { getModel, listModelVersions, loadModelArtifact, registerVersion } from './registry.js';
import { modelVersions } from './schema.js';

// The shipped linear model as it is now, and a stand-in for the release before it: other
// weights, labelled 1.0.0 (what an existing install registered at its first start).
const SHIPPED = readFileSync(join('models', 'linear-default', 'model.json'), 'utf8');
const SHIPPED_VERSION = (JSON.parse(SHIPPED) as ModelArtifact).metadata.version;
const OLD_SHIPPED = (() => {
  const a = JSON.parse(SHIPPED) as ModelArtifact;
  return JSON.stringify({ ...a, bias: a.bias.map((b) => b - 0.25), metadata: { ...a.metadata, version: '1.0.0' } });
})();
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** A models folder holding only linear-default, with `content` as its model.json. */
function modelsDir(content: string): { dir: string; ship(next: string): void } {
  const dir = mkdtempSync(join(tmpdir(), 'shipped-'));
  mkdirSync(join(dir, 'linear-default'));
  const ship = (next: string) => writeFileSync(join(dir, 'linear-default', 'model.json'), next);
  ship(content);
  return { dir, ship };
}

const versions = async (app: TestApp, name = 'linear') => (await listModelVersions(app.ctx, name)).map((v) => ({ version: v.version, stage: v.stage, shipped: v.shipped }));

describe('shipped default models in the registry', () => {
  // Each shipped model carries its own version (bumped when its weights change), so a retrain of
  // one model does not relabel the other's unchanged weights.
  it('each shipped model says one version, in model.json (what detection reports) and metadata.json', () => {
    expect(SHIPPED_VERSION).not.toBe('1.0.0');
    for (const name of ['linear-default', 'embedding-default']) {
      const artifact = JSON.parse(readFileSync(join('models', name, 'model.json'), 'utf8')) as ModelArtifact;
      const metadata = JSON.parse(readFileSync(join('models', name, 'metadata.json'), 'utf8')) as { version: string };
      expect(decode(artifact).version, name).toBe(metadata.version);
      expect(metadata.version, name).not.toBe('1.0.0');
    }
  });

  it('a fresh install registers each shipped model once, as 1.0.0 Production; starting again registers nothing', async () => {
    t = await buildTestApp({ services: [trainingService] });
    const embedding = readFileSync(join('models', 'embedding-default', 'model.json'), 'utf8');
    const embeddingVersion = (JSON.parse(embedding) as ModelArtifact).metadata.version;
    expect(await versions(t)).toEqual([{ version: '1.0.0', stage: 'Production', shipped: { version: SHIPPED_VERSION, sha256: sha(SHIPPED) } }]);
    expect(await versions(t, 'embedding')).toEqual([{ version: '1.0.0', stage: 'Production', shipped: { version: embeddingVersion, sha256: sha(embedding) } }]);
    const logged = (await getModel(t.ctx, 'linear')).transitions.length;

    await trainingService.start!(t.ctx);
    expect(await registerShippedModels(t.ctx)).toEqual([]);
    expect(await versions(t)).toHaveLength(1);
    expect(await versions(t, 'embedding')).toHaveLength(1);
    expect((await getModel(t.ctx, 'linear')).transitions).toHaveLength(logged);
  });

  it('an install holding the previous shipped default in Production gets the new one in Production, the old one archived', async () => {
    const models = modelsDir(OLD_SHIPPED);
    t = await buildTestApp({ services: [trainingService], start: false, env: { MLSEC_MODELS_DIR: models.dir } });
    const events: { version?: string; stage?: string; shipped?: boolean }[] = [];
    t.ctx.events.on('model.stage_changed', (p) => void events.push(p));
    expect(await registerShippedModels(t.ctx)).toEqual([{ name: 'linear', version: '1.0.0', stage: 'Production', replaced: null }]);
    // As an install from before versions kept the file's hash: migration 0001 leaves it null.
    await t.ctx.db.update(modelVersions).set({ shippedSha256: null });

    models.ship(SHIPPED);
    expect(await registerShippedModels(t.ctx)).toEqual([{ name: 'linear', version: '1.0.1', stage: 'Production', replaced: '1.0.0' }]);
    expect(await versions(t)).toEqual([
      { version: '1.0.1', stage: 'Production', shipped: { version: SHIPPED_VERSION, sha256: sha(SHIPPED) } },
      { version: '1.0.0', stage: 'Archived', shipped: { version: '1.0.0', sha256: null } },
    ]);
    const log = (await getModel(t.ctx, 'linear')).transitions;
    expect(log.find((x) => x.version === '1.0.0' && x.to === 'Archived')?.reason).toMatch(/^shipped default upgraded: superseded by 1\.0\.1/);
    expect(log.find((x) => x.version === '1.0.1' && x.to === 'Production')?.reason).toMatch(/^shipped default upgraded: .* replaces 1\.0\.0/);
    // Detection already serves the shipped file, so it must not load this one as linear@trained.
    await expect.poll(() => events).toContainEqual(expect.objectContaining({ version: '1.0.1', stage: 'Production', shipped: true }));
    // The registry's Production is now the file detection serves.
    const production = await loadModelArtifact(t.ctx, 'linear', '1.0.1');
    expect(production.weights).toEqual((JSON.parse(SHIPPED) as ModelArtifact).weights);

    expect(await registerShippedModels(t.ctx)).toEqual([]);
    expect(await versions(t)).toHaveLength(2);
  });

  it('a version a user promoted stays Production; the new shipped default is only added', async () => {
    const models = modelsDir(OLD_SHIPPED);
    t = await buildTestApp({ services: [trainingService], start: false, env: { MLSEC_MODELS_DIR: models.dir } });
    await registerShippedModels(t.ctx);
    const trained = JSON.parse(OLD_SHIPPED) as ModelArtifact;
    trained.bias = trained.bias.map((b) => b + 0.5);
    const mine = await registerVersion(t.ctx, { name: 'linear', trainer: 'linear', artifact: trained });
    const promoted = await t.inject('training', { method: 'POST', url: `/models/linear/versions/${mine.version}/stage`, payload: { stage: 'Production', reason: 'ours is better' }, headers: await t.auth('admin') });
    expect(promoted.statusCode, promoted.body).toBe(200);

    models.ship(SHIPPED);
    expect(await registerShippedModels(t.ctx)).toEqual([{ name: 'linear', version: '1.0.2', stage: 'None', replaced: null }]);
    expect(await versions(t)).toEqual([
      { version: '1.0.2', stage: 'None', shipped: { version: SHIPPED_VERSION, sha256: sha(SHIPPED) } },
      { version: '1.0.1', stage: 'Production', shipped: null },
      { version: '1.0.0', stage: 'Archived', shipped: { version: '1.0.0', sha256: sha(OLD_SHIPPED) } },
    ]);
    expect(await registerShippedModels(t.ctx)).toEqual([]);
  });
});
