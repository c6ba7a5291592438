/**
 * What the reading commands share: one file argument, read whole; a malformed X12 file is
 * reported with its code and where, exit 1; a usage error, exit 2; --help, the usage on stdout.
 */
import { readFile } from 'node:fs/promises';
import { MalformedX12Error, type Finding } from '../../x12/read';

export async function readOneFile(
  command: string,
  usage: string,
  args: string[],
  read: (bytes: Buffer, file: string) => Promise<number>,
): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`usage: ${usage}\n`);
    return 0;
  }
  const [file] = args;
  if (!file || args.length !== 1) {
    process.stderr.write(`usage: ${usage}\n`);
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    process.stderr.write(`claims ${command}: ${file}: cannot read: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  try {
    return await read(bytes, file);
  } catch (err) {
    if (err instanceof MalformedX12Error) {
      process.stderr.write(`claims ${command}: ${file}: malformed (${err.code}): ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

/** Findings on stderr, one a line, after a count: the same form for every reading command. */
export function printFindings(command: string, file: string, findings: readonly Finding[]): void {
  if (findings.length === 0) return;
  const errors = findings.filter((f) => f.severity === 'error').length;
  const lines = [`claims ${command}: ${file}: read with ${findings.length} finding(s), ${errors} error(s):`];
  for (const f of findings) lines.push(`  segment ${f.segment.index} (${f.segment.id}) ${f.severity} ${f.code}: ${f.message}`);
  process.stderr.write(`${lines.join('\n')}\n`);
}
