import { LABELS, type Label } from '../../ml/labels.js';
import type { DetectorResult, Finding, View } from '../types.js';
import type { Detector, LoadedDetector } from './types.js';
import { RULES, type Rule } from './rules-table.js';
import { buildPrefilter, type Prefiltered } from './rules-prefilter.js';

/** P(attack) a single strong / weak rule contributes; combined as independent evidence. */
const STRONG = 0.92;
const WEAK = 0.3;
const BASELINE = 0.03;
/** The rule table's version: bump when rules change so logged predictions stay traceable. */
export const RULES_VERSION = `rules-${RULES.length}.2`;

/** `re` searches (global); `sticky` matches only at lastIndex, for rules tried at their starts. */
type Compiled = readonly { rule: Rule; re: RegExp; sticky: RegExp }[];

const COMPILED: Compiled = RULES.map((r) => {
  const flags = r.pattern.flags.replace(/[gy]/g, '');
  return {
    rule: r,
    re: new RegExp(r.pattern.source, flags + 'g'),
    sticky: new RegExp(r.pattern.source, flags + 'y'),
  };
});

// One literal pass per view tells which rules can match at all (see rules-prefilter.ts).
const prefilters = new WeakMap<Compiled, (text: string) => Prefiltered>();
function prefilterOf(rules: Compiled) {
  let p = prefilters.get(rules);
  if (!p) {
    p = buildPrefilter(rules.map((r) => r.re));
    prefilters.set(rules, p);
  }
  return p;
}

// Talking *about* attacks ("what is prompt injection?", "how do I defend against 'ignore previous
// instructions'?") is benign; quoted attack phrases inside such a question are demoted to weak.
const META =
  /\b(?:what (?:is|are)|explain|how (?:do|can|does|to|should)|defend|protect|detect|prevent|mitigat\w*|examples? of|research|paper|article|blog|essay|classif\w+|is it (?:safe|possible))\b[^\n]{0,80}\b(?:prompt[- ]injection|jailbreak\w*|injection attacks?|adversarial prompts?|llm security)\b|\b(?:prompt[- ]injection|jailbreak\w*)\b[^\n]{0,80}\b(?:work|mean|defen[cs]e|prevent|detect|example|attack|risk)/i;

// Talk about attack phrases without the words "prompt injection": "why do attackers write
// 'X'?", "is 'X' still effective against modern models?", "should a filter flag a user who...".
const META_PHRASE =
  /\b(?:why (?:do|does|did|would) attackers?|attackers? (?:write|use|try)|still (?:effective|works?) against|false positives?|(?:filter|classifier|detector|moderation) (?:flag|block|catch)|flag a user)\b/i;

// Fiction about an AI ("for my screenplay: a rogue AI...", "a story about a robot that claims it
// has no rules"): a persona phrase there describes a character, not the reader. Demoted to weak
// unless the text also addresses the model directly as that persona (unquoted "you are ...",
// "from now on", "stay in character"...), which is how role-play jailbreaks are written.
const FICTION =
  /\b(?:(?:short |bedtime |children's )?stor(?:y|ies)|screenplay|(?:film|movie|game|tv|stage) script|comic|novel(?:la)?|poem|verses?|fiction|fairy tale|short film|stage play|narrat\w+|describe a world|world where)\b/i;
const ADDRESSED =
  /\b(?:you are(?! writing)|you're|act as|pretend (?:to be|you)|from (?:now|this moment) on|respond as|answer as|reply as|stay in character|you will (?:be|now|roleplay|role-play|play|act)|become|roleplay as|role-play as)\b/i;
// ...or asks, through the story, for working instructions: the usual fiction-wrapped jailbreak.
const INSTRUCTIONS_ASK =
  /\b(?:step[- ]by[- ]step|step by sep|in (?:full |technical |exact )?detail|word for word|exact (?:quantities|amounts|steps|instructions)|no vague|realistic and accurate|(?:explains?|shows?|teach(?:es)?|tells?|asked|describes?)\b[^.\n]{0,40}\bhow to)\b/i;

function fictionDescribes(rule: Rule, text: string, start: number, end: number): boolean {
  if (!rule.id.startsWith('persona.') || !FICTION.test(text) || INSTRUCTIONS_ASK.test(text)) return false;
  // The phrase itself is quoted (a character's line), even if the match starts before the quote.
  if (insideQuotes(text, start, end) || insideQuotes(text, Math.max(start, end - 1), end)) return true;
  // Remove quoted passages before asking whether the text addresses the model itself.
  const unquoted = text.replace(/"[^"\n]{0,300}"|“[^”\n]{0,300}”/g, ' ');
  return !ADDRESSED.test(unquoted);
}

function insideQuotes(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 120), start);
  const after = text.slice(end, end + 120);
  for (const [o, c] of [
    ['"', '"'],
    ['“', '”'],
    ["'", "'"],
    ['`', '`'],
  ] as const) {
    const oi = before.lastIndexOf(o);
    if (oi >= 0 && before.indexOf(c, oi + 1) === -1 && after.includes(c)) return true;
  }
  return false;
}

// Long texts are scanned in overlapping windows: a backtracking-prone pattern then costs at
// most WINDOW^2 per window instead of n^2 over a 100,000-character input (no request can hang).
// Every rule match is far shorter than the overlap, so no match is lost at a boundary.
const WINDOW = 4000;
const OVERLAP = 500;

function execWindowed(
  re: RegExp,
  sticky: RegExp,
  text: string,
  starts: readonly number[] | null | undefined,
): { m: RegExpExecArray; offset: number } | undefined {
  let k = 0; // next start position to try
  for (let start = 0; start < text.length || start === 0; start += WINDOW - OVERLAP) {
    const part = text.length <= WINDOW ? text : text.slice(start, start + WINDOW);
    if (starts) {
      // Every match begins at a start literal: trying the sticky regex at each of them, in
      // order, finds the same leftmost match as searching the whole window.
      while (k < starts.length && starts[k] < start) k++;
      for (let j = k; j < starts.length && starts[j] < start + part.length; j++) {
        sticky.lastIndex = starts[j] - start;
        const m = sticky.exec(part);
        if (m) return { m, offset: start };
      }
    } else {
      re.lastIndex = 0;
      const m = re.exec(part);
      if (m) return { m, offset: start };
    }
    if (start + WINDOW >= text.length) break;
  }
  return undefined;
}

/**
 * Pure: all rule matches in all views. A match found in several views (raw and normalized) is
 * reported once, from the first view (raw wins), so findings point at the text the user sent.
 */
export function matchRules(
  views: readonly View[],
  rules: Compiled = COMPILED,
  opts: { prefilter?: boolean } = {},
): Finding[] {
  const findings: Finding[] = [];
  const seenRule = new Set<string>();
  const raw = views[0]?.text ?? '';
  // Only needed to demote a strong finding: evaluated at the first one, not for every text.
  let meta: boolean | undefined;
  const prefilter = opts.prefilter === false ? undefined : prefilterOf(rules);
  for (const v of views) {
    const pre = prefilter?.(v.text);
    for (let r = 0; r < rules.length; r++) {
      const { rule, re, sticky } = rules[r];
      if (seenRule.has(rule.id) || (pre && !pre.candidates[r])) continue;
      const hit = execWindowed(re, sticky, v.text, pre?.starts[r]);
      if (!hit) continue;
      const { m, offset } = hit;
      seenRule.add(rule.id);
      const span: [number, number] = [offset + m.index, offset + m.index + m[0].length];
      const aboutAttacks =
        rule.severity === 'strong' &&
        (meta ??= META.test(raw) || META_PHRASE.test(raw)) &&
        (insideQuotes(v.text, span[0], span[1]) || raw.trim().endsWith('?'));
      const fiction =
        rule.severity === 'strong' && !aboutAttacks && fictionDescribes(rule, v.text, span[0], span[1]);
      const demote = aboutAttacks || fiction;
      findings.push({
        detector: 'rules',
        ruleId: rule.id,
        label: rule.label,
        severity: demote ? 'weak' : rule.severity,
        explanation: aboutAttacks
          ? `${rule.explanation} (quoted inside a question about attacks: treated as weak)`
          : fiction
            ? `${rule.explanation} (describes a character in fiction: treated as weak)`
            : rule.explanation,
        view: v.view,
        span,
        match: m[0].slice(0, 200),
      });
    }
  }
  return findings;
}

/** Pure: turn findings into P(attack) and a label distribution. */
export function scoreFindings(
  findings: readonly Finding[],
): Pick<DetectorResult, 'attackScore' | 'probabilities'> {
  let benign = 1 - BASELINE;
  const mass: Record<string, number> = {};
  for (const f of findings) {
    const w = f.severity === 'strong' ? STRONG : WEAK;
    benign *= 1 - w;
    mass[f.label] = (mass[f.label] ?? 0) + w;
  }
  const attack = 1 - benign;
  const probabilities = Object.fromEntries(LABELS.map((l) => [l, 0])) as Record<Label, number>;
  probabilities.benign = 1 - attack;
  const total = Object.values(mass).reduce((a, b) => a + b, 0);
  if (total === 0) {
    // No evidence for a specific attack type: spread the baseline evenly.
    for (const l of LABELS) if (l !== 'benign') probabilities[l] = attack / (LABELS.length - 1);
  } else {
    for (const [l, m] of Object.entries(mass)) probabilities[l as Label] = (attack * m) / total;
  }
  return { attackScore: attack, probabilities };
}

export function rulesResult(views: readonly View[]): DetectorResult {
  const findings = matchRules(views);
  const s = scoreFindings(findings);
  return {
    detector: 'rules',
    version: RULES_VERSION,
    ...s,
    findings,
    decidedBy: findings[0] ? { view: findings[0].view, chunk: 0 } : undefined,
  };
}

export const rules: Detector = {
  id: 'rules',
  title:
    'Signature rules (instruction override, personas, extraction, refusal suppression, delimiters, code injection)',
  kind: 'rules',
  async load(): Promise<LoadedDetector> {
    return {
      id: 'rules',
      version: RULES_VERSION,
      memoryBytes: 0,
      info: { rules: RULES.length, ids: RULES.map((r: Rule) => r.id) },
      // Regexes are linear in the text, so rules scan whole views without chunking.
      detect: async (items) => items.map(rulesResult),
    };
  },
};
