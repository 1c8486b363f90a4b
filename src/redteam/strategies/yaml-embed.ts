import { pick } from '../rng.js';
import type { Strategy } from '../types.js';
import { derive } from './util.js';

export const yamlEmbed: Strategy = {
  id: 'yaml-embed',
  title: 'YAML embedding',
  description: 'Embeds the attack as a block scalar in a YAML config or front-matter.',
  defaults: {},
  transform(attack, _cfg, rng) {
    const key = pick(rng, ['instructions', 'prompt', 'notes', 'description', 'task', 'system_prompt']);
    const body = attack.text.split('\n').map((l) => `  ${l}`).join('\n');
    const head = pick(rng, ['version: 2\nname: assistant-config', '---\ntitle: Weekly report\nauthor: ops', 'job: nightly-sync\nschedule: "0 3 * * *"', 'agent:\n  model: default']);
    const text = `${head}\n${key}: |\n${body}${pick(rng, ['', '\n---', '\nenabled: true'])}`;
    return derive(attack, 'yaml-embed', pick(rng, [text, `Apply this configuration:\n${text}`]));
  },
};
