import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { Label } from '../../ml/labels.js';
import { detectChunked, fullProbs } from './chunked.js';
import type { Detector, LoadedDetector } from './types.js';

/**
 * Map a model's own label names (config.json `id2label`) onto ours. An explicit
 * `mlsec_label_map` in config.json wins; otherwise names are matched by meaning
 * (SAFE/BENIGN/LEGIT/LABEL_0 -> benign, INJECTION -> prompt_injection, ...); any other
 * non-benign label counts as prompt_injection so no attack mass is lost.
 */
export function mapModelLabel(name: string, index: number, explicit?: Record<string, string>): Label {
  const e = explicit?.[name];
  if (
    e === 'benign' ||
    e === 'prompt_injection' ||
    e === 'jailbreak' ||
    e === 'system_extraction' ||
    e === 'code_injection'
  )
    return e;
  const n = name.toLowerCase();
  if (
    /benign|safe|legit|normal|clean|negative|^neg$|harmless|^ok$/.test(n) ||
    (n === 'label_0' && index === 0)
  )
    return 'benign';
  if (/jailbreak/.test(n)) return 'jailbreak';
  if (/extract|leak|system_prompt/.test(n)) return 'system_extraction';
  if (/code/.test(n)) return 'code_injection';
  return 'prompt_injection';
}

function softmaxRow(row: Float32Array | number[], out: number[]): number[] {
  let m = -Infinity;
  for (const v of row) m = Math.max(m, v);
  let s = 0;
  for (let i = 0; i < row.length; i++) s += out[i] = Math.exp(row[i] - m);
  for (let i = 0; i < row.length; i++) out[i] /= s;
  return out;
}

interface HfConfig {
  id2label?: Record<string, string>;
  mlsec_label_map?: Record<string, string>;
  max_position_embeddings?: number;
  model_type?: string;
  _name_or_path?: string;
  mlsec_version?: string;
}

/**
 * ONNX sequence classifier (DeBERTa-v3, RoBERTa, BERT, DistilBERT exports) read from a local
 * folder holding `config.json`, `tokenizer.json` (+ optional `tokenizer_config.json`) and
 * `model.onnx` (or `onnx/model.onnx`). Nothing is downloaded unless `allowRemote` is set, in
 * which case a Hugging Face model id is fetched once through @huggingface/transformers' hub
 * client into the models folder.
 */
export const transformer: Detector = {
  id: 'transformer',
  title: 'ONNX transformer sequence classifier (local folder)',
  kind: 'neural',
  defaultModel: 'transformer',
  async load(ctx): Promise<LoadedDetector> {
    const name = ctx.model ?? 'transformer';
    let dir = isAbsolute(name) ? name : join(ctx.modelsDir, name);
    if (!existsSync(join(dir, 'config.json'))) {
      if (!ctx.allowRemote) {
        throw new Error(
          `transformer model folder ${dir} has no config.json. Export a sequence classifier to ONNX (config.json, tokenizer.json, model.onnx) into it, or enable remote model download (MLSEC_ALLOW_REMOTE_MODELS=true) to fetch '${name}' from the Hugging Face hub`,
        );
      }
      dir = await fetchRemote(name, ctx.modelsDir);
    }
    const onnxFile = [
      join(dir, 'model.onnx'),
      join(dir, 'onnx', 'model.onnx'),
      join(dir, 'onnx', 'model_quantized.onnx'),
    ].find((f) => existsSync(f));
    if (!onnxFile) throw new Error(`transformer model folder ${dir} has no model.onnx (nor onnx/model.onnx)`);
    const config = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as HfConfig;
    const tokJson = JSON.parse(await readFile(join(dir, 'tokenizer.json'), 'utf8'));
    const tokCfgFile = join(dir, 'tokenizer_config.json');
    const tokCfg = existsSync(tokCfgFile) ? JSON.parse(await readFile(tokCfgFile, 'utf8')) : {};
    const [{ Tokenizer }, ort] = await Promise.all([
      import('@huggingface/tokenizers'),
      import('onnxruntime-node'),
    ]);
    const tokenizer = new Tokenizer(tokJson, tokCfg);
    const session = await ort.InferenceSession.create(onnxFile, {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
    });
    const id2label = config.id2label ?? { 0: 'LABEL_0', 1: 'LABEL_1' };
    const nLabels = Object.keys(id2label).length;
    const ours = Array.from({ length: nLabels }, (_, i) =>
      mapModelLabel(id2label[String(i)] ?? `LABEL_${i}`, i, config.mlsec_label_map),
    );
    const maxLen = Math.min(
      Number(tokCfg.model_max_length) || 512,
      config.max_position_embeddings ?? 512,
      512,
    );
    const wantsTypeIds = session.inputNames.includes('token_type_ids');
    const padId = tokenizer.token_to_id(tokCfg.pad_token ?? '[PAD]') ?? tokenizer.token_to_id('<pad>') ?? 0;
    const version = config.mlsec_version ?? (await stat(onnxFile)).mtime.toISOString().slice(0, 10);

    async function scoreTexts(texts: string[]): Promise<Record<Label, number>[]> {
      const out: Record<Label, number>[] = [];
      // Batches of 16 keep padding waste and peak memory bounded.
      for (let s = 0; s < texts.length; s += 16) {
        const batch = texts.slice(s, s + 16).map((t) => tokenizer.encode(t || ' '));
        const len = Math.min(maxLen, Math.max(...batch.map((e) => e.ids.length)));
        const ids = new BigInt64Array(batch.length * len).fill(BigInt(padId));
        const mask = new BigInt64Array(batch.length * len);
        batch.forEach((e, r) => {
          // Keep the final special token ([SEP] / </s>) when truncating.
          const n = Math.min(len, e.ids.length);
          for (let i = 0; i < n; i++) {
            ids[r * len + i] = BigInt(i === n - 1 ? e.ids[e.ids.length - 1] : e.ids[i]);
            mask[r * len + i] = 1n;
          }
        });
        const feeds: Record<string, InstanceType<typeof ort.Tensor>> = {
          input_ids: new ort.Tensor('int64', ids, [batch.length, len]),
          attention_mask: new ort.Tensor('int64', mask, [batch.length, len]),
        };
        if (wantsTypeIds)
          feeds.token_type_ids = new ort.Tensor('int64', new BigInt64Array(batch.length * len), [
            batch.length,
            len,
          ]);
        const res = await session.run(feeds);
        const logits = (res.logits ?? res[session.outputNames[0]]).data as Float32Array;
        const tmp = new Array<number>(nLabels);
        for (let r = 0; r < batch.length; r++) {
          const p = softmaxRow(logits.subarray(r * nLabels, (r + 1) * nLabels), tmp);
          const rec: Partial<Record<Label, number>> = {};
          for (let k = 0; k < nLabels; k++) rec[ours[k]] = (rec[ours[k]] ?? 0) + p[k];
          out.push(fullProbs(rec));
        }
      }
      return out;
    }

    return {
      id: 'transformer',
      version,
      memoryBytes: (await stat(onnxFile)).size,
      info: { dir, model_type: config.model_type, labels: id2label, mapped: ours, max_length: maxLen },
      // ~1.3 tokens per word: 300-word chunks stay under 512 tokens.
      detect: (items, opts) =>
        detectChunked(
          'transformer',
          version,
          items,
          { chunkWords: opts?.chunkWords ?? 300, overlapWords: opts?.overlapWords ?? 50 },
          scoreTexts,
        ),
      dispose: () => session.release(),
    };
  },
};

/** Opt-in hub download (only with allowRemote): files land in `<modelsDir>/<id with / replaced>`. */
async function fetchRemote(id: string, modelsDir: string): Promise<string> {
  const { mkdir, writeFile } = await import('node:fs/promises');
  const dir = join(modelsDir, id.replace(/[/\\]/g, '__'));
  await mkdir(join(dir, 'onnx'), { recursive: true });
  for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx']) {
    const res = await fetch(`https://huggingface.co/${id}/resolve/main/${f}`);
    if (!res.ok) {
      if (f === 'tokenizer_config.json') continue;
      throw new Error(`could not download ${f} of '${id}' from the Hugging Face hub (HTTP ${res.status})`);
    }
    await writeFile(join(dir, f), Buffer.from(await res.arrayBuffer()));
  }
  return dir;
}
