import type { Command } from 'commander';
import type { CliRunner } from './runner.js';

/** Each domain's subcommands (`src/<domain>/cli.ts`). */
export function registerDomainCommands(_program: Command, _run: CliRunner): void {}
