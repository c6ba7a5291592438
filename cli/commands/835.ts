export const usage = 'claims 835 <file>';
export async function run(_args: string[]): Promise<number> {
  process.stderr.write('claims 835: not built yet\n');
  return 2;
}
