import { spawn } from 'node:child_process';

/**
 * `npm run checks`: lint, typecheck and the boundary check side by side (each waits on its own files, and the three
 * in a row left a core idle for most of a minute), with the console's build beside them: the browser tests serve it,
 * and the first of them would otherwise build it inside its set-up (44 s of a 120 s budget at load 30). Each step's
 * output is printed whole when it ends, so they never interleave; the command fails when any of them fails, after all
 * have ended.
 */
const checks = ['lint', 'typecheck', 'boundaries', 'build:console'] as const;

interface Outcome {
  check: string;
  code: number;
  seconds: number;
  output: string;
}

function run(check: string): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', check], { stdio: ['ignore', 'pipe', 'pipe'] });
    const output: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    child.on('close', (code, signal) => {
      const seconds = (performance.now() - started) / 1000;
      resolve({ check, code: code ?? (signal ? 1 : 0), seconds, output: Buffer.concat(output).toString() });
    });
  });
}

const outcomes = await Promise.all(
  checks.map(async (check) => {
    const outcome = await run(check);
    process.stdout.write(`${outcome.output.trimEnd()}\n${outcome.code === 0 ? 'ok' : 'FAILED'}: npm run ${check} (${outcome.seconds.toFixed(1)} s)\n\n`);
    return outcome;
  }),
);
const failed = outcomes.filter((outcome) => outcome.code !== 0).map((outcome) => outcome.check);
if (failed.length > 0) {
  console.error(`checks failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
