export const usage = 'claims 837p <file>';
export async function run(_args: string[]): Promise<number> {
  process.stderr.write('claims 837p: not built yet\n');
  return 2;
}
