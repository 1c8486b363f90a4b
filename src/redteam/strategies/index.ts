import { createRegistry } from '../../platform/registry.js';
import type { Strategy } from '../types.js';
import { base64 } from './base64.js';
import { caseMixing } from './case-mixing.js';
import { charSpacing } from './char-spacing.js';
import { codeFence } from './code-fence.js';
import { fewShot } from './few-shot.js';
import { hex } from './hex.js';
import { homoglyphs } from './homoglyphs.js';
import { jsonEmbed } from './json-embed.js';
import { leetspeak } from './leetspeak.js';
import { multiTurn } from './multi-turn.js';
import { none } from './none.js';
import { payloadSplitting } from './payload-splitting.js';
import { reversed } from './reversed.js';
import { rot13 } from './rot13.js';
import { synonym } from './synonym.js';
import { translationWrapper } from './translation-wrapper.js';
import { typos } from './typos.js';
import { unicodeTags } from './unicode-tags.js';
import { urlEncode } from './url-encode.js';
import { yamlEmbed } from './yaml-embed.js';
import { zeroWidth } from './zero-width.js';

/** Every attack strategy. Add one: a file exporting the unit, one line here, a test beside it. */
export const strategies: Strategy<any>[] = [
  none, base64, hex, rot13, leetspeak, homoglyphs, zeroWidth, charSpacing, payloadSplitting, codeFence, fewShot, multiTurn,
  synonym, reversed, translationWrapper, jsonEmbed, yamlEmbed, urlEncode, unicodeTags, typos, caseMixing,
];

export const strategyRegistry = createRegistry('strategy', strategies);
