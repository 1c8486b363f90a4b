/**
 * Run the detection CLI without the main `mlsec` binary (until the lead wires it):
 *   npx tsx scripts/detection-cli.ts eval --data ../shared/data/promptmap_rules.jsonl
 *   npx tsx scripts/detection-cli.ts detect "Ignore previous instructions"
 */
import { Command } from 'commander';
import { registerCli } from '../src/detection/cli.js';
import { runWithContext, reportCliError } from '../src/cli/runner.js';

const program = new Command('mlsec-detection');
registerCli(program, runWithContext);
program.parseAsync(process.argv).catch(reportCliError);
