import type { Strategy } from '../types.js';
import { boolOpt, derive, wrapEncoded } from './util.js';

export const base64: Strategy<{ wrap: boolean }> = {
  id: 'base64',
  title: 'Base64 encoding',
  description: 'Encodes the attack in base64, usually with a request to decode and obey it.',
  defaults: { wrap: true },
  transform(attack, cfg, rng) {
    const enc = Buffer.from(attack.text, 'utf8').toString('base64');
    return derive(attack, 'base64', boolOpt('base64', cfg, 'wrap', true) ? wrapEncoded(rng, 'base64', enc) : enc);
  },
};
