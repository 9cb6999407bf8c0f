// `npm start` runs this first: it builds the console when the build is missing or older than its sources, so a
// fresh clone serves its pages and an unchanged one starts at once.
import { consoleBuildIsStale, ensureConsoleBuilt } from './console-build.ts';

try {
  await ensureConsoleBuilt((line) => console.log(line));
} catch (error) {
  // Without the build tools (an install without dev dependencies) the ledger still starts; its pages say how to build.
  if (!consoleBuildIsStale()) throw error;
  console.warn(`the console could not be built (${(error as Error).message}); the ledger starts without it: run \`npm run build:console\``);
}
