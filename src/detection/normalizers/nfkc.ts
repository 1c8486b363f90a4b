import type { Normalizer } from './types.js';

/** Fullwidth letters, ligatures, mathematical alphanumerics and circled letters fold to ASCII under NFKC. */
export const nfkc: Normalizer = {
  id: 'nfkc',
  title: 'Unicode NFKC compatibility folding',
  kind: 'fold',
  transform: (text) => text.normalize('NFKC'),
};
