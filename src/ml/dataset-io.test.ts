import { describe, expect, it } from 'vitest';
import { datasetHash, datasetProblems, datasetStats, detectFormat, mapLabel, parseDataset, textId, toJsonl } from './dataset-io.js';

describe('mapLabel', () => {
  it('maps the shared data labels to ours', () => {
    expect(mapLabel('injection', 'direct:ignore_previous_instructions')).toBe('prompt_injection');
    expect(mapLabel('injection', 'prompt_stealing')).toBe('system_extraction');
    expect(mapLabel('injection', 'system_extraction')).toBe('system_extraction');
    expect(mapLabel('jailbreak')).toBe('jailbreak');
    expect(mapLabel('Benign')).toBe('benign');
    expect(mapLabel('code_injection')).toBe('code_injection');
    expect(mapLabel('malicious')).toBeUndefined();
    expect(mapLabel(3)).toBeUndefined();
  });
});

describe('parseDataset', () => {
  it('parses JSONL and names every offending row', () => {
    const content = [
      JSON.stringify({ id: 'a', text: 'hello', label: 'benign', source: 's1' }),
      JSON.stringify({ id: 'b', text: 'ignore previous', label: 'injection', category: 'direct:x' }),
      '',
      '{not json',
      JSON.stringify({ id: 'c', label: 'benign' }),
      JSON.stringify({ id: 'd', text: 'x', label: 'evil' }),
      JSON.stringify({ id: 'a', text: 'again', label: 'benign' }),
    ].join('\n');
    const r = parseDataset(content, 'jsonl', 'mine.jsonl');
    expect(r.records.map((x) => x.id)).toEqual(['a', 'b']);
    expect(r.records[1]).toMatchObject({ label: 'prompt_injection', source: 'mine.jsonl', file: 'mine.jsonl', category: 'direct:x' });
    expect(r.issues.map((i) => i.row)).toEqual([4, 5, 6, 7]);
    expect(r.issues[1].problem).toMatch(/missing or empty `text`/);
    expect(r.issues[2].problem).toMatch(/unknown label "evil"/);
    expect(r.issues[3].problem).toMatch(/duplicate id 'a' \(first seen on row 1\)/);
  });

  it('parses CSV with quoted commas and newlines, derives ids, skips repeated texts', () => {
    const csv = 'text,label,source\n"Hello, world",benign,web\n"multi\nline attack",jailbreak,web\n"Hello, world",benign,web\n';
    const r = parseDataset(csv, 'csv', 'up.csv');
    expect(r.records).toHaveLength(2);
    expect(r.records[1].text).toBe('multi\nline attack');
    expect(r.records[0].id).toBe(textId('Hello, world'));
    expect(r.skipped).toBe(1);
    expect(parseDataset('foo,bar\n1,2\n', 'csv').issues[0].problem).toMatch(/header must include/);
  });

  it('refuses one-class datasets and empty ones', () => {
    const one = parseDataset(JSON.stringify({ text: 'x', label: 'benign' }), 'jsonl');
    expect(datasetProblems(one)[0].problem).toMatch(/only one class/);
    expect(datasetProblems(parseDataset('', 'jsonl'))[0].problem).toMatch(/no usable records/);
  });

  it('hash ignores order but not content; stats count labels, sources and files', () => {
    const a = parseDataset('{"text":"a b","label":"benign"}\n{"text":"c d","label":"jailbreak"}', 'jsonl', 'f').records;
    expect(datasetHash(a)).toBe(datasetHash([...a].reverse()));
    expect(datasetHash(a)).not.toBe(datasetHash([a[0], { ...a[1], label: 'benign' }]));
    expect(datasetStats(a)).toEqual({ total: 2, by_label: { benign: 1, jailbreak: 1 }, by_source: { f: 2 }, by_file: { f: 2 } });
    expect(parseDataset(toJsonl(a), 'jsonl', 'f').records).toEqual(a);
  });

  it('detects the format', () => {
    expect(detectFormat('x.csv', '{')).toBe('csv');
    expect(detectFormat(undefined, '{"a":1}')).toBe('jsonl');
    expect(detectFormat(undefined, 'text,label')).toBe('csv');
  });
});
