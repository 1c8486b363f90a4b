import type { Label } from '../../ml/labels.js';
import { loadLinearModel, type LinearModelArtifact } from '../../ml/linear-model.js';
import { detectChunked, fullProbs } from './chunked.js';
import { modelPath, readArtifact } from './artifact-file.js';
import type { Detector, LoadedDetector } from './types.js';

/** Hashed n-gram softmax model trained by our training code (microseconds per text). */
export const linear: Detector = {
  id: 'linear',
  title: 'Hashed word/char n-gram linear classifier',
  kind: 'statistical',
  defaultModel: 'linear-default',
  async load(ctx): Promise<LoadedDetector> {
    const file = modelPath(ctx.modelsDir, ctx.model ?? 'linear-default');
    const { artifact, bytes } = await readArtifact<LinearModelArtifact>(file);
    const model = loadLinearModel(artifact);
    return {
      id: 'linear',
      version: model.version,
      // Dense float32 weights dominate: dim x labels x 4 bytes.
      memoryBytes: model.head.W.byteLength + bytes,
      info: {
        name: model.name,
        file,
        labels: model.labels,
        metrics: artifact.metadata?.metrics,
        trained_on: artifact.metadata?.trained_on,
      },
      detect: (items, opts) =>
        detectChunked(
          'linear',
          model.version,
          items,
          { chunkWords: opts?.chunkWords ?? 600, overlapWords: opts?.overlapWords ?? 60 },
          (texts) => {
            // A view that differs from the raw text in one place (a folded leetspeak word)
            // splits into mostly the same chunks: score each distinct chunk text once.
            const seen = new Map<string, Record<Label, number>>();
            return texts.map((t) => {
              const hit = seen.get(t);
              if (hit) return { ...hit };
              const p = fullProbs(model.predictProba(t));
              seen.set(t, p);
              return p;
            });
          },
        ),
    };
  },
};
