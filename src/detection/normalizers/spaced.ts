import type { Normalizer } from './types.js';

/**
 * Joins letters written one by one with separators ("i g n o r e", "I.G.N.O.R.E", "i-g-n-o-r-e"):
 * a run of at least four single letters separated by the same kind of separator becomes a word.
 * Multiple spaces between such runs mark word boundaries.
 */
// A run with a non-ASCII letter has one next to a separator next to another letter: the
// Unicode-mode pass (slow on long texts) runs only when that shape occurs.
const NON_ASCII_SPACED =
  /[\u0080-\uffff][ ._\-*|/]{1,3}[A-Za-z\u0080-\uffff]|[A-Za-z][ ._\-*|/]{1,3}[\u0080-\uffff]/;

export const spaced: Normalizer = {
  id: 'spaced',
  title: 'Join spaced-out letters',
  kind: 'fold',
  transform: (text) =>
    // Fast path: needs at least "x y z w" style single letters somewhere.
    !/(?:^|[^A-Za-z0-9])[A-Za-z][ ._\-*|/]{1,3}[A-Za-z][ ._\-*|/]{1,3}[A-Za-z](?![A-Za-z0-9])/.test(text) &&
    !NON_ASCII_SPACED.test(text)
      ? text
      : text.replace(/(?<![\p{L}\p{N}])\p{L}(?:(?:[ ._\-*|/]{1,3})\p{L}(?![\p{L}\p{N}])){3,}/gu, (run) => {
          // Two or more spaces (or a slash / pipe) between letters separate words in the hidden text.
          return run
            .split(/\s{2,}|\s*[|/]\s*/)
            .map((w) => w.replace(/[ ._\-*]/g, ''))
            .join(' ');
        }),
};
