import type { Command } from 'commander';
import type { CliRunner } from './runner.js';
import { registerCli as detection } from '../detection/cli.js';
import { registerCli as training } from '../training/cli.js';
import { registerCli as redteam } from '../redteam/cli.js';

/** Each domain's subcommands (`src/<domain>/cli.ts`). */
export function registerDomainCommands(program: Command, run: CliRunner): void {
  detection(program, run);
  training(program, run);
  redteam(program, run);
}
