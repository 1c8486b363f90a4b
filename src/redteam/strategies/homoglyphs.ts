import type { Strategy } from '../types.js';
import { derive, numOpt } from './util.js';

/** Latin letters and Cyrillic/Greek characters that render (almost) identically. */
export const HOMOGLYPHS: Record<string, string> = {
  a: '\u0430', c: '\u0441', e: '\u0435', i: '\u0456', j: '\u0458', o: '\u043e', p: '\u0440', s: '\u0455', x: '\u0445', y: '\u0443',
  A: '\u0391', B: '\u0392', C: '\u0421', E: '\u0395', H: '\u0397', I: '\u0399', K: '\u039a', M: '\u039c', N: '\u039d', O: '\u039f', P: '\u03a1', T: '\u03a4', X: '\u03a7', Y: '\u03a5',
};

export const homoglyphs: Strategy<{ rate: number }> = {
  id: 'homoglyphs',
  title: 'Homoglyph substitution',
  description: 'Swaps Latin letters for visually identical Cyrillic/Greek ones so keyword filters miss them.',
  defaults: { rate: 0.5 },
  transform(attack, cfg, rng) {
    const rate = numOpt('homoglyphs', cfg, 'rate', 0.5, 0, 1);
    const text = [...attack.text].map((c) => (HOMOGLYPHS[c] && rng() < rate ? HOMOGLYPHS[c] : c)).join('');
    return derive(attack, 'homoglyphs', text);
  },
};
