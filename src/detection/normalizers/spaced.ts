import type { Normalizer } from './types.js';

/**
 * Joins letters written one by one with separators ("i g n o r e", "I.G.N.O.R.E", "i-g-n-o-r-e"):
 * a run of at least four single letters separated by the same kind of separator becomes a word.
 * Multiple spaces between such runs mark word boundaries.
 */
export const spaced: Normalizer = {
  id: 'spaced',
  title: 'Join spaced-out letters',
  kind: 'fold',
  transform: (text) =>
    text.replace(/(?<![\p{L}\p{N}])\p{L}(?:(?:[ ._\-*|/]{1,3})\p{L}(?![\p{L}\p{N}])){3,}/gu, (run) => {
      // Two or more spaces (or a slash / pipe) between letters separate words in the hidden text.
      return run
        .split(/\s{2,}|\s*[|/]\s*/)
        .map((w) => w.replace(/[ ._\-*]/g, ''))
        .join(' ');
    }),
};
