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

/** Whether `tok` (a maximal run of letters, digits and substitutes) is a leetspeak word. */
function foldToken(tok: string): string {
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
}

/** A letter next to a substitute: every token that can fold contains one. */
const TRIGGER = /[A-Za-z][013457893@$]|[013457893@$!|+][A-Za-z]/g;

/** Width (1 or 2 UTF-16 units) of the token character starting at i, or 0 when it is none. */
function tokenCharAt(text: string, i: number): number {
  if (i >= text.length) return 0;
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || SUB[c] || (c >= 48 && c <= 57) ? 1 : 0;
  const cp = text.codePointAt(i)!;
  return LETTER.test(String.fromCodePoint(cp)) ? (cp > 0xffff ? 2 : 1) : 0;
}

/** Width of the token character ending just before i, or 0. */
function tokenCharBefore(text: string, i: number): number {
  if (i <= 0) return 0;
  const lo = text.charCodeAt(i - 1);
  if (lo >= 0xdc00 && lo <= 0xdfff && i >= 2) {
    const hi = text.charCodeAt(i - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return tokenCharAt(text, i - 2) ? 2 : 0;
  }
  return tokenCharAt(text, i - 1);
}

/**
 * Folds leetspeak only inside tokens that mix letters with digit/symbol substitutes ("1gn0r3",
 * "pr0mpt", "$y$tem"); pure numbers, prices and versions ("2024", "$5", "v1.2") stay unchanged.
 * Only the tokens around a letter/substitute pair are looked at: ordinary text has a few
 * ("3rd", "mp3"), and a Unicode-aware pass over every word of a long text cost more than all
 * the other normalizers together.
 */
export const leetspeak: Normalizer = {
  id: 'leetspeak',
  title: 'Fold leetspeak in mixed letter/digit words',
  kind: 'fold',
  transform(text) {
    TRIGGER.lastIndex = 0;
    let m = TRIGGER.exec(text);
    if (!m) return text;
    let out = '';
    let last = 0;
    while (m) {
      let start = m.index;
      let end = m.index + m[0].length;
      for (let w = tokenCharBefore(text, start); w > 0; w = tokenCharBefore(text, start)) start -= w;
      for (let w = tokenCharAt(text, end); w > 0; w = tokenCharAt(text, end)) end += w;
      const tok = text.slice(start, end);
      // "john.doe@example.com": the local part and domain of an e-mail address are not leet.
      const email = tok.includes('@') && /^\.[A-Za-z]/.test(text.slice(end, end + 2));
      out += text.slice(last, start) + (tok.length >= 3 && !email ? foldToken(tok) : tok);
      last = end;
      TRIGGER.lastIndex = end;
      m = TRIGGER.exec(text);
    }
    return out + text.slice(last);
  },
};
