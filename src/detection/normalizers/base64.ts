import type { Normalizer } from './types.js';
import { worthKeeping } from './types.js';

// One character class, no nested alternation: a nested quantifier here backtracks exponentially.
const CANDIDATE = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{16,}={0,2}(?![A-Za-z0-9+/_=-])/g;

/** Decodes standard and URL-safe base64 runs (>= 16 chars) whose content is readable text. */
export const base64: Normalizer = {
  id: 'base64',
  title: 'Decode embedded base64 payloads',
  kind: 'decode',
  transform(text) {
    let found = false;
    const out = text.replace(CANDIDATE, (m) => {
      // Plain words and identifiers also match the alphabet; real payloads mix cases and digits.
      if (!/[A-Z]/.test(m) || !/[a-z]/.test(m)) return m;
      const body = m.replace(/=+$/, '');
      if (body.length % 4 === 1) return m;
      const decoded = Buffer.from(m.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
      if (!worthKeeping(decoded)) return m;
      found = true;
      return decoded;
    });
    return found ? out : null;
  },
};
