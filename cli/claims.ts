#!/usr/bin/env node
/**
 * `claims <command> ...`: command-line entry for the pure X12 tools (`npx claims --help`).
 * Each command lives in cli/commands/<name>.ts and exports `run(args): Promise<number>` and `usage`.
 * The process ends by itself once stdout is drained (never process.exit, which would cut a
 * large output short when stdout is a pipe); a reader that closes the pipe early ends it quietly.
 */
import * as era from './commands/835';
import * as claim from './commands/837p';
import * as ack from './commands/ack';

type Command = { run(args: string[]): Promise<number>; usage: string };

const commands: Record<string, Command> = { '837p': claim, '835': era, ack };

function help(): string {
  const lines = ['usage: claims <command> [options]', '', 'commands:'];
  for (const command of Object.values(commands)) lines.push(`  ${command.usage.split('\n').join('\n  ')}`);
  lines.push('', 'claims <command> --help prints the options of one command.');
  return `${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help());
    return 0;
  }
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(name ? `claims: unknown command "${name}"\n${help()}` : help());
    return 2;
  }
  return command.run(rest);
}

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  // The reader went away (e.g. `claims 835 f | head`): nothing more to say.
  if (err.code === 'EPIPE') process.exitCode ??= 0;
  else throw err;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`claims: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
