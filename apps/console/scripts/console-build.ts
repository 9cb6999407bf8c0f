import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The console package and its build. */
const consoleRoot = join(import.meta.dirname, '..');
export const consoleDist = join(consoleRoot, 'dist');

/** Newest modification time among the build's inputs: sources (not their tests), the page, the build configuration, the package. */
function newestInput(): number {
  let newest = 0;
  const visit = (path: string) => {
    const stat = statSync(path);
    if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
    else if (!path.endsWith('.test.ts')) newest = Math.max(newest, stat.mtimeMs);
  };
  for (const input of ['src', 'index.html', 'vite.config.ts', 'package.json']) visit(join(consoleRoot, input));
  return newest;
}

export function consoleBuildIsStale(): boolean {
  const built = join(consoleDist, 'index.html');
  return !existsSync(built) || statSync(built).mtimeMs < newestInput();
}

/**
 * Builds the console when its build is missing or older than a source. Several processes may ask at once (test
 * files run in parallel): a lock folder lets one build while the others wait, then find the build fresh.
 */
export async function ensureConsoleBuilt(log: (line: string) => void = () => {}): Promise<void> {
  if (!consoleBuildIsStale()) return;
  const lock = join(consoleRoot, '.build-lock');
  for (const deadline = Date.now() + 180_000; ; ) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock older than any build is left by a killed process.
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`waited 3 minutes for ${lock}; remove it if no build is running`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    if (!consoleBuildIsStale()) return;
    log('building the console (vite build)…');
    const started = performance.now();
    await viteBuild();
    log(`console built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * `vite build` in a process of its own with NODE_ENV=production: a test runner's NODE_ENV=test would otherwise
 * make Vite bundle React's and the component library's development builds (slow, and not what is shipped).
 */
function viteBuild(): Promise<void> {
  const vite = join(dirname(createRequire(join(consoleRoot, 'package.json')).resolve('vite/package.json')), 'bin', 'vite.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: consoleRoot, env: { ...process.env, NODE_ENV: 'production' }, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))));
  });
}
