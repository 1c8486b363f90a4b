import type { Normalizer } from './types.js';

// Zero-width characters, bidi controls, soft hyphen, word joiners, variation selectors, Unicode
// "tag" characters (used for invisible ASCII smuggling) and C0/C1 controls except \t \n \r.
// Control and combining characters in the class are the point here.
/* eslint-disable no-control-regex, no-misleading-character-class */
export const INVISIBLE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]|[\u{e0000}-\u{e007f}]|[\u{e0100}-\u{e01ef}]/gu;
/* eslint-enable no-control-regex, no-misleading-character-class */

// The same characters as INVISIBLE without Unicode mode (astral ones by their high surrogate,
// U+DB40 for U+E0000..E03FF): a quick test that both Unicode-mode passes would find nothing.
/* eslint-disable no-control-regex, no-misleading-character-class */
export const MAYBE_INVISIBLE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\udb40]/;
/* eslint-enable no-control-regex, no-misleading-character-class */

/** Tag characters U+E0020..E007E mirror ASCII; decode them rather than dropping the hidden message. */
function untag(text: string): string {
  return text.replace(
    /[\u{e0020}-\u{e007e}]+/gu,
    (m) => ' ' + [...m].map((c) => String.fromCharCode(c.codePointAt(0)! - 0xe0000)).join('') + ' ',
  );
}

/** Printable ASCII, tab, newline and carriage return: nothing to remove or decode. */
export function plainAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 || c > 0x7e) && c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
  }
  return true;
}

export const invisible: Normalizer = {
  id: 'invisible',
  title: 'Remove zero-width, bidi and control characters (reveal Unicode tag smuggling)',
  kind: 'fold',
  // Fast path: most traffic is plain ASCII, where both Unicode-mode regex passes find nothing.
  transform: (text) =>
    plainAscii(text) || !MAYBE_INVISIBLE.test(text) ? text : untag(text).replace(INVISIBLE, ''),
};
