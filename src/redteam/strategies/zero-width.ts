import type { Strategy } from '../types.js';
import { derive, numOpt } from './util.js';

export const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'];

export const zeroWidth: Strategy<{ density: number }> = {
  id: 'zero-width',
  title: 'Zero-width characters',
  description: 'Inserts invisible zero-width characters inside words to break tokens and keyword matches.',
  defaults: { density: 0.35 },
  transform(attack, cfg, rng) {
    const density = numOpt('zero-width', cfg, 'density', 0.35, 0, 1);
    let out = '';
    const chars = [...attack.text];
    chars.forEach((c, i) => {
      out += c;
      if (i < chars.length - 1 && /\p{L}/u.test(c) && rng() < density) out += ZERO_WIDTH[Math.floor(rng() * ZERO_WIDTH.length)];
    });
    return derive(attack, 'zero-width', out);
  },
};
