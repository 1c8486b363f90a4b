import type { Normalizer } from './types.js';
import { worthKeeping } from './types.js';

// Contiguous hex ("69676e6f7265"), or byte-separated ("69 67 6e", "\x69\x67", "0x69 0x67").
const CANDIDATE = /(?:(?:\\x|0x)?[0-9a-fA-F]{2}[\s,:]?){8,}/g;

/** Decodes hex-encoded byte runs (>= 8 bytes) whose content is readable text. */
export const hex: Normalizer = {
  id: 'hex',
  title: 'Decode embedded hex payloads',
  kind: 'decode',
  transform(text) {
    let found = false;
    const out = text.replace(CANDIDATE, (m) => {
      const digits = m.replace(/\\x|0x|[\s,:]/g, '');
      if (digits.length % 2 !== 0) return m;
      const decoded = Buffer.from(digits, 'hex').toString('utf8');
      if (!worthKeeping(decoded)) return m;
      found = true;
      return decoded + (/\s$/.test(m) ? ' ' : '');
    });
    return found ? out : null;
  },
};
