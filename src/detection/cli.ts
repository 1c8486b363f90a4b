import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { CliRunner } from '../cli/runner.js';
import { parseDataset, detectFormat } from '../ml/dataset-io.js';
import { predict, predictBatch } from './engine.js';
import { evaluationReport, worstErrors, type EvalItem, type BinaryMetrics } from './evaluation.js';
import type { Context, EnsembleMethod } from './ensemble.js';

const list = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const pct = (x: number | null) => (x === null ? '   -  ' : `${(x * 100).toFixed(1).padStart(5)}%`);
const num = (x: number | null) => (x === null ? '  -  ' : x.toFixed(3));

function row(name: string, m: BinaryMetrics): string {
  return `${name.padEnd(40)} ${String(m.n).padStart(6)} ${pct(m.precision)} ${pct(m.recall)} ${pct(m.f1)} ${pct(m.fpr)}  ${num(m.roc_auc)}  ${pct(m.recall_at_1pct_fpr)} ${pct(m.recall_at_3pct_fpr)}`;
}
const HEADER = `${'name'.padEnd(40)} ${'n'.padStart(6)}   prec  recall     f1    fpr    auc    r@1%fpr r@3%fpr`;

/** `mlsec detect` and `mlsec eval`. */
export function registerCli(program: Command, run: CliRunner): void {
  program
    .command('detect')
    .description('Scan one text for prompt injection / jailbreak')
    .argument('<text>', 'text to scan (use - to read stdin)')
    .option('--models <list>', 'comma-separated models (default: default ensemble)', list)
    .option('--ensemble <method>', 'weighted_mean | max | stacked')
    .option('--threshold <p>', 'decision threshold 0..1', Number)
    .option('--context <ctx>', 'user | document', 'user')
    .option('--json', 'print the full JSON result')
    .action(
      async (
        text: string,
        o: {
          models?: string[];
          ensemble?: EnsembleMethod;
          threshold?: number;
          context: Context;
          json?: boolean;
        },
      ) => {
        const input = text === '-' ? readFileSync(0, 'utf8') : text;
        const p = await run((ctx) =>
          predict(ctx, {
            text: input,
            models: o.models,
            ensemble: o.ensemble,
            threshold: o.threshold,
            context: o.context,
            source: 'cli',
          }),
        );
        if (o.json) return void console.log(JSON.stringify(p, null, 2));
        console.log(
          `${p.is_attack ? 'ATTACK' : 'benign'}  label=${p.label}  attack_score=${p.attack_score.toFixed(3)}  threshold=${+p.threshold.toFixed(3)}  ensemble=${p.ensemble}  (${p.processing_time_ms.toFixed(1)} ms)`,
        );
        for (const m of p.model_results)
          console.log(
            `  ${m.model.padEnd(14)} ${m.version.padEnd(12)} attack=${m.attack_score.toFixed(3)} label=${m.label}${m.decided_by && m.decided_by.view !== 'raw' ? ` view=${m.decided_by.view}` : ''}`,
          );
        for (const r of p.matched_rules)
          console.log(
            `  rule ${r.rule_id} [${r.severity}, ${r.view}] "${r.match.slice(0, 80)}" - ${r.explanation}`,
          );
        for (const s of p.skipped_models) console.log(`  skipped ${s.model}: ${s.error}`);
      },
    );

  program
    .command('eval')
    .description('Evaluate detection on a labelled JSONL/CSV file (text, label[, source, hard_negative])')
    .requiredOption('--data <files>', 'comma-separated data files', list)
    .option('--models <list>', 'comma-separated models (default: default ensemble)', list)
    .option('--ensemble <method>', 'weighted_mean | max | stacked')
    .option('--threshold <p>', 'decision threshold 0..1', Number)
    .option('--context <ctx>', 'user | document', 'user')
    .option('--limit <n>', 'at most n records per file', Number)
    .option('--errors <n>', 'also list the n worst false positives and the n worst misses', Number)
    .option('--json', 'print the report as JSON')
    .action(
      async (o: {
        data: string[];
        models?: string[];
        ensemble?: EnsembleMethod;
        threshold?: number;
        context: Context;
        limit?: number;
        errors?: number;
        json?: boolean;
      }) => {
        if (o.errors !== undefined && !(Number.isInteger(o.errors) && o.errors >= 0))
          throw new Error('--errors must be a whole number >= 0');
        const records = o.data.flatMap((f) => {
          const content = readFileSync(f, 'utf8');
          const parsed = parseDataset(content, detectFormat(f, content), basename(f));
          if (parsed.issues.length)
            console.error(
              `${f}: ${parsed.issues.length} rows skipped (first: row ${parsed.issues[0].row}: ${parsed.issues[0].problem})`,
            );
          const recs = parsed.records.map((r) => ({ ...r, file: basename(f) }));
          return o.limit ? recs.slice(0, o.limit) : recs;
        });
        if (records.length === 0) throw new Error('no labelled records found in --data');
        const t0 = performance.now();
        const items: EvalItem[] = await run(async (ctx) => {
          const out: EvalItem[] = [];
          for (let s = 0; s < records.length; s += 64) {
            const batch = records.slice(s, s + 64);
            const preds = await predictBatch(
              ctx,
              batch.map((r) => r.text.slice(0, ctx.config.maxTextChars)),
              {
                models: o.models,
                ensemble: o.ensemble,
                threshold: o.threshold,
                context: o.context,
                source: 'eval',
                log: false,
                noCache: true,
              },
            );
            preds.forEach((p, k) =>
              out.push({
                label: batch[k].label,
                file: batch[k].file!,
                hardNegative: batch[k].hard_negative,
                score: p.attack_score,
                predicted: p.label,
                isAttack: p.is_attack,
                modelScores: Object.fromEntries(p.model_results.map((m) => [m.model, m.attack_score])),
                ...(o.errors ? { text: batch[k].text } : {}),
              }),
            );
            if (!o.json) process.stderr.write(`\r${out.length}/${records.length}`);
          }
          return out;
        });
        const report = evaluationReport(items);
        const errors = o.errors ? worstErrors(items, o.errors) : undefined;
        if (o.json) return void console.log(JSON.stringify(errors ? { ...report, errors } : report, null, 2));
        console.error(`\n${items.length} records in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
        console.log(HEADER);
        console.log(row('OVERALL (ensemble)', report.overall));
        for (const [m, r] of Object.entries(report.per_model)) console.log(row(`model ${m}`, r));
        console.log('\nper source file (attack-only files: AUC / recall@FPR against all benign records)');
        for (const [f, r] of Object.entries(report.per_file)) console.log(row(f, r));
        console.log(
          `\nhard negatives: ${report.hard_negatives.n}, false-positive rate ${pct(report.hard_negatives.fpr)}`,
        );
        const L = report.labels.labels;
        console.log('\nper label:');
        for (const l of L) {
          const c = report.labels.per_class[l];
          console.log(
            `  ${l.padEnd(18)} precision ${pct(c.precision)} recall ${pct(c.recall)} f1 ${pct(c.f1)} support ${c.support}`,
          );
        }
        console.log('\nconfusion matrix (rows = true, columns = predicted):');
        console.log(`${''.padEnd(18)} ${L.map((l) => l.slice(0, 10).padStart(10)).join(' ')}`);
        report.labels.confusion_matrix.forEach((r, i) =>
          console.log(`${L[i].padEnd(18)} ${r.map((v) => String(v).padStart(10)).join(' ')}`),
        );
        if (!errors) return;
        const show = (title: string, es: typeof errors.misses) => {
          console.log(`\n${title} (${es.length}):`);
          for (const e of es) {
            const models = Object.entries(e.model_scores)
              .map(([m, v]) => `${m}=${v.toFixed(2)}`)
              .join(' ');
            console.log(
              `  ${e.score.toFixed(3)} ${e.label}->${e.predicted} [${e.file}] ${models}\n    ${e.text}`,
            );
          }
        };
        show('worst false positives', errors.false_positives);
        show('worst misses', errors.misses);
      },
    );
}
