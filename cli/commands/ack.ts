export const usage = 'claims ack <file>';
export async function run(_args: string[]): Promise<number> {
  process.stderr.write('claims ack: not built yet\n');
  return 2;
}
