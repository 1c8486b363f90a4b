import type { Normalizer } from './types.js';

const MAP: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'l',
  '+': 't',
};

const SUB = new Uint8Array(128);
for (const c of '013457893@$!|+') SUB[c.charCodeAt(0)] = 1;
const LETTER = /\p{L}/u;

/**
 * Letters (code points in \p{L}) and substitute characters of a token, counted in one pass
 * without allocating: most tokens of ordinary text stop at the first check that uses them.
 */
export function countLettersSubs(tok: string): [number, number] {
  let letters = 0;
  let subs = 0;
  for (let i = 0; i < tok.length; i++) {
    const c = tok.charCodeAt(i);
    if (c < 128) {
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) letters++;
      else subs += SUB[c];
    } else {
      const cp = tok.codePointAt(i)!;
      if (cp > 0xffff) i++;
      if (LETTER.test(String.fromCodePoint(cp))) letters++;
    }
  }
  return [letters, subs];
}

/**
 * Folds leetspeak only inside tokens that mix letters with digit/symbol substitutes ("1gn0r3",
 * "pr0mpt", "$y$tem"); pure numbers, prices and versions ("2024", "$5", "v1.2") stay unchanged.
 */
export const leetspeak: Normalizer = {
  id: 'leetspeak',
  title: 'Fold leetspeak in mixed letter/digit words',
  kind: 'fold',
  transform: (text) =>
    // Fast path: no letter next to a substitute character anywhere.
    !/[A-Za-z][013457893@$]|[013457893@$!|+][A-Za-z]/.test(text)
      ? text
      : text.replace(/[\p{L}0-9@$!|+]{3,}/gu, (tok) => {
          const [letters, subs] = countLettersSubs(tok);
          if (letters < 2 || subs === 0) return tok;
          // One substitute at the edge ("mp3", "1st", "4k", "md5") is a normal token, not leetspeak:
          // require a substitute between letters or at least two of them.
          if (subs < 2 && !/\p{L}[013457893@$!|+]+\p{L}/u.test(tok)) return tok;
          // Numbers with a unit/ordinal suffix ("30th", "100km", "1990s") and identifiers ending in
          // digits ("mp3", "h264", "abc123") are not leetspeak either.
          if (/^[0-9.,]+\p{L}{1,3}$/u.test(tok) || /^\p{L}+[0-9]+$/u.test(tok)) return tok;
          // Long runs are encoded blobs or identifiers, not words; hex digests are not leet either.
          if (tok.length > 24 || /^[0-9a-f]+$/i.test(tok)) return tok;
          // Trailing "!" alone is punctuation, not leetspeak.
          if (/^[\p{L}]+!+$/u.test(tok)) return tok;
          // Folding identifiers like "abc123" too is harmless: this view only feeds detectors and
          // the raw view is always scanned as well.
          return tok.replace(/[0-9@$!|+]/g, (c) => MAP[c] ?? c).toLowerCase();
        }),
};
