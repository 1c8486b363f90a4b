import type { Normalizer } from './types.js';

// Hand-written because no confusables package is installed; covers the Cyrillic, Greek and
// Armenian letters that render like Latin ones and are used to dodge keyword filters.
const PAIRS: Record<string, string> = {
  а: 'a',
  в: 'b',
  с: 'c',
  ԁ: 'd',
  е: 'e',
  ё: 'e',
  һ: 'h',
  і: 'i',
  ї: 'i',
  ј: 'j',
  к: 'k',
  ӏ: 'l',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  ԛ: 'q',
  ѕ: 's',
  т: 't',
  у: 'y',
  ѵ: 'v',
  ԝ: 'w',
  х: 'x',
  ү: 'y',
  ɡ: 'g',
  ɩ: 'i',
  ɑ: 'a',
  А: 'A',
  В: 'B',
  С: 'C',
  Е: 'E',
  Н: 'H',
  І: 'I',
  Ј: 'J',
  К: 'K',
  М: 'M',
  О: 'O',
  Р: 'P',
  Ѕ: 'S',
  Т: 'T',
  Х: 'X',
  Ү: 'Y',
  Ԝ: 'W',
  α: 'a',
  β: 'b',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  γ: 'y',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  օ: 'o',
  ս: 'u',
  ց: 'g',
  ո: 'n',
  հ: 'h',
  ᴀ: 'a',
  ʙ: 'b',
  ᴄ: 'c',
  ᴅ: 'd',
  ᴇ: 'e',
  ɢ: 'g',
  ʜ: 'h',
  ɪ: 'i',
  ᴊ: 'j',
  ᴋ: 'k',
  ʟ: 'l',
  ᴍ: 'm',
  ɴ: 'n',
  ᴏ: 'o',
  ᴘ: 'p',
  ʀ: 'r',
  ꜱ: 's',
  ᴛ: 't',
  ᴜ: 'u',
  ᴠ: 'v',
  ᴡ: 'w',
  ʏ: 'y',
  ᴢ: 'z',
};
const RE = new RegExp(`[${Object.keys(PAIRS).join('')}]`, 'gu');
const ANY = new RegExp(RE.source, 'u');
const LATIN = /[A-Za-z]/;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Folds look-alike letters only inside words that also contain Latin letters, so genuine
 * Russian or Greek text is left alone while "іgnоrе" (mixed script) becomes "ignore".
 */
export const homoglyph: Normalizer = {
  id: 'homoglyph',
  title: 'Fold Cyrillic/Greek look-alike letters in mixed-script words',
  kind: 'fold',
  transform: (text) =>
    // Fast path: pure-ASCII text (most traffic), or text without a single look-alike letter,
    // has nothing to fold (a Unicode-mode pass over every word of it cost ~50 ns per char).
    !NON_ASCII.test(text) || !ANY.test(text)
      ? text
      : text.replace(/[\p{L}\p{M}]+/gu, (word) => {
          if (!RE.test(word)) return word;
          RE.lastIndex = 0;
          const folded = word.replace(RE, (c) => PAIRS[c] ?? c);
          // A word of only look-alikes (e.g. "сор") is folded too when the text around is Latin;
          // the caller cannot know, so keep mixed words and all-confusable short words.
          return LATIN.test(word) || [...word].every((c) => c in PAIRS) ? folded : word;
        }),
};
