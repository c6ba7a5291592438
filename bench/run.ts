/**
 * `npm run bench`: runs every bench/*.bench.ts (or those named on the command line)
 * and prints their figures. Benchmarks print numbers; they never pass or fail on time.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  for (const file of files) {
    const mod = (await import(path.join(__dirname, file))) as { default: () => Promise<void> };
    console.log(`\n## ${file.replace('.bench.ts', '')}`);
    await mod.default();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
