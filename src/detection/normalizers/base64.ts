import type { Normalizer } from './types.js';
import { worthKeeping } from './types.js';

// One character class, no nested alternation: a nested quantifier here backtracks exponentially.
export const CANDIDATE = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{16,}={0,2}(?![A-Za-z0-9+/_=-])/g;

/**
 * A run of at least 16 alphabet characters with both an upper- and a lower-case letter: what
 * every CANDIDATE match that can decode needs (cheap pre-check; long plain words such as
 * "responsibilities" or "internationalization" are single-case and skip the regex pass).
 */
export function hasAlphabetRun(text: string): boolean {
  let run = 0;
  let upper = false;
  let lower = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) lower = true;
    else if (c >= 65 && c <= 90) upper = true;
    else if (!((c >= 48 && c <= 57) || c === 43 || c === 47 || c === 95 || c === 45)) {
      run = 0;
      upper = false;
      lower = false;
      continue;
    }
    if (++run >= 16 && upper && lower) return true;
  }
  return false;
}

/** Decodes standard and URL-safe base64 runs (>= 16 chars) whose content is readable text. */
export const base64: Normalizer = {
  id: 'base64',
  title: 'Decode embedded base64 payloads',
  kind: 'decode',
  transform(text) {
    if (!hasAlphabetRun(text)) return null;
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
