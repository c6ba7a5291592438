import { allFindings, read835 } from '../../x12/835';
import { printFindings, readOneFile } from './read-one-file';

export const usage = 'claims 835 <file>   prints the remittances as JSON (findings on stderr); exit 1 when the file is malformed';

export function run(args: string[]): Promise<number> {
  return readOneFile('835', usage, args, async (bytes, file) => {
    const result = await read835(bytes);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    const findings = [...result.envelopeFindings, ...result.remittances.flatMap(allFindings)].sort(
      (a, b) => a.segment.index - b.segment.index,
    );
    printFindings('835', file, findings);
    return 0;
  });
}
