import { pick } from '../rng.js';
import type { Strategy } from '../types.js';
import { derive } from './util.js';

/** Maps printable ASCII to the invisible Unicode tag block (U+E0020..U+E007E). */
export function toTags(s: string): string {
  return [...s].map((c) => {
    const cp = c.codePointAt(0)!;
    return cp >= 0x20 && cp <= 0x7e ? String.fromCodePoint(0xe0000 + cp) : c;
  }).join('');
}

export const unicodeTags: Strategy = {
  id: 'unicode-tags',
  title: 'Unicode tag characters',
  description: 'Writes the attack in invisible Unicode tag characters behind a harmless visible sentence.',
  defaults: {},
  transform(attack, _cfg, rng) {
    const visible = pick(rng, ['What is the capital of France?', 'Please summarize this.', 'Hello!', 'Thanks for your help.', 'Can you check this text?', '']);
    return derive(attack, 'unicode-tags', visible + toTags(attack.text));
  },
};
