import { LABELS, type Label } from '../ml/labels.js';
import type { DetectorResult } from './types.js';
import { FITTED_ENSEMBLE } from './ensemble-fitted.js';

export type EnsembleMethod = 'weighted_mean' | 'max' | 'stacked';
export const ENSEMBLE_METHODS: readonly EnsembleMethod[] = ['weighted_mean', 'max', 'stacked'];
export type Context = 'user' | 'document';

/** Platt scaling of one detector's P(attack): sigmoid(a * logit(p) + b). */
export interface Calibration {
  readonly a: number;
  readonly b: number;
}

export interface EnsembleConfig {
  readonly method: EnsembleMethod;
  /** Weight per detector id (weighted_mean); missing = 1. */
  readonly weights: Readonly<Record<string, number>>;
  /**
   * Weights that replace `weights` in one context. A detector whose weight is 0 there does not
   * vote in that context, whatever the method (and the engine leaves it out of the default
   * models for that context, see `votesIn`).
   */
  readonly contextWeights?: Readonly<Partial<Record<Context, Readonly<Record<string, number>>>>>;
  readonly calibration: Readonly<Record<string, Calibration>>;
  /**
   * Stacked logistic: P(attack) = sigmoid(bias + sum coef[d] * logit(p_d)), each logit clipped to
   * [-clip, clip] when `clip` is set (so a detector at 1e-6 cannot outvote the others alone).
   */
  readonly stacker: {
    readonly bias: number;
    readonly coef: Readonly<Record<string, number>>;
    readonly clip?: number;
  };
  /** Default decision thresholds per context; documents (retrieved content) are scanned more strictly. */
  readonly thresholds: Readonly<Record<Context, number>>;
  /**
   * A strong signature rule is precise enough to decide alone: the combined score is at least
   * the rules detector's score when it has a strong finding.
   */
  readonly strongRulesDecide: boolean;
}

/** The hand-set ensemble used before the fitted one (kept for comparison: `scripts/detection-fit-ensemble.ts`). */
export const LEGACY_ENSEMBLE: EnsembleConfig = {
  method: 'weighted_mean',
  weights: { rules: 1, linear: 1, embedding: 1.5, transformer: 2 },
  calibration: {},
  // Equal-evidence default: each detector's log-odds counts once, a slight prior towards benign.
  stacker: { bias: -0.5, coef: { rules: 1, linear: 1, embedding: 1, transformer: 1 } },
  thresholds: { user: 0.5, document: 0.45 },
  strongRulesDecide: true,
};

/**
 * Each method's own default operating point: the stacked combiner's thresholds were fitted with
 * it (its out-of-fold 3%-FPR point, FITTED_ENSEMBLE.stacked_threshold_at_oof_fpr); the weighted
 * mean and max keep the hand-set 0.5 / 0.45.
 */
export function defaultThresholds(method: EnsembleMethod): Readonly<Record<Context, number>> {
  return method === 'stacked' ? FITTED_ENSEMBLE.stacked_threshold_at_oof_fpr : LEGACY_ENSEMBLE.thresholds;
}

/**
 * The default: the stacked logistic combiner fitted out of fold by
 * `scripts/detection-fit-ensemble.ts` (ensemble-fitted.ts, provenance inside), at its fitted
 * thresholds. The fit's leave-one-fold-out criterion, declared before the comparison, chose it
 * over the hand-set weighted mean (55.9% vs 58.8% miss + FPR, Dec 2 refit): fewer false positives
 * on benign styles the models never saw (role-play, "act as" prompts), more misses on
 * CyberSecEval. On the evaluation-only files the two are level (README, "Fitting the ensemble").
 * The weighted mean stays available per request (`ensemble: "weighted_mean"`) or as the served
 * default (MLSEC_ENSEMBLE).
 */
export const DEFAULT_ENSEMBLE: EnsembleConfig = {
  ...LEGACY_ENSEMBLE,
  method: 'stacked',
  thresholds: defaultThresholds('stacked'),
  stacker: FITTED_ENSEMBLE.stacker,
  // In retrieved documents the embedding detector does not vote. USE lite averages the token
  // vectors of a 120-word chunk, so one instruction inside an email or a table barely moves
  // it, and its head learned document style itself as attack-like: BIPIA holds every document
  // once clean and once injected, which it cannot tell apart (74% of clean BIPIA documents
  // score >= 0.5). Measured on documents (README, "Documents"): rules + linear rank them better
  // without it (probe documents AUC 0.902 -> 0.947, clean BIPIA flagged at the document
  // threshold 43% -> 10%).
  contextWeights: { document: { embedding: 0 } },
};

/** The weight of each detector in `context` (missing = 1). */
export function weightOf(cfg: EnsembleConfig, detector: string, context: Context = 'user'): number {
  return cfg.contextWeights?.[context]?.[detector] ?? cfg.weights[detector] ?? 1;
}

/**
 * Whether the stacker was fitted on exactly the detectors that vote here: `detectors` (the
 * request's models) minus those weighted 0 in `context`.
 */
export function stackerCovers(cfg: EnsembleConfig, detectors: readonly string[], context: Context): boolean {
  const voting = new Set(detectors.filter((d) => votesIn(cfg, d, context)));
  const fitted = Object.keys(cfg.stacker.coef);
  return voting.size === fitted.length && fitted.every((d) => voting.has(d));
}

/** Whether `detector` votes in `context` (a weight of 0 there means it does not). */
export function votesIn(cfg: EnsembleConfig, detector: string, context: Context = 'user'): boolean {
  return weightOf(cfg, detector, context) !== 0;
}

const EPS = 1e-6;
const logit = (p: number) => {
  const q = Math.min(1 - EPS, Math.max(EPS, p));
  return Math.log(q / (1 - q));
};
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function calibrate(p: number, c?: Calibration): number {
  return c ? sigmoid(c.a * logit(p) + c.b) : p;
}

export interface EnsembleDecision {
  readonly label: Label;
  readonly is_attack: boolean;
  /** Probability of the chosen label. */
  readonly confidence: number;
  readonly attack_score: number;
  readonly threshold: number;
  readonly probabilities: Record<Label, number>;
}

/**
 * Pure: combine per-detector results into one decision. `threshold` (0..1) overrides the
 * context default. Label probabilities are the weighted mean of the detectors' distributions,
 * rescaled so P(benign) = 1 - combined attack score. With no results, returns benign.
 */
export function combine(
  results: readonly DetectorResult[],
  cfg: EnsembleConfig = DEFAULT_ENSEMBLE,
  opts: { threshold?: number; context?: Context } = {},
): EnsembleDecision {
  const context = opts.context ?? 'user';
  const threshold = opts.threshold ?? cfg.thresholds[context];
  // Abstentions and detectors weighted 0 in this context do not vote, unless nothing else would.
  const votes = (r: DetectorResult) => !r.abstained && votesIn(cfg, r.detector, context);
  const voting = results.some(votes) ? results.filter(votes) : results;
  // A detector weighted 0 here votes only when it is all there is: then with its usual weight.
  const weight = (d: string) => weightOf(cfg, d, context) || (cfg.weights[d] ?? 1);
  const cal = voting.map((r) => calibrate(r.attackScore, cfg.calibration[r.detector]));
  let attack = 0;
  if (voting.length > 0) {
    if (cfg.method === 'max') attack = Math.max(...cal);
    else if (cfg.method === 'stacked') {
      const clip = cfg.stacker.clip ?? Infinity;
      attack = sigmoid(
        cfg.stacker.bias +
          voting.reduce(
            (s, r, i) =>
              s + (cfg.stacker.coef[r.detector] ?? 1) * Math.max(-clip, Math.min(clip, logit(cal[i]))),
            0,
          ),
      );
    } else {
      let ws = 0;
      voting.forEach((r, i) => {
        const w = weight(r.detector);
        ws += w;
        attack += w * cal[i];
      });
      attack = ws > 0 ? attack / ws : 0;
    }
    if (cfg.strongRulesDecide) {
      for (let i = 0; i < voting.length; i++) {
        if (voting[i].findings.some((f) => f.severity === 'strong')) attack = Math.max(attack, cal[i]);
      }
    }
  }
  // Attack-type distribution: weighted by each detector's own attack mass, so a detector that
  // sees nothing does not dilute the type chosen by one that does.
  const typeMass = Object.fromEntries(LABELS.map((l) => [l, 0])) as Record<Label, number>;
  voting.forEach((r, i) => {
    const w = weight(r.detector) * cal[i];
    for (const l of LABELS) if (l !== 'benign') typeMass[l] += w * (r.probabilities[l] ?? 0);
  });
  const totalType = LABELS.reduce((s, l) => s + (l === 'benign' ? 0 : typeMass[l]), 0);
  const probabilities = Object.fromEntries(LABELS.map((l) => [l, 0])) as Record<Label, number>;
  probabilities.benign = 1 - attack;
  for (const l of LABELS) {
    if (l === 'benign') continue;
    probabilities[l] = totalType > 0 ? (attack * typeMass[l]) / totalType : attack / (LABELS.length - 1);
  }
  const isAttack = attack >= threshold;
  let label: Label = 'benign';
  if (isAttack) {
    let best = -1;
    for (const l of LABELS)
      if (l !== 'benign' && probabilities[l] > best) [best, label] = [probabilities[l], l];
  }
  return {
    label,
    is_attack: isAttack,
    confidence: isAttack ? attack : 1 - attack,
    attack_score: attack,
    threshold,
    probabilities,
  };
}
