import { readFile } from 'node:fs/promises';
import { detectTransaction, MalformedX12Error, read277CA, read999 } from '../../x12/ack';

export const usage = 'claims ack <file>   reads a 999 or a 277CA and prints it as JSON; exit 1 when the file is malformed';

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
    process.stderr.write(`claims ack: ${file}: cannot read: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  try {
    const kind = detectTransaction(bytes).kind;
    let result: unknown;
    if (kind === '999') result = await read999(bytes);
    else if (kind === '277CA' || kind === '277') result = await read277CA(bytes);
    else {
      process.stderr.write(`claims ack: ${file}: a ${kind} transaction, not a 999 or 277CA${kind === '835' ? ' (use claims 835)' : ''}\n`);
      return 1;
    }
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof MalformedX12Error) {
      process.stderr.write(`claims ack: ${file}: malformed (${err.code}): ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
