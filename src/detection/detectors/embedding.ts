import { loadEmbeddingHead, type EmbeddingHeadArtifact } from '../../ml/linear-model.js';
import { closeEncoderThread, getSentenceEncoder } from '../../ml/encoder.js';
import type { Label } from '../../ml/labels.js';
import type { Finding } from '../types.js';
import { detectChunked, fullProbs } from './chunked.js';
import { modelPath, readArtifact } from './artifact-file.js';
import { SEED_ATTACKS } from './known-attacks.js';
import type { Detector, LoadedDetector } from './types.js';

/** The loaded embedding detector also manages its known-attack library. */
export interface EmbeddingDetector extends LoadedDetector {
  addKnownAttacks(items: { text: string; label?: Exclude<Label, 'benign'> }[]): Promise<number>;
  librarySize(): number;
}

/** Cosine similarity at which a text counts as a near copy of a known attack. */
const SIM_FLOOR = 0.72;
const SIM_FULL = 0.92;

export interface KnownAttack {
  readonly text: string;
  readonly label: Exclude<Label, 'benign'>;
  readonly vec: Float32Array;
}

/** Pure: P(attack) implied by the nearest known attack's similarity (0 below the floor). */
export function similarityToProbability(sim: number): number {
  if (sim <= SIM_FLOOR) return 0;
  return Math.min(0.97, 0.5 + (0.47 * (sim - SIM_FLOOR)) / (SIM_FULL - SIM_FLOOR));
}

/** Pure: nearest neighbour of `v` (unit vectors: dot product = cosine). */
export function nearest(v: Float32Array, library: readonly KnownAttack[]): { index: number; sim: number } {
  let best = -1;
  let sim = -1;
  for (let i = 0; i < library.length; i++) {
    const w = library[i].vec;
    let d = 0;
    for (let j = 0; j < v.length; j++) d += v[j] * w[j];
    if (d > sim) {
      sim = d;
      best = i;
    }
  }
  return { index: best, sim };
}

/**
 * Universal Sentence Encoder lite + our trained softmax head, plus nearest-neighbour similarity
 * to a library of known attacks (seeded with canonical attacks; `addKnownAttacks` grows it as
 * the red team finds new ones). The higher of head and similarity decides.
 */
export const embedding: Detector = {
  id: 'embedding',
  title: 'Sentence-encoder classifier + similarity to known attacks',
  kind: 'neural',
  defaultModel: 'embedding-default',
  async load(ctx): Promise<
    LoadedDetector & {
      addKnownAttacks(items: { text: string; label?: Exclude<Label, 'benign'> }[]): Promise<number>;
      librarySize(): number;
    }
  > {
    const file = modelPath(ctx.modelsDir, ctx.model ?? 'embedding-default');
    const { artifact, bytes } = await readArtifact<EmbeddingHeadArtifact>(file);
    const head = loadEmbeddingHead(artifact);
    // In the session thread: a graph run on a long text must not stall the other requests.
    const encoder = getSentenceEncoder({ batchSize: 32, thread: 'worker' });
    const library: KnownAttack[] = [];
    const inLibrary = new Set<string>();
    async function addKnownAttacks(
      items: { text: string; label?: Exclude<Label, 'benign'> }[],
    ): Promise<number> {
      const fresh = items.filter((i) => i.text.trim() && !inLibrary.has(i.text));
      if (fresh.length === 0) return 0;
      const vecs = await encoder.embed(fresh.map((i) => i.text));
      fresh.forEach((i, k) => {
        inLibrary.add(i.text);
        library.push({ text: i.text, label: i.label ?? 'prompt_injection', vec: vecs[k] });
      });
      return fresh.length;
    }
    await addKnownAttacks([...SEED_ATTACKS, ...(ctx.knownAttacks ?? []).map((text) => ({ text }))]);
    const version = head.version;

    return {
      id: 'embedding',
      version,
      memoryBytes: head.head.W.byteLength + bytes + 30e6 /* USE lite weights */,
      info: {
        name: head.name,
        file,
        encoder: encoder.id,
        metrics: artifact.metadata?.metrics,
        known_attacks: () => library.length,
      },
      addKnownAttacks,
      librarySize: () => library.length,
      // Frees the session's memory on unload, and lets it finish its runs before shutdown.
      dispose: () => closeEncoderThread(),
      async detect(items, opts) {
        const hits = new Map<string, { sim: number; attack: KnownAttack }>();
        const results = await detectChunked(
          'embedding',
          version,
          items,
          // USE lite averages token vectors: short chunks keep an injected sentence from being diluted.
          { chunkWords: opts?.chunkWords ?? 120, overlapWords: opts?.overlapWords ?? 30 },
          async (texts) => {
            const vecs = await encoder.embed(texts);
            return vecs.map((v, i) => {
              const p = fullProbs(head.predictProbaEmbedding(v));
              const nn = nearest(v, library);
              const pk = nn.index >= 0 ? similarityToProbability(nn.sim) : 0;
              if (pk > 1 - p.benign) {
                const attack = library[nn.index];
                hits.set(texts[i], { sim: nn.sim, attack });
                // Benign drops to 1 - pk; the neighbour's label takes the added attack mass.
                const q = { ...p, benign: 1 - pk };
                q[attack.label] += pk - (1 - p.benign);
                return q;
              }
              return p;
            });
          },
        );
        // Attach a finding when the decisive chunk was a near copy of a known attack.
        return results.map((r, i) => {
          if (!r.decidedBy) return r;
          const views = items[i];
          const v = views.find((x) => x.view === r.decidedBy!.view);
          if (!v) return r;
          for (const [t, h] of hits) {
            if (v.text.includes(t.slice(0, 200)) || t.includes(v.text.slice(0, 200))) {
              const finding: Finding = {
                detector: 'embedding',
                ruleId: 'similar.known_attack',
                label: h.attack.label,
                severity: 'strong',
                explanation: `Close to a known attack (cosine ${h.sim.toFixed(2)}): "${h.attack.text.slice(0, 80)}"`,
                view: r.decidedBy.view,
                span: [0, 0],
                match: '',
              };
              return { ...r, findings: [finding] };
            }
          }
          return r;
        });
      },
    };
  },
};
