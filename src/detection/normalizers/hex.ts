import type { Normalizer } from './types.js';
import { worthKeeping } from './types.js';

// Contiguous hex ("69676e6f7265"), or byte-separated ("69 67 6e", "\x69\x67", "0x69 0x67").
export const CANDIDATE = /(?:(?:\\x|0x)?[0-9a-fA-F]{2}[\s,:]?){8,}/g;

/**
 * Cheap necessary condition for a CANDIDATE match: 16 hex digits in a chain where consecutive
 * digits are separated only by separator / prefix characters ([\s,:], '\', 'x'), at most 3 of
 * them (separator + "\x"). Ordinary prose breaks such chains at its first other letter.
 */
export function mayHoldHexRun(text: string): boolean {
  let digits = 0;
  let gap = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70)) {
      gap = 0;
      if (++digits >= 16) return true;
    } else if (
      ++gap > 3 ||
      !(
        c === 92 ||
        c === 120 ||
        c === 44 ||
        c === 58 ||
        c === 32 ||
        (c >= 9 && c <= 13) ||
        (c >= 128 && /\s/.test(text[i]))
      )
    ) {
      digits = 0;
      gap = 0;
    }
  }
  return false;
}

/** Decodes hex-encoded byte runs (>= 8 bytes) whose content is readable text. */
export const hex: Normalizer = {
  id: 'hex',
  title: 'Decode embedded hex payloads',
  kind: 'decode',
  transform(text) {
    if (!mayHoldHexRun(text)) return null;
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
