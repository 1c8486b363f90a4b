import { pick } from '../rng.js';
import type { Strategy } from '../types.js';
import { derive } from './util.js';

export const charSpacing: Strategy<{ separator?: string }> = {
  id: 'char-spacing',
  title: 'Character spacing',
  description: 'Spells words out with a separator between letters ("i g n o r e"), words split by a wider gap.',
  defaults: {},
  transform(attack, cfg, rng) {
    const sep = typeof cfg.separator === 'string' && cfg.separator.length <= 3 ? cfg.separator : pick(rng, [' ', '-', '.', ' ', '_', '*']);
    const gap = sep === ' ' ? '   ' : ' ';
    const text = attack.text
      .split(/\s+/)
      .map((w) => [...w].join(sep))
      .join(gap);
    return derive(attack, 'char-spacing', text);
  },
};
