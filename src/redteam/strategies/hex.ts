import { chance } from '../rng.js';
import type { Strategy } from '../types.js';
import { boolOpt, derive, wrapEncoded } from './util.js';

export const hex: Strategy<{ wrap: boolean }> = {
  id: 'hex',
  title: 'Hex encoding',
  description: 'Encodes the UTF-8 bytes of the attack as hexadecimal (plain or space-separated).',
  defaults: { wrap: true },
  transform(attack, cfg, rng) {
    const bytes = [...Buffer.from(attack.text, 'utf8')].map((b) => b.toString(16).padStart(2, '0'));
    const enc = bytes.join(chance(rng, 0.5) ? '' : ' ');
    return derive(attack, 'hex', boolOpt('hex', cfg, 'wrap', true) ? wrapEncoded(rng, 'hex', enc) : enc);
  },
};
