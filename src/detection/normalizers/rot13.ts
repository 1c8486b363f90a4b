import type { Normalizer } from './types.js';

// Frequent English words; rot13 is applied only when it turns gibberish into more of these.
const COMMON = new Set(
  'the be to of and a in that have i it for not on with he as you do at this but his by from they we say her she or an will my one all would there their what so up out if about who get which go me when make can like time no just him know take people into year your good some could them see other than then now look only come its over think also back after use two how our work first well way even new want because any these give day most us ignore previous instructions instruction system prompt forget rules reveal password secret tell say print disregard above below now act you are'.split(
    ' ',
  ),
);

const ROT_HINT = /\b(?:gur|naq|lbh|vtaber|jung|lbhe|cerivbhf|vafgehpgvbaf|frperg|cnffjbeq|flfgrz|cebzcg)\b/i;

function rot(s: string): string {
  return s.replace(/[a-zA-Z]/g, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

function commonCount(s: string): number {
  let n = 0;
  for (const w of s.toLowerCase().match(/[a-z]+/g) ?? []) if (COMMON.has(w)) n++;
  return n;
}

/**
 * Finds rot13 segments: each run of words (split on sentence punctuation / newlines) is rotated and
 * kept rotated when the rotation reads as English much better than the original.
 */
export const rot13: Normalizer = {
  id: 'rot13',
  title: 'Decode rot13 segments',
  kind: 'decode',
  transform(text) {
    // Gate: rot13 English almost always contains one of these rotated function words
    // ("the", "and", "you", "is", "ignore", "what", "to", "of"), which plain English never does.
    if (!ROT_HINT.test(text)) return null;
    let found = false;
    const out = text.replace(/[A-Za-z][A-Za-z ,'’-]{6,}[A-Za-z]/g, (seg) => {
      const r = rot(seg);
      const before = commonCount(seg);
      const after = commonCount(r);
      if (after >= 2 && after >= 2 * before + 1) {
        found = true;
        return r;
      }
      return seg;
    });
    return found ? out : null;
  },
};
