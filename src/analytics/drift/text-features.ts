/**
 * Numeric features derived from a free-text column, so text can be drift-tested with KS/PSI.
 * One pass over the UTF-16 code units; counts ratios over the text length (0 for empty text).
 */
export const TEXT_FEATURES = [
  'length',
  'word_count',
  'avg_word_length',
  'uppercase_ratio',
  'digit_ratio',
  'punctuation_ratio',
  'whitespace_ratio',
  'non_ascii_ratio',
] as const;
export type TextFeature = (typeof TEXT_FEATURES)[number];

const PUNCT = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');

export function textFeatures(text: string): Record<TextFeature, number> {
  const n = text.length;
  let upper = 0;
  let digit = 0;
  let punct = 0;
  let ws = 0;
  let nonAscii = 0;
  let words = 0;
  let wordChars = 0;
  let inWord = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const isWs = c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000;
    if (isWs) {
      ws++;
      inWord = false;
    } else {
      if (!inWord) words++;
      inWord = true;
      wordChars++;
    }
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 48 && c <= 57) digit++;
    else if (c < 128 && PUNCT.has(text[i])) punct++;
    if (c >= 128) nonAscii++;
  }
  const r = (x: number) => (n === 0 ? 0 : x / n);
  return {
    length: n,
    word_count: words,
    avg_word_length: words === 0 ? 0 : wordChars / words,
    uppercase_ratio: r(upper),
    digit_ratio: r(digit),
    punctuation_ratio: r(punct),
    whitespace_ratio: r(ws),
    non_ascii_ratio: r(nonAscii),
  };
}
