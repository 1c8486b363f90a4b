import { generateAttacks, generateBenign } from '../src/redteam/index.js';
const a = generateAttacks({ count: 24, seed: 7 });
for (const x of a) console.log(`[${x.category}/${x.technique}] ${JSON.stringify(x.text).slice(0, 300)}`);
const b = generateBenign({ count: 16, seed: 7 });
for (const x of b) console.log(`[benign/${x.kind}] ${JSON.stringify(x.text).slice(0, 300)}`);
const s = generateAttacks({ count: 21, seed: 3, categories: ['prompt_injection'], strategies: ['none','base64','hex','rot13','leetspeak','homoglyphs','zero-width','char-spacing','payload-splitting','code-fence','few-shot','multi-turn','synonym','reversed','translation-wrapper','json-embed','yaml-embed','url-encode','unicode-tags','typos','case-mixing'] });
for (const x of s) console.log(`[${x.strategies}] ${JSON.stringify(x.text).slice(0, 220)}`);
