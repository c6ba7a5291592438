#!/usr/bin/env node
/**
 * `claims <command> ...`: command-line entry for the pure X12 tools.
 * Each command lives in cli/commands/<name>.ts and exports `run(args): Promise<number>`.
 */
const commands: Record<string, () => Promise<{ run(args: string[]): Promise<number>; usage: string }>> = {
  '837p': () => import('./commands/837p'),
  '835': () => import('./commands/835'),
  ack: () => import('./commands/ack'),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const load = name ? commands[name] : undefined;
  if (!load) {
    process.stderr.write(`usage: claims <${Object.keys(commands).join('|')}> ...\n`);
    return 2;
  }
  const command = await load();
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`claims: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
