import type { Label } from '../ml/labels.js';

/** One reading of the input: the raw text, its de-obfuscated form, or a decoded payload. */
export interface View {
  /** `raw`, `normalized`, or `decoded:<normalizer id>` (nested decodes chain: `decoded:base64+rot13`). */
  readonly view: string;
  readonly text: string;
}

/** A rule (or other explainable) hit inside one view. */
export interface Finding {
  readonly detector: string;
  readonly ruleId: string;
  readonly label: Exclude<Label, 'benign'>;
  readonly severity: 'strong' | 'weak';
  readonly explanation: string;
  readonly view: string;
  /** [start, end) character offsets into that view's text. */
  readonly span: readonly [number, number];
  readonly match: string;
}

/** What one detector says about one text. `probabilities` sums to 1 over LABELS. */
export interface DetectorResult {
  readonly detector: string;
  readonly version: string;
  /** P(attack) before ensemble calibration. */
  readonly attackScore: number;
  readonly probabilities: Record<Label, number>;
  readonly findings: readonly Finding[];
  /**
   * True when the detector has no evidence either way (rules with no match: absence of a
   * signature is not evidence of benign). The ensemble leaves abstaining detectors out.
   */
  readonly abstained?: boolean;
  /** Which view and which chunk decided the score (the worst one). */
  readonly decidedBy?: { view: string; chunk: number };
}
