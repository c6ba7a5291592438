import { detectTransaction, read277CA, read999 } from '../../x12/ack';
import { printFindings, readOneFile } from './read-one-file';

export const usage =
  'claims ack <file>   reads a 999 or a 277CA and prints it as JSON (findings on stderr); exit 1 when the file is malformed';

export function run(args: string[]): Promise<number> {
  return readOneFile('ack', usage, args, async (bytes, file) => {
    const kind = detectTransaction(bytes).kind;
    let result: Awaited<ReturnType<typeof read999>> | Awaited<ReturnType<typeof read277CA>>;
    if (kind === '999') result = await read999(bytes);
    else if (kind === '277CA' || kind === '277') result = await read277CA(bytes);
    else {
      process.stderr.write(`claims ack: ${file}: a ${kind} transaction, not a 999 or 277CA${kind === '835' ? ' (use claims 835)' : ''}\n`);
      return 1;
    }
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    printFindings(
      'ack',
      file,
      [...result.envelopeFindings, ...result.findings].sort((a, b) => a.segment.index - b.segment.index),
    );
    return 0;
  });
}
