import { readFile } from 'node:fs/promises';
import { allFindings, MalformedX12Error, read835 } from '../../x12/835';

export const usage = 'claims 835 <file>   prints the remittances as JSON; exit 1 when the file is malformed';

export async function run(args: string[]): Promise<number> {
  const [file] = args;
  if (!file || args.length !== 1) {
    process.stderr.write(`usage: ${usage}\n`);
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    process.stderr.write(`claims 835: ${file}: cannot read: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  try {
    const result = await read835(bytes);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    const findings = result.remittances.flatMap(allFindings);
    const errors = findings.filter((f) => f.severity === 'error').length;
    if (findings.length > 0) {
      process.stderr.write(`claims 835: ${file}: read with ${findings.length} finding(s), ${errors} error(s):\n`);
      for (const f of findings) process.stderr.write(`  segment ${f.segment.index} (${f.segment.id}) ${f.severity} ${f.code}: ${f.message}\n`);
    }
    return 0;
  } catch (err) {
    if (err instanceof MalformedX12Error) {
      process.stderr.write(`claims 835: ${file}: malformed (${err.code}): ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
