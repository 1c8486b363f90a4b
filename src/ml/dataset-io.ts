/**
 * Training-data parsing and validation (pure: strings in, values out).
 *
 * Accepts JSONL (one object per line) or CSV with a header row. Columns: `text`, `label`,
 * optional `id`, `source`, `category`, `hard_negative`. Labels of the shared data files are
 * mapped to ours: `injection` -> `prompt_injection`, or `system_extraction` when the category
 * says the attack steals/extracts the prompt; `jailbreak` and `benign` keep their name; our own
 * label names are accepted as they are.
 */
import { createHash } from 'node:crypto';
import { parse as parseCsvSync } from 'csv-parse/sync';
import { LABELS, isLabel, type Label } from './labels.js';

export interface DatasetRecord {
  id: string;
  text: string;
  label: Label;
  /** Where the text came from (the data file's `source`, else the import's file name). */
  source: string;
  category?: string;
  hard_negative?: boolean;
  /** The file (or generator) this record was imported from; used for leave-source-out. */
  file?: string;
}

export interface RowIssue {
  /** 1-based line (JSONL) or data row (CSV, header excluded). */
  row: number;
  id?: string;
  problem: string;
}

export interface ParseResult {
  records: DatasetRecord[];
  issues: RowIssue[];
  /** Rows skipped on purpose (e.g. repeated text without an explicit id). */
  skipped: number;
}

export type DatasetFormat = 'jsonl' | 'csv';

const EXTRACTION_RE = /prompt[\s_-]*(stealing|leak|extraction)|system[\s_-]*extraction|extract(ion)?[\s_-]*(of[\s_-]*)?(the[\s_-]*)?system/i;

/** Map a raw label (+ category) to ours; `undefined` when the label is unknown. */
export function mapLabel(raw: unknown, category?: string): Label | undefined {
  if (typeof raw !== 'string') return undefined;
  const l = raw.trim().toLowerCase().replace(/[\s-]+/g, '_');
  if (l === 'injection' || l === 'prompt_injection') {
    return category && EXTRACTION_RE.test(category) ? 'system_extraction' : 'prompt_injection';
  }
  if (l === 'safe' || l === 'clean') return 'benign';
  return isLabel(l) ? l : undefined;
}

/** The shared data's id: first 16 hex of SHA-1 of the text lowercased, whitespace collapsed. */
export function textId(text: string): string {
  return createHash('sha1').update(text.toLowerCase().replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 16);
}

interface RawRow {
  row: number;
  obj: Record<string, unknown>;
}

function toRecords(rows: RawRow[], defaultSource: string, file: string | undefined): ParseResult {
  const records: DatasetRecord[] = [];
  const issues: RowIssue[] = [];
  const explicitIds = new Map<string, number>();
  const derivedIds = new Set<string>();
  let skipped = 0;
  for (const { row, obj } of rows) {
    const idRaw = obj.id;
    const id = typeof idRaw === 'string' && idRaw.trim() !== '' ? idRaw.trim() : typeof idRaw === 'number' ? String(idRaw) : undefined;
    const text = obj.text;
    if (typeof text !== 'string' || text.trim() === '') {
      issues.push({ row, id, problem: 'missing or empty `text`' });
      continue;
    }
    const category = typeof obj.category === 'string' && obj.category !== '' ? obj.category : undefined;
    const label = mapLabel(obj.label, category);
    if (!label) {
      issues.push({ row, id, problem: `unknown label ${JSON.stringify(obj.label ?? null)}; known: ${LABELS.join(', ')}, injection` });
      continue;
    }
    let finalId: string;
    if (id !== undefined) {
      const prev = explicitIds.get(id);
      if (prev !== undefined) {
        issues.push({ row, id, problem: `duplicate id '${id}' (first seen on row ${prev})` });
        continue;
      }
      explicitIds.set(id, row);
      finalId = id;
    } else {
      finalId = textId(text);
      // The same text twice without ids is a repeat, not a conflict: keep the first copy.
      if (derivedIds.has(finalId) || explicitIds.has(finalId)) {
        skipped++;
        continue;
      }
    }
    derivedIds.add(finalId);
    const hn = obj.hard_negative;
    records.push({
      id: finalId,
      text: text.trim(),
      label,
      source: typeof obj.source === 'string' && obj.source !== '' ? obj.source : defaultSource,
      ...(category ? { category } : {}),
      ...(hn === true || hn === 'true' || hn === '1' ? { hard_negative: true } : {}),
      ...(file ? { file } : {}),
    });
  }
  return { records, issues, skipped };
}

/**
 * Parse a JSONL or CSV document. Never throws for bad rows: they are returned as `issues`
 * (row number + reason) so callers can refuse the whole import and name every offender.
 * `file` names the import (used as default `source` and for leave-source-out splits).
 */
export function parseDataset(content: string, format: DatasetFormat, file = 'upload'): ParseResult {
  const rows: RawRow[] = [];
  const issues: RowIssue[] = [];
  if (format === 'jsonl') {
    const lines = content.split(/\r?\n/);
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        const obj = JSON.parse(line) as unknown;
        if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) issues.push({ row: i + 1, problem: 'line is not a JSON object' });
        else rows.push({ row: i + 1, obj: obj as Record<string, unknown> });
      } catch (e) {
        issues.push({ row: i + 1, problem: `invalid JSON: ${(e as Error).message}` });
      }
    });
  } else {
    let parsed: Record<string, unknown>[];
    try {
      parsed = parseCsvSync(content, { columns: true, skip_empty_lines: true, bom: true, relax_column_count: false, trim: false }) as Record<string, unknown>[];
    } catch (e) {
      return { records: [], issues: [{ row: 0, problem: `invalid CSV: ${(e as Error).message}` }], skipped: 0 };
    }
    if (parsed.length > 0 && !('text' in parsed[0] && 'label' in parsed[0])) {
      return { records: [], issues: [{ row: 0, problem: 'CSV header must include `text` and `label` columns' }], skipped: 0 };
    }
    parsed.forEach((obj, i) => rows.push({ row: i + 1, obj }));
  }
  const res = toRecords(rows, file, file);
  return { records: res.records, issues: [...issues, ...res.issues].sort((a, b) => a.row - b.row), skipped: res.skipped };
}

/** Guess the format from a file name or content (a leading `{` means JSONL). */
export function detectFormat(name: string | undefined, content: string): DatasetFormat {
  if (name?.toLowerCase().endsWith('.csv')) return 'csv';
  if (name?.toLowerCase().match(/\.jsonl?$/)) return 'jsonl';
  return content.trimStart().startsWith('{') ? 'jsonl' : 'csv';
}

export interface DatasetStats {
  total: number;
  by_label: Partial<Record<Label, number>>;
  by_source: Record<string, number>;
  by_file: Record<string, number>;
}

export function datasetStats(records: readonly DatasetRecord[]): DatasetStats {
  const by_label: Partial<Record<Label, number>> = {};
  const by_source: Record<string, number> = {};
  const by_file: Record<string, number> = {};
  for (const r of records) {
    by_label[r.label] = (by_label[r.label] ?? 0) + 1;
    by_source[r.source] = (by_source[r.source] ?? 0) + 1;
    if (r.file) by_file[r.file] = (by_file[r.file] ?? 0) + 1;
  }
  return { total: records.length, by_label, by_source, by_file };
}

/**
 * Whole-dataset checks on top of the per-row ones: a training set needs at least two classes.
 * Returns the problems (empty = usable).
 */
export function datasetProblems(parsed: ParseResult): RowIssue[] {
  const problems = [...parsed.issues];
  const labels = new Set(parsed.records.map((r) => r.label));
  if (parsed.records.length === 0) problems.push({ row: 0, problem: 'no usable records' });
  else if (labels.size < 2) problems.push({ row: 0, problem: `only one class present ('${[...labels][0]}'); training needs at least two` });
  return problems;
}

/**
 * Content hash of a dataset: SHA-256 over the records sorted by id, so the same records in a
 * different order (or from a re-export) hash the same, and any change to a text or label does not.
 */
export function datasetHash(records: readonly DatasetRecord[]): string {
  const h = createHash('sha256');
  const sorted = [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const r of sorted) h.update(JSON.stringify([r.id, r.text, r.label, r.source, r.category ?? null]) + '\n');
  return h.digest('hex');
}

/** Serialise records back to JSONL (for storing a dataset version as an artifact). */
export function toJsonl(records: readonly DatasetRecord[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + (records.length ? '\n' : '');
}
