import type { Strategy } from '../types.js';
import { derive } from './util.js';

export const caseMixing: Strategy = {
  id: 'case-mixing',
  title: 'Random case mixing',
  description: 'rAnDoMiZeS letter case to dodge case-sensitive filters and tokenizer patterns.',
  defaults: {},
  transform(attack, _cfg, rng) {
    const text = [...attack.text].map((c) => (rng() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join('');
    return derive(attack, 'case-mixing', text);
  },
};
