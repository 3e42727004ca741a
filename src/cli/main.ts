import { Command, CommanderError } from 'commander';
import { CliError } from '../core/errors.js';
import { processIO, type CliIO } from './io.js';
// Each command file defines its options here and loads its heavy modules lazily inside its action.
import { define as defineStart } from './commands/start.js';
import { define as defineInit } from './commands/init.js';
import { define as defineKeys } from './commands/keys.js';
import { define as defineKill } from './commands/kill.js';
import { define as defineReviews } from './commands/reviews.js';
import { define as definePolicy } from './commands/policy.js';
import { define as defineAudit } from './commands/audit.js';
import { define as defineScan } from './commands/scan.js';
import { define as defineSystems } from './commands/systems.js';
import { define as defineSuppliers } from './commands/suppliers.js';
import { define as defineRisks } from './commands/risks.js';
import { define as defineAssessments } from './commands/assessments.js';
import { define as defineIncidents } from './commands/incidents.js';
import { define as defineDiscover } from './commands/discover.js';
import { define as defineGap } from './commands/gap.js';
import { define as defineEvidence } from './commands/evidence.js';
import { define as defineSoa } from './commands/soa.js';
import { define as defineAttest } from './commands/attest.js';
import { define as defineAccounts } from './commands/accounts.js';
import { define as defineTokens } from './commands/tokens.js';
import { define as defineMcp } from './commands/mcp.js';

/** Builds the `warden` program; exported for tests. */
export function buildProgram(io: CliIO = processIO): Command {
  const program = new Command('warden')
    .description('Warden: runtime AI-governance gateway')
    .version('0.1.0')
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride();
  defineStart(program, io);
  defineInit(program, io);
  defineKeys(program, io);
  defineKill(program, io);
  defineReviews(program, io);
  definePolicy(program, io);
  defineAudit(program, io);
  defineScan(program, io);
  defineSystems(program, io);
  defineSuppliers(program, io);
  defineRisks(program, io);
  defineAssessments(program, io);
  defineIncidents(program, io);
  defineDiscover(program, io);
  defineGap(program, io);
  defineEvidence(program, io);
  defineSoa(program, io);
  defineAttest(program, io);
  defineAccounts(program, io);
  defineTokens(program, io);
  defineMcp(program, io);
  return program;
}

/** Entry point: one place turns errors into exit codes (1 error, 2 tests failed). */
export async function main(argv: string[], io: CliIO = processIO): Promise<void> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode;
      return;
    }
    if (err instanceof CliError) {
      io.err(`warden: ${err.message}\n`);
      process.exitCode = err.exitCode;
      return;
    }
    throw err;
  }
}
