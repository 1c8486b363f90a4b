/**
 * Shipped default models (`models/<trainer>-default/model.json`) in the registry. Detection
 * serves those files directly, so the registry must hold a version of each file as it is now,
 * or the registry's Production and the served model disagree after an upgrade.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppContext } from '../platform/context.js';
import { sha256 } from '../platform/artifacts.js';
import type { ModelArtifact } from '../ml/linear-model.js';
import { trainerRegistry } from './trainers/index.js';
import { getModelRow, listModelVersions, registerVersion, transitionStage } from './registry.js';

export interface ShippedRegistration {
  name: string;
  version: string;
  stage: string;
  /** The registry version the new one took Production from (a previous shipped default). */
  replaced: string | null;
}

/**
 * Register each shipped default the registry has no version of yet (by the sha256 of its
 * model.json), so starting twice registers nothing. A fresh registry gets it as 1.0.0 in
 * Production. Later it is the next version; it takes Production only from a previous shipped
 * default (which is archived), never from a version someone promoted. Skips absent files.
 */
export async function registerShippedModels(ctx: AppContext): Promise<ShippedRegistration[]> {
  const done: ShippedRegistration[] = [];
  for (const name of trainerRegistry.ids) {
    const file = join(ctx.config.modelsDir, `${name}-default`, 'model.json');
    if (!existsSync(file)) continue;
    const bytes = readFileSync(file);
    const fileSha256 = sha256(bytes);
    const versions = (await getModelRow(ctx, name)) ? await listModelVersions(ctx, name) : [];
    // Shipped versions registered before the file hash was kept have none, so they never match
    // and such an install registers the current file once more. Comparing what the registry
    // stored cannot do better: it rewrites the version label, the very thing a release bumps.
    if (versions.some((v) => v.shipped?.sha256 === fileSha256)) continue;
    // Parsed only when it is registered: every start hashes the file, few register it.
    const artifact = JSON.parse(bytes.toString('utf8')) as ModelArtifact;

    const shipped = { version: artifact.metadata.version, sha256: fileSha256 };
    const label = `${name}-default ${shipped.version} (${file}, sha256 ${fileSha256.slice(0, 12)})`;
    if (versions.length === 0) {
      const v = await registerVersion(ctx, { name, trainer: name, artifact, seq: 0, stage: 'Production', actor: 'system', reason: `shipped default ${label}`, shipped });
      done.push({ name, version: v.version, stage: v.stage, replaced: null });
      continue;
    }
    const v = await registerVersion(ctx, { name, trainer: name, artifact, shipped });
    const production = versions.find((x) => x.stage === 'Production');
    if (production?.shipped) {
      await transitionStage(ctx, {
        name,
        version: v.version,
        stage: 'Production',
        actor: 'system',
        reason: `shipped default upgraded: ${label} replaces ${production.version} (shipped ${production.shipped.version})`,
        supersededReason: `shipped default upgraded: superseded by ${v.version} (${label})`,
        shipped: true,
      });
      done.push({ name, version: v.version, stage: 'Production', replaced: production.version });
    } else {
      done.push({ name, version: v.version, stage: v.stage, replaced: null });
    }
  }
  return done;
}
