import type { Strategy } from '../types.js';
import { derive, numOpt } from './util.js';

const LEET: Record<string, string[]> = { a: ['4', '@'], e: ['3'], i: ['1', '!'], o: ['0'], s: ['5', '$'], t: ['7'], l: ['1'], g: ['9'], b: ['8'], z: ['2'] };

export const leetspeak: Strategy<{ rate: number }> = {
  id: 'leetspeak',
  title: 'Leetspeak',
  description: 'Replaces letters with look-alike digits and symbols (a -> 4, e -> 3, o -> 0...).',
  defaults: { rate: 0.7 },
  transform(attack, cfg, rng) {
    const rate = numOpt('leetspeak', cfg, 'rate', 0.7, 0, 1);
    const text = [...attack.text]
      .map((c) => {
        const subs = LEET[c.toLowerCase()];
        return subs && rng() < rate ? subs[Math.floor(rng() * subs.length)] : c;
      })
      .join('');
    return derive(attack, 'leetspeak', text);
  },
};
