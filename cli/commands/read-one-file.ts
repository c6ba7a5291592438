/**
 * What the reading commands share: one file argument, read whole; a malformed X12 file is
 * reported with its code and where, exit 1; a usage error, exit 2.
 */
import { readFile } from 'node:fs/promises';
import { MalformedX12Error } from '../../x12/read';

export async function readOneFile(
  command: string,
  usage: string,
  args: string[],
  read: (bytes: Buffer, file: string) => Promise<number>,
): Promise<number> {
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
