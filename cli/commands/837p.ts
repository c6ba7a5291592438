/**
 * `claims 837p <bill.json>`: writes the 837P of one bill, or of a batch of bills, to stdout.
 * The file holds a bill, an array of bills, or { bills, submitter } (schemas/bill.schema.json).
 * Validation issues go to stderr, one a line, and nothing is written (exit code 1).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ClaimValidationError, officeAllyConfig, writeBatch837P, type SubmitterConfig } from '../../x12/837p';
import { parseBillFile } from '../../x12/837p/input-schema';

export const usage = `claims 837p <bill.json> [options]
  --production            ISA15 P (default: test file, ISA15 T)
  --isa <n>               interchange control number ISA13 (required with --production)
  --gs <n>                group control number GS06 (default: --isa)
  --st <n>                first transaction set control number ST02 (default 1)
  --submitter-id <id>     Office Ally submitter id (ISA06, GS02, 1000A)
  --submitter-name <name> submitter name (1000A)
  --contact-phone <tel>   submitter EDI contact phone
  --contact-name <name>   submitter EDI contact name
  --created <YYYY-MM-DDTHH:MM>  creation time (default: now, local)
  --lines                 put a line break after each segment`;

function localNow(): { date: string; time: string } {
  const now = new Date();
  const p = (n: number): string => String(n).padStart(2, '0');
  return { date: `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`, time: `${p(now.getHours())}:${p(now.getMinutes())}` };
}

function positiveInt(name: string, value: string | undefined, fallback: number | undefined): number {
  if (value === undefined) {
    if (fallback === undefined) throw new Error(`--${name} is required`);
    return fallback;
  }
  if (!/^\d+$/.test(value)) throw new Error(`--${name} must be a positive integer`);
  return Number(value);
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      production: { type: 'boolean', default: false },
      isa: { type: 'string' },
      gs: { type: 'string' },
      st: { type: 'string' },
      'submitter-id': { type: 'string' },
      'submitter-name': { type: 'string' },
      'contact-phone': { type: 'string' },
      'contact-name': { type: 'string' },
      created: { type: 'string' },
      lines: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const file = positionals[0];
  if (values.help || !file || positionals.length > 1) {
    process.stderr.write(`usage: ${usage}\n`);
    return values.help ? 0 : 2;
  }
  const { bills, submitter: fromFile } = parseBillFile(JSON.parse(readFileSync(file, 'utf8')) as unknown);

  const first = bills[0];
  const submitterId = values['submitter-id'] ?? fromFile?.id;
  if (!submitterId && values.production) throw new Error('--submitter-id (or "submitter" in the file) is required with --production');
  const submitter: SubmitterConfig = {
    id: submitterId ?? (first ? first.billingProvider.taxId.replace(/\D/g, '') : ''),
    name: values['submitter-name'] ?? fromFile?.name ?? first?.billingProvider.lastOrOrganizationName ?? '',
    contact: {
      name: values['contact-name'] ?? fromFile?.contact.name ?? first?.billingProvider.contact?.name,
      phone: values['contact-phone'] ?? fromFile?.contact.phone ?? first?.billingProvider.contact?.phone,
      email: fromFile?.contact.email ?? first?.billingProvider.contact?.email,
    },
    entity: fromFile?.entity,
  };

  let createdAt = localNow();
  if (values.created !== undefined) {
    const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(values.created);
    if (!m || !m[1] || !m[2]) throw new Error('--created must be YYYY-MM-DDTHH:MM');
    createdAt = { date: m[1], time: m[2] };
  }
  const interchange = positiveInt('isa', values.isa, values.production ? undefined : 1);
  try {
    process.stdout.write(
      writeBatch837P({
        bills,
        config: officeAllyConfig(submitter),
        controlNumbers: {
          interchange,
          group: positiveInt('gs', values.gs, interchange),
          transactionSet: positiveInt('st', values.st, 1),
        },
        createdAt,
        mode: values.production ? 'production' : 'test',
        options: { segmentSuffix: values.lines ? '\n' : '' },
      }),
    );
    if (!values.lines) process.stdout.write('\n');
    return 0;
  } catch (err) {
    if (err instanceof ClaimValidationError) {
      for (const issue of err.issues) process.stderr.write(`${issue.billId}\t${issue.field}\t${issue.rule}\t${issue.message}\n`);
      return 1;
    }
    throw err;
  }
}
