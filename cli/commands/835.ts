import { allFindings, read835 } from '../../x12/835';
import { readOneFile } from './read-one-file';

export const usage = 'claims 835 <file>   prints the remittances as JSON; exit 1 when the file is malformed';

export function run(args: string[]): Promise<number> {
  return readOneFile('835', usage, args, async (bytes, file) => {
    const result = await read835(bytes);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    const findings = result.remittances.flatMap(allFindings);
    const errors = findings.filter((f) => f.severity === 'error').length;
    if (findings.length > 0) {
      process.stderr.write(`claims 835: ${file}: read with ${findings.length} finding(s), ${errors} error(s):\n`);
      for (const f of findings)
        process.stderr.write(`  segment ${f.segment.index} (${f.segment.id}) ${f.severity} ${f.code}: ${f.message}\n`);
    }
    return 0;
  });
}
