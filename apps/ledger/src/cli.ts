#!/usr/bin/env node
import { processIo } from './cli/io.ts';
import { runLedgerCli } from './cli/run.ts';

// `npx ledger <command>` (or `npm run ledger -- <command>`): the auditor's tools (replay, verify, checkpoint). Wiring only.
try {
  process.exitCode = await runLedgerCli(process.argv.slice(2), processIo());
} catch (error) {
  // Not a usage problem (those are answered inside): the database or the ledger failed; show all of it.
  console.error(error);
  process.exitCode = 2;
}
