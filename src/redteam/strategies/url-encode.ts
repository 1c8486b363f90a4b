import { pick } from '../rng.js';
import type { Strategy } from '../types.js';
import { boolOpt, derive, wrapEncoded } from './util.js';

export const urlEncode: Strategy<{ wrap: boolean }> = {
  id: 'url-encode',
  title: 'URL (percent) encoding',
  description: 'Percent-encodes the attack, optionally as a query parameter of a link.',
  defaults: { wrap: true },
  transform(attack, cfg, rng) {
    // encodeURIComponent leaves letters readable; attackers encode every byte to hide keywords.
    const full = rng() < 0.5;
    const enc = full ? [...Buffer.from(attack.text, 'utf8')].map((b) => '%' + b.toString(16).toUpperCase().padStart(2, '0')).join('') : encodeURIComponent(attack.text);
    const payload = rng() < 0.3 ? `https://${pick(rng, ['example.com', 'docs.example.org', 'share.example.net'])}/view?q=${enc}` : enc;
    return derive(attack, 'url-encode', boolOpt('url-encode', cfg, 'wrap', true) ? wrapEncoded(rng, 'URL-encoded', payload) : payload);
  },
};
