import type { Strategy } from '../types.js';
import { derive, numOpt } from './util.js';

/** Hand-made synonym table for the words keyword rules key on. */
export const SYNONYMS: Record<string, string[]> = {
  ignore: ['disregard', 'overlook', 'pay no heed to', 'set aside', 'neglect', 'brush off'],
  disregard: ['ignore', 'dismiss', 'set aside'],
  forget: ['erase from memory', 'let go of', 'drop', 'wipe'],
  previous: ['prior', 'earlier', 'preceding', 'former', 'foregoing'],
  prior: ['previous', 'earlier', 'past'],
  above: ['preceding', 'earlier', 'aforementioned'],
  instructions: ['directives', 'guidance', 'orders', 'commands', 'briefing', 'marching orders'],
  rules: ['guidelines', 'regulations', 'constraints', 'policies'],
  reveal: ['disclose', 'divulge', 'expose', 'uncover', 'let slip'],
  show: ['display', 'present', 'exhibit'],
  print: ['output', 'emit', 'write out'],
  secret: ['confidential', 'hidden', 'classified'],
  password: ['passphrase', 'passcode', 'login secret'],
  pretend: ['make believe', 'imagine', 'play-act'],
  act: ['behave', 'function', 'operate'],
  restrictions: ['limits', 'boundaries', 'constraints', 'shackles'],
  filters: ['safeguards', 'guardrails', 'censors'],
  tell: ['inform', 'let me know', 'explain to'],
  prompt: ['preamble', 'setup text', 'initial message'],
  system: ['core', 'base', 'underlying'],
  execute: ['run', 'carry out', 'invoke'],
  run: ['execute', 'launch', 'invoke'],
  delete: ['remove', 'erase', 'wipe'],
  now: ['from this point', 'at once', 'immediately'],
  new: ['fresh', 'updated', 'revised'],
  task: ['assignment', 'job', 'mission'],
  never: ['under no circumstances', 'at no point'],
  answer: ['respond', 'reply'],
};

function matchCase(src: string, rep: string): string {
  if (src === src.toUpperCase() && src.length > 1) return rep.toUpperCase();
  if (src[0] === src[0].toUpperCase()) return rep[0].toUpperCase() + rep.slice(1);
  return rep;
}

export const synonym: Strategy<{ rate: number }> = {
  id: 'synonym',
  title: 'Synonym paraphrase',
  description: 'Replaces trigger words (ignore, instructions, reveal, system...) with synonyms.',
  defaults: { rate: 0.9 },
  transform(attack, cfg, rng) {
    const rate = numOpt('synonym', cfg, 'rate', 0.9, 0, 1);
    const text = attack.text.replace(/\b[A-Za-z]+\b/g, (w) => {
      const syn = SYNONYMS[w.toLowerCase()];
      if (!syn || rng() >= rate) return w;
      return matchCase(w, syn[Math.floor(rng() * syn.length)]);
    });
    return derive(attack, 'synonym', text);
  },
};
