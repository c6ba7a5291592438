/**
 * `claims 837p <bill.json>`: writes the 837P of one bill, or of a batch of bills, to stdout.
 * The file holds a bill, an array of bills, or { bills, submitter } (schemas/bill.schema.json).
 * Validation issues go to stderr, one a line (bill, JSON Pointer, rule, message), and nothing
 * is written (exit code 1).
 *
 * The submitter (1000A, ISA06) is the flags over the file's `submitter`. Its contact comes from
 * them only, never from a billing provider. Without a submitter id, an organization billing
 * provider's EIN stands in (test files); an individual's SSN never does.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ClaimValidationError, officeAllyConfig, writeBatch837P, type Bill, type SubmitterConfig } from '../../x12/837p';
import { parseBillFile } from '../../x12/837p/input-schema';

export const usage = `claims 837p <bill.json> [options]
  --production            ISA15 P (default: test file, ISA15 T)
  --isa <n>               interchange control number ISA13 (required with --production)
  --gs <n>                group control number GS06 (default: --isa)
  --st <n>                first transaction set control number ST02 (default 1)
  --submitter-id <id>     Office Ally submitter id (ISA06, GS02, 1000A)
  --submitter-name <name> submitter name (1000A)
  --contact-phone <tel>   submitter EDI contact phone
  --contact-email <addr>  submitter EDI contact e-mail
  --contact-name <name>   submitter EDI contact name
  --created <YYYY-MM-DDTHH:MM>  creation time (default: now, local)
  --lines                 put a line break after each segment
  --help                  this text`;

/** Where each envelope field comes from on the command line, for messages that name what to give. */
const ENVELOPE_SOURCES: Readonly<Record<string, string>> = {
  '/config/submitter/id': '--submitter-id (or submitter.id in the file)',
  '/config/senderId': '--submitter-id (or submitter.id in the file)',
  '/config/applicationSenderCode': '--submitter-id (or submitter.id in the file)',
  '/config/submitter/name': '--submitter-name (or submitter.name in the file)',
  '/config/submitter/contact': '--contact-phone or --contact-email (or submitter.contact in the file)',
  '/config/submitter/contact/name': '--contact-name (or submitter.contact.name in the file)',
  '/config/submitter/contact/phone': '--contact-phone (or submitter.contact.phone in the file)',
  '/config/submitter/contact/email': '--contact-email (or submitter.contact.email in the file)',
  '/controlNumbers/interchange': '--isa',
  '/controlNumbers/group': '--gs',
  '/controlNumbers/transactionSet': '--st',
  '/createdAt/date': '--created',
  '/createdAt/time': '--created',
};

function present(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** The submitter: flags over the file; its contact from them only. Throws a message naming what to give. */
function submitterOf(
  values: Record<string, string | boolean | undefined>,
  fromFile: SubmitterConfig | undefined,
  bills: Bill[],
): SubmitterConfig {
  const flag = (name: string): string | undefined => {
    const v = values[name];
    return typeof v === 'string' ? present(v) : undefined;
  };
  const first = bills[0]?.billingProvider;
  let id = flag('submitter-id') ?? present(fromFile?.id);
  let name = flag('submitter-name') ?? present(fromFile?.name);
  if (!id) {
    if (values.production)
      throw new Error('the submitter id is missing: give --submitter-id (or submitter.id in the file); it is required with --production');
    if (!first || first.taxIdType === 'SSN' || first.entity === 'person') {
      throw new Error(
        "the submitter id is missing: give --submitter-id (or submitter.id in the file); an individual billing provider's SSN is never used as the sender id",
      );
    }
    id = first.taxId.replace(/\D/g, '');
    name ??= present(first.lastOrOrganizationName);
  }
  if (!name) throw new Error('the submitter name is missing: give --submitter-name (or submitter.name in the file)');
  const contact = {
    name: flag('contact-name') ?? present(fromFile?.contact.name),
    phone: flag('contact-phone') ?? present(fromFile?.contact.phone),
    email: flag('contact-email') ?? present(fromFile?.contact.email),
  };
  if (!contact.phone && !contact.email) {
    throw new Error("the submitter's EDI contact is missing: give --contact-phone or --contact-email (or submitter.contact in the file)");
  }
  return { id, name, contact, ...(fromFile?.entity ? { entity: fromFile.entity } : {}) };
}

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
      'contact-email': { type: 'string' },
      'contact-name': { type: 'string' },
      created: { type: 'string' },
      lines: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const file = positionals[0];
  if (values.help) {
    process.stdout.write(`usage: ${usage}\n`);
    return 0;
  }
  if (!file || positionals.length > 1) {
    process.stderr.write(`usage: ${usage}\n`);
    return 2;
  }
  const { bills, submitter: fromFile } = parseBillFile(JSON.parse(readFileSync(file, 'utf8')) as unknown);
  const submitter = submitterOf(values, fromFile, bills);

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
      for (const issue of err.issues) {
        const where = issue.billId === '(envelope)' ? (ENVELOPE_SOURCES[issue.pointer] ?? issue.pointer) : issue.pointer;
        process.stderr.write(`${issue.billId}\t${where}\t${issue.rule}\t${issue.message}\n`);
      }
      return 1;
    }
    throw err;
  }
}
