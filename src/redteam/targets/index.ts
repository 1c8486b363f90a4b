import type { AppContext } from '../../platform/context.js';
import { appError } from '../../platform/errors.js';
import type { Attack } from '../types.js';
import { loadDetect } from './detection.js';
import { callChat, DEFAULT_SYSTEM_PROMPT, judgeReply, validateExternalUrl, type ExternalConfig } from './external.js';

export interface Verdict {
  readonly detected: boolean;
  readonly success: boolean;
  readonly score: number | null;
  readonly label: string | null;
  readonly basis: string;
  readonly response?: string;
  readonly error?: string;
  readonly latencyMs: number;
}

export interface Target {
  readonly name: string;
  readonly kind: 'model' | 'external';
  /** Evaluates a batch; resolves one verdict per attack, in order. Errors per attack go in `error`. */
  evaluate(attacks: readonly Attack[], signal: AbortSignal): Promise<Verdict[]>;
  readonly batchSize: number;
}

export interface TargetOptions {
  threshold?: number;
  model?: string;
  api_key?: string;
  system_prompt?: string;
  canary?: string;
  timeout_ms?: number;
  max_retries?: number;
  concurrency?: number;
}

export type TargetSpec = { kind: 'model'; model: string } | { kind: 'external'; url: string };

/** Parses `model:<name>`, `ensemble` or an http(s) URL; throws a 400 catalogue error otherwise. */
export function parseTarget(target: string, platformPorts: readonly number[]): TargetSpec {
  const t = target.trim();
  if (t === 'ensemble' || t === 'model:ensemble') return { kind: 'model', model: 'ensemble' };
  const m = /^model:([A-Za-z0-9._-]{1,100})$/.exec(t);
  if (m) return { kind: 'model', model: m[1] };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) return { kind: 'external', url: validateExternalUrl(t, platformPorts).toString() };
  throw appError('REDTEAM_BAD_TARGET', { target, reason: 'unrecognised target' });
}

/** Builds the runnable target. Throws 409 when a model target cannot be served in this build. */
export async function openTarget(ctx: AppContext, spec: TargetSpec, opts: TargetOptions, campaignId: string): Promise<Target> {
  if (spec.kind === 'model') {
    const detect = await loadDetect(ctx, spec.model, opts.threshold);
    if ('error' in detect) throw appError('REDTEAM_TARGET_UNAVAILABLE', { target: `model:${spec.model}`, reason: detect.error });
    return {
      name: spec.model,
      kind: 'model',
      batchSize: 64,
      async evaluate(attacks) {
        const t0 = performance.now();
        const out = await detect(attacks.map((a) => a.text));
        const each = (performance.now() - t0) / Math.max(1, attacks.length);
        return out.map((v) => ({ detected: v.isAttack, success: !v.isAttack, score: v.score, label: v.label, basis: 'detector', latencyMs: each }));
      },
    };
  }
  const cfg: ExternalConfig = {
    url: spec.url,
    model: opts.model ?? 'default',
    apiKey: opts.api_key,
    systemPrompt: opts.system_prompt ?? DEFAULT_SYSTEM_PROMPT,
    // A per-campaign canary, so a leak is unambiguous and cannot come from training data.
    canary: opts.canary ?? `CANARY-${campaignId.slice(-8).toUpperCase()}-${Math.floor(Math.random() * 1e6)}`,
    timeoutMs: opts.timeout_ms ?? 20_000,
    maxRetries: opts.max_retries ?? 2,
    concurrency: opts.concurrency ?? 4,
  };
  return {
    name: new URL(spec.url).host,
    kind: 'external',
    batchSize: cfg.concurrency,
    evaluate(attacks, signal) {
      return Promise.all(
        attacks.map(async (a): Promise<Verdict> => {
          const t0 = performance.now();
          try {
            const reply = await callChat(cfg, a.text, signal);
            const j = judgeReply(reply, a, cfg.canary);
            return { detected: !j.success, success: j.success, score: null, label: null, basis: j.basis, response: reply.slice(0, 2000), latencyMs: performance.now() - t0 };
          } catch (e) {
            return { detected: false, success: false, score: null, label: null, basis: 'error', error: (e as Error).message, latencyMs: performance.now() - t0 };
          }
        }),
      );
    },
  };
}
