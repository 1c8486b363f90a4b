import { describe, expect, it } from 'vitest';
import { generateAttacks, generateBenign } from '../index.js';
import { LOOKALIKE_KINDS } from './benign-lookalikes.js';
import { DOC_KINDS, renderDocument } from './documents.js';
import { mulberry32 } from '../rng.js';

describe('benign look-alike kinds', () => {
  it('every kind is generated, expands fully and is diverse', () => {
    for (const kind of Object.keys(LOOKALIKE_KINDS)) {
      const texts = generateBenign({ count: 300, seed: 7, kinds: [kind] }).map((b) => b.text);
      expect(texts.some((t) => /[⟨⟩]/.test(t))).toBe(false);
      expect(new Set(texts).size / texts.length).toBeGreaterThan(0.5);
    }
  });

  it('uses attack vocabulary innocently (the point of a hard negative)', () => {
    const texts = generateBenign({ count: 1500, seed: 3, kinds: Object.keys(LOOKALIKE_KINDS) }).map((b) =>
      b.text.toLowerCase(),
    );
    for (const w of [
      'repeat',
      'disregard',
      'kill',
      'override',
      'bypass',
      'no rules',
      'system prompt',
      'rest of the chat',
      'never mind',
    ])
      expect(
        texts.some((t) => t.includes(w)),
        w,
      ).toBe(true);
  });
});

describe('documents and new attack techniques', () => {
  it('renders the new carrier kinds clean and with a hidden payload', () => {
    for (const kind of ['manual', 'pull_request'] as const) {
      expect(DOC_KINDS).toContain(kind);
      const clean = renderDocument(kind, mulberry32(1));
      const dirty = renderDocument(kind, mulberry32(1), 'PAYLOAD-XYZ');
      expect(clean).not.toContain('PAYLOAD-XYZ');
      expect(dirty).toContain('PAYLOAD-XYZ');
    }
  });

  it('renders the data-like carriers (forum, listing, job ad, JSON, log, transcript, FAQ) clean and with a payload', () => {
    for (const kind of ['forum_post', 'product_listing', 'job_posting', 'json_record', 'log', 'transcript', 'faq'] as const) {
      expect(DOC_KINDS).toContain(kind);
      for (let s = 1; s <= 5; s++) {
        const clean = renderDocument(kind, mulberry32(s));
        const dirty = renderDocument(kind, mulberry32(s), 'PAYLOAD-XYZ');
        expect(clean).not.toMatch(/PAYLOAD-XYZ|[⟨⟩]/);
        expect(dirty).toContain('PAYLOAD-XYZ');
        if (kind === 'json_record') expect(() => JSON.parse(clean)).not.toThrow();
      }
    }
  });

  it('generates round-about extraction that never names the system prompt, and hides instructions in the new carriers', () => {
    const a = generateAttacks({ count: 4000, seed: 23 });
    const round = a.filter((x) => x.technique === 'roundabout_extraction').map((x) => x.text);
    expect(round.length).toBeGreaterThan(30);
    expect(round.filter((t) => /system prompt/i.test(t))).toEqual([]);
    const docs = a.filter((x) => x.technique === 'indirect_injection').map((x) => x.text);
    expect(docs.some((t) => /^\{\n|\n\{\n/.test(t) || t.startsWith('{'))).toBe(true);
    expect(docs.some((t) => /Transcript — /.test(t))).toBe(true);
  });

  it('generates community personas, rule-less-world stories and casual extraction', () => {
    const a = generateAttacks({ count: 3000, seed: 21 });
    const of = (t: string) => a.filter((x) => x.technique === t).map((x) => x.text);
    const personas = of('community_persona');
    expect(personas.length).toBeGreaterThan(30);
    // Some in-the-wild templates only ask for a confirmation; the question follows later.
    expect(personas.some((t) => /" and wait for my/.test(t))).toBe(true);
    expect(of('rulesless_world_story').length).toBeGreaterThan(10);
    const casual = of('casual_extraction');
    expect(casual.length).toBeGreaterThan(30);
    expect(casual.filter((t) => /system prompt/i.test(t)).length / casual.length).toBeLessThan(0.2);
  });

  it('generates short human extraction, casual hijacks and frame-only personas without harm keywords', () => {
    const a = generateAttacks({ count: 4000, seed: 22 });
    const of = (t: string) => a.filter((x) => x.technique === t).map((x) => x.text);
    const short = of('short_human_extraction');
    expect(short.length).toBeGreaterThan(30);
    expect(short.filter((t) => /system prompt/i.test(t))).toEqual([]);
    expect(of('casual_hijack').length).toBeGreaterThan(30);
    const frames = of('persona_frame_only');
    expect(frames.length).toBeGreaterThan(30);
    // The frame is the jailbreak: none of these asks for a harmful behaviour by name.
    expect(frames.filter((t) => /\b(bomb|meth|ransomware|phishing|poison|weapon)\b/i.test(t))).toEqual([]);
  });
});
