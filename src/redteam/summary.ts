/**
 * Pure campaign arithmetic: per-category and per-strategy tallies from per-attack outcomes.
 */
export interface Outcome {
  readonly category: string;
  readonly strategy: string;
  readonly technique: string;
  readonly detected: boolean;
  readonly success: boolean;
  readonly error?: string | null;
}

export interface Tally {
  attacks: number;
  detected: number;
  missed: number;
  errors: number;
  /** Share of judged attacks that got through (missed / (attacks - errors)); null when none judged. */
  success_rate: number | null;
  /** Share of judged attacks the target stopped. */
  detection_rate: number | null;
}

export interface CampaignSummary {
  total: Tally;
  by_category: Record<string, Tally>;
  by_strategy: Record<string, Tally>;
  by_technique: Record<string, Tally>;
  by_category_strategy: Record<string, Record<string, Tally>>;
}

function empty(): Tally {
  return { attacks: 0, detected: 0, missed: 0, errors: 0, success_rate: null, detection_rate: null };
}

function add(t: Tally, o: Outcome): void {
  t.attacks++;
  if (o.error) t.errors++;
  else if (o.success) t.missed++;
  else if (o.detected) t.detected++;
  else t.detected++; // neither flagged nor successful (LLM did not comply): the target held.
}

function finish(t: Tally): Tally {
  const judged = t.attacks - t.errors;
  t.success_rate = judged > 0 ? round(t.missed / judged) : null;
  t.detection_rate = judged > 0 ? round(t.detected / judged) : null;
  return t;
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/** Tallies outcomes overall, per category, per strategy, per technique and per (category, strategy). */
export function summarize(outcomes: Iterable<Outcome>): CampaignSummary {
  const s: CampaignSummary = { total: empty(), by_category: {}, by_strategy: {}, by_technique: {}, by_category_strategy: {} };
  for (const o of outcomes) {
    add(s.total, o);
    add((s.by_category[o.category] ??= empty()), o);
    add((s.by_strategy[o.strategy] ??= empty()), o);
    add((s.by_technique[`${o.category}/${o.technique}`] ??= empty()), o);
    add(((s.by_category_strategy[o.category] ??= {})[o.strategy] ??= empty()), o);
  }
  finish(s.total);
  for (const group of [s.by_category, s.by_strategy, s.by_technique]) for (const t of Object.values(group)) finish(t);
  for (const inner of Object.values(s.by_category_strategy)) for (const t of Object.values(inner)) finish(t);
  return s;
}

/** Renders a summary as fixed-width text tables (CLI output). */
export function formatSummary(s: CampaignSummary): string {
  const row = (name: string, t: Tally) =>
    `${name.padEnd(22)} ${String(t.attacks).padStart(7)} ${String(t.detected).padStart(8)} ${String(t.missed).padStart(7)} ${String(t.errors).padStart(6)} ${(t.detection_rate === null ? '-' : (t.detection_rate * 100).toFixed(1) + '%').padStart(9)}`;
  const head = (title: string) => `${title.padEnd(22)} ${'attacks'.padStart(7)} ${'detected'.padStart(8)} ${'missed'.padStart(7)} ${'errors'.padStart(6)} ${'detect%'.padStart(9)}`;
  const lines = [head('category'), ...Object.entries(s.by_category).map(([k, t]) => row(k, t)), row('TOTAL', s.total), '', head('strategy')];
  lines.push(...Object.entries(s.by_strategy).sort((a, b) => (a[1].detection_rate ?? 1) - (b[1].detection_rate ?? 1)).map(([k, t]) => row(k, t)));
  return lines.join('\n');
}
