import type { Strategy } from '../types.js';
import { boolOpt, derive, wrapEncoded } from './util.js';

/** ROT13 of ASCII letters; everything else unchanged. Its own inverse. */
export function rot13Text(s: string): string {
  return s.replace(/[a-zA-Z]/g, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

export const rot13: Strategy<{ wrap: boolean }> = {
  id: 'rot13',
  title: 'ROT13',
  description: 'Rotates letters by 13 places (a Caesar cipher attackers ask models to undo).',
  defaults: { wrap: true },
  transform(attack, cfg, rng) {
    const enc = rot13Text(attack.text);
    return derive(attack, 'rot13', boolOpt('rot13', cfg, 'wrap', true) ? wrapEncoded(rng, 'ROT13', enc) : enc);
  },
};
