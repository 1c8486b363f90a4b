import type { Normalizer } from './types.js';

// Zero-width characters, bidi controls, soft hyphen, word joiners, variation selectors, Unicode
// "tag" characters (used for invisible ASCII smuggling) and C0/C1 controls except \t \n \r.
// Combining characters in the classes are the point here.
/* eslint-disable no-misleading-character-class */
const BMP_INVISIBLE =
  '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u00ad\\u034f\\u061c\\u115f\\u1160\\u17b4\\u17b5\\u180b-\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u206f\\u3164\\ufe00-\\ufe0f\\ufeff\\uffa0';
export const INVISIBLE = new RegExp(
  `[${BMP_INVISIBLE}]|[\\u{e0000}-\\u{e007f}]|[\\u{e0100}-\\u{e01ef}]`,
  'gu',
);

// The same characters without Unicode mode (astral ones by their high surrogate, U+DB40 for
// U+E0000..E03FF): a quick test that both Unicode-mode passes would find nothing.
export const MAYBE_INVISIBLE = new RegExp(`[${BMP_INVISIBLE}\\udb40]`);
// The same, searching from a position (lastIndex): see mayHoldInvisible.
const MAYBE_INVISIBLE_FROM = new RegExp(MAYBE_INVISIBLE.source, 'g');
/* eslint-enable no-misleading-character-class */

// MAYBE_INVISIBLE for the ASCII code units, as a table built from the regex itself: most texts
// are ASCII, and a scan through the table costs a third of the regex's (~20 vs ~60 us for
// 3,000 characters). From the first other code unit on, the regex decides.
const ASCII_TABLE = Uint8Array.from({ length: 0x80 }, (_, c) =>
  MAYBE_INVISIBLE.test(String.fromCharCode(c)) ? 1 : 0,
);

/** `MAYBE_INVISIBLE.test(text)`: does any code unit of the text belong to the class? */
export function mayHoldInvisible(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) {
      MAYBE_INVISIBLE_FROM.lastIndex = i;
      return MAYBE_INVISIBLE_FROM.test(text);
    }
    if (ASCII_TABLE[c] === 1) return true;
  }
  return false;
}

/** Tag characters U+E0020..E007E mirror ASCII; decode them rather than dropping the hidden message. */
function untag(text: string): string {
  return text.replace(
    /[\u{e0020}-\u{e007e}]+/gu,
    (m) => ' ' + [...m].map((c) => String.fromCharCode(c.codePointAt(0)! - 0xe0000)).join('') + ' ',
  );
}

export const invisible: Normalizer = {
  id: 'invisible',
  title: 'Remove zero-width, bidi and control characters (reveal Unicode tag smuggling)',
  kind: 'fold',
  // Fast path: most traffic has none of these characters, and both Unicode-mode passes then
  // find nothing.
  transform: (text) => (mayHoldInvisible(text) ? untag(text).replace(INVISIBLE, '') : text),
};
