import type { Strategy } from '../types.js';
import { addTypos } from '../generators/style.js';
import { derive, numOpt } from './util.js';

export const typos: Strategy<{ rate: number }> = {
  id: 'typos',
  title: 'Typos',
  description: 'Introduces keyboard typos (neighbour keys, dropped, doubled and swapped letters).',
  defaults: { rate: 0.08 },
  transform(attack, cfg, rng) {
    const rate = numOpt('typos', cfg, 'rate', 0.08, 0, 0.5);
    const words = attack.text.split(/\s+/).length;
    return derive(attack, 'typos', addTypos(attack.text, rng, Math.max(1, Math.round(words * rate))));
  },
};
