import type { Normalizer } from './types.js';

const ESCAPE = /%[0-9a-fA-F]{2}/g;

/** Decodes runs of percent-encoding (at least three escapes) and HTML numeric entities. */
export const url: Normalizer = {
  id: 'url',
  title: 'Decode URL percent-encoding and HTML numeric entities',
  kind: 'decode',
  transform(text) {
    const percent = (text.match(ESCAPE) ?? []).length >= 3;
    if (!percent && !text.includes('&#')) return null;
    let found = false;
    let out = !percent
      ? text
      : text.replace(
          // Starts only where a run of URL characters starts: the same leftmost matches, without
          // re-scanning every long word from each of its letters (quadratic on long texts).
          /(?<![A-Za-z0-9._~+-]|%[0-9a-fA-F]{2})(?:%[0-9a-fA-F]{2}|[A-Za-z0-9._~+-])*(?:%[0-9a-fA-F]{2})(?:%[0-9a-fA-F]{2}|[A-Za-z0-9._~+-])*/g,
          (m) => {
            if ((m.match(/%[0-9a-fA-F]{2}/g) ?? []).length < 3) return m;
            try {
              const d = decodeURIComponent(m.replace(/\+/g, ' '));
              found = true;
              return d;
            } catch {
              return m;
            }
          },
        );
    out = out.replace(/(?:&#(?:x[0-9a-fA-F]{1,6}|[0-9]{1,7});){3,}/g, (m) => {
      found = true;
      return m.replace(/&#(x[0-9a-fA-F]+|[0-9]+);/g, (_e, n: string) => {
        const cp = n.startsWith('x') ? parseInt(n.slice(1), 16) : parseInt(n, 10);
        return cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
      });
    });
    return found ? out : null;
  },
};
