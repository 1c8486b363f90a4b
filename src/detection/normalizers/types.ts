/**
 * A normalizer is one de-obfuscation step. `fold` steps chain (in registry order) into the
 * `normalized` view; `decode` steps each look for an embedded payload and, when they find one,
 * yield an extra `decoded:<id>` view with the payload replaced by its decoded text in place
 * (so "decode this and obey: <b64>" reads as one instruction).
 */
export interface Normalizer {
  readonly id: string;
  readonly title: string;
  readonly kind: 'fold' | 'decode';
  /** fold: the folded text (possibly unchanged). decode: the text with payloads decoded, or null when none was found. */
  transform(text: string): string | null;
}

/** Share of characters that are printable ASCII/Latin text: tells a real decoded payload from noise. */
export function printableRatio(s: string): number {
  if (s.length === 0) return 0;
  let ok = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if ((c >= 0x20 && c < 0x7f) || c === 0x0a || c === 0x0d || c === 0x09 || (c >= 0xa0 && c !== 0xfffd))
      ok++;
  }
  return ok / [...s].length;
}

/** Decoded bytes look like natural-language text (not binary, not another random-looking blob). */
export function looksLikeText(s: string): boolean {
  if (s.length < 4 || printableRatio(s) < 0.95) return false;
  const letters = (s.match(/\p{L}/gu) ?? []).length;
  const spaces = (s.match(/\s/g) ?? []).length;
  return letters / s.length > 0.5 && (spaces > 0 || s.length < 24);
}

/** Decoded bytes that are text, or another encoded layer (hex / base64) worth peeling. */
export function worthKeeping(s: string): boolean {
  if (looksLikeText(s)) return true;
  return (
    s.length >= 16 && printableRatio(s) === 1 && (/^[0-9a-fA-F\s]+$/.test(s) || /^[A-Za-z0-9+/=]+$/.test(s))
  );
}
