/**
 * I/O shell around `ml/dataset-io.ts`: read data files from disk, and turn red-team generator
 * output into dataset records.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { detectFormat, parseDataset, type DatasetRecord, type ParseResult } from '../ml/dataset-io.js';
import type { Label } from '../ml/labels.js';

/** The shared data files a shipped model may train on (MIT, Apache-2.0, CC0, CC-BY). */
export const PERMISSIVE_FILES = [
  'cyberseceval_prompt_injection.jsonl',
  'bipia_documents.jsonl',
  'pallms_payloads.jsonl',
  'giskard_hijacking.jsonl',
  'jailbreakbench_artifacts.jsonl',
  'gpteacher_benign.jsonl',
  'awesome_chatgpt_prompts_benign.jsonl',
  'self_instruct_benign.jsonl',
  'gsm8k_benign.jsonl',
] as const;

/** GPL / non-commercial files: evaluation only, never in a shipped model. */
export const EVALUATION_ONLY_FILES = [
  'promptmap_rules.jsonl',
  'easyjailbreak_templates.jsonl',
  'instructionwild_benign.jsonl',
] as const;

/** Read and parse one file; `file` on every record is the file's base name. Throws on I/O errors. */
export function readDataFile(path: string): ParseResult {
  const content = readFileSync(path, 'utf8');
  const name = basename(path);
  return parseDataset(content, detectFormat(name, content), name);
}

export interface GeneratedAttack {
  text: string;
  category: Label;
  technique?: string;
}

export interface GeneratedBenign {
  text: string;
  kind: string;
}

/** Generator output as records: `file` = `redteam:<category>` / `redteam:benign`. */
export function generatedToRecords(
  attacks: readonly GeneratedAttack[],
  benign: readonly GeneratedBenign[],
  seed: number,
): DatasetRecord[] {
  const out: DatasetRecord[] = [];
  const seen = new Set<string>();
  const push = (r: DatasetRecord) => {
    const key = r.text.toLowerCase().replace(/\s+/g, ' ');
    if (seen.has(key)) return;
    seen.add(key);
    out.push(r);
  };
  attacks.forEach((a, i) =>
    push({
      id: `gen-${seed}-a${i}`,
      text: a.text,
      label: a.category,
      source: `redteam:${a.category}`,
      category: a.technique,
      file: `redteam:${a.category}`,
    }),
  );
  benign.forEach((b, i) =>
    push({
      id: `gen-${seed}-b${i}`,
      text: b.text,
      label: 'benign',
      source: 'redteam:benign',
      category: b.kind,
      hard_negative: true,
      file: 'redteam:benign',
    }),
  );
  return out;
}

/**
 * The embedding head's capped training sample (sentence encoding is the expensive part): at most
 * `maxBenignPerFile` benign rows per public file and `maxGenerated` generated benign rows plus a
 * quarter as many per attack category; every public attack row is kept. Deterministic (first
 * rows win), so the shipped-model script and the ensemble fit train on the same rows.
 */
export function embeddingSample(
  pub: readonly DatasetRecord[],
  gen: readonly DatasetRecord[],
  maxBenignPerFile: number,
  maxGenerated: number,
): DatasetRecord[] {
  const seen = new Map<string, number>();
  const keep = (key: string, max: number) => {
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return n < max;
  };
  return [
    ...pub.filter((r) => r.label !== 'benign' || keep(`pub:${r.file}`, maxBenignPerFile)),
    ...gen.filter((r) =>
      keep(`gen:${r.label}`, r.label === 'benign' ? maxGenerated : Math.ceil(maxGenerated / 4)),
    ),
  ];
}
