/**
 * Probability calibration by temperature scaling (Guo et al. 2017): one scalar T > 0 divides
 * every logit before the softmax. It keeps the ranking (so AUC is unchanged) and fixes the
 * over-confidence a weighted, lightly regularised softmax model shows, so probabilities from
 * different detectors can be averaged in the ensemble.
 *
 * T is fitted on held-out logits by minimising the negative log-likelihood; the NLL is convex
 * in 1/T, so a golden-section search over log T in [log 0.05, log 20] finds the optimum without
 * gradients or a library.
 */

/** Mean NLL of labels `y` under softmax(logits / T); logits are flat [n * K]. */
export function temperatureNll(logits: ArrayLike<number>, y: ArrayLike<number>, K: number, T: number): number {
  const n = y.length;
  if (n === 0) return 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const base = i * K;
    let max = -Infinity;
    for (let k = 0; k < K; k++) max = Math.max(max, logits[base + k] / T);
    let s = 0;
    for (let k = 0; k < K; k++) s += Math.exp(logits[base + k] / T - max);
    total += max + Math.log(s) - logits[base + y[i]] / T;
  }
  return total / n;
}

export interface TemperatureFit {
  temperature: number;
  nllBefore: number;
  nllAfter: number;
}

/**
 * Fit T. Succeeds for any non-empty input (returns T = 1 when there are no rows). Throws when
 * the logits and labels disagree in length.
 */
export function fitTemperature(logits: ArrayLike<number>, y: ArrayLike<number>, K: number): TemperatureFit {
  if (logits.length !== y.length * K) throw new Error(`logits has ${logits.length} values, expected ${y.length} x ${K}`);
  if (y.length === 0) return { temperature: 1, nllBefore: 0, nllAfter: 0 };
  const f = (logT: number) => temperatureNll(logits, y, K, Math.exp(logT));
  let a = Math.log(0.05);
  let b = Math.log(20);
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let it = 0; it < 60 && b - a > 1e-4; it++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  const temperature = Math.exp((a + b) / 2);
  return { temperature, nllBefore: f(0), nllAfter: f(Math.log(temperature)) };
}
