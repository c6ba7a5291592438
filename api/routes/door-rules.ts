/**
 * The 837P rules that span records, applied when a record is created or changed: the rules
 * are the writer's (x12/837p/rules), only the reading of the other records is the API's. Each
 * refusal is a 422 naming the field, in the rule's own words.
 */
import type { Db } from '../../db/prisma';
import { calendarDateOf } from '../../x12/common/dates';
import { adjudicationDate, birthDate, dateOfServiceAfterBirth, insuranceTypeCodeFor, type RuleFailure } from '../../x12/837p/rules';
import { fieldError, validationProblem, type FieldError } from '../problem';
import { fromDbDate as dateOnly } from '../../db/dates';

type Path = (string | number)[];

function refuse(found: { at: Path; failure: RuleFailure | undefined }[]): void {
  const errors: FieldError[] = found.flatMap(({ at, failure }) => (failure ? [fieldError('body', at, failure.message, failure.rule)] : []));
  if (errors.length > 0) throw validationProblem(errors);
}

const today = (): string => calendarDateOf(new Date());

/** Dates of service (of a bill's lines, by index) not before the birth of the patient or of any active policy's subscriber. */
export async function checkServiceDates(
  db: Db,
  clientId: string,
  serviceLines: readonly { dateOfService?: string }[] | undefined,
): Promise<void> {
  const lines = (serviceLines ?? []).flatMap((l, i) =>
    l.dateOfService ? [{ dateOfService: l.dateOfService, at: ['serviceLines', i, 'dateOfService'] }] : [],
  );
  if (lines.length === 0) return;
  const client = await db.client.findUnique({
    where: { id: clientId },
    select: { dateOfBirth: true, policies: { where: { active: true }, select: { subscriberDateOfBirth: true } } },
  });
  if (!client) return;
  const patient = dateOnly(client.dateOfBirth);
  const subscribers = client.policies.flatMap((p) => (p.subscriberDateOfBirth ? [dateOnly(p.subscriberDateOfBirth)] : []));
  refuse(
    lines.map(({ dateOfService, at }) => ({
      at,
      failure:
        dateOfServiceAfterBirth(dateOfService, patient, 'patient') ??
        subscribers.map((s) => dateOfServiceAfterBirth(dateOfService, s, 'subscriber')).find((f) => f !== undefined),
    })),
  );
}

/** The earliest date of service of a client's bills, or of one bill. */
async function firstDateOfService(db: Db, where: { clientId: string } | { billId: string }): Promise<string | undefined> {
  const line = await db.serviceLine.findFirst({
    where: 'billId' in where ? { billId: where.billId } : { bill: { clientId: where.clientId } },
    orderBy: { dateOfService: 'asc' },
    select: { dateOfService: true },
  });
  return line ? dateOnly(line.dateOfService) : undefined;
}

/** A birth date (the client's, or a subscriber's) not after any date of service the client's bills have. */
export async function checkBirthDate(db: Db, clientId: string, value: string | null | undefined, at: Path): Promise<void> {
  if (!value) return;
  const first = await firstDateOfService(db, { clientId });
  refuse([{ at, failure: birthDate(value, today(), first) }]);
}

/** A payer's adjudication date not before the bill's first date of service (nor after today). */
export async function checkAdjudicationDate(db: Db, billId: string, value: string, at: Path): Promise<void> {
  const first = await firstDateOfService(db, { billId });
  refuse([{ at, failure: adjudicationDate(value, today(), first) }]);
}

/** SBR05 for each policy as it will be: required for Medicare not primary, refused otherwise. */
export async function checkInsuranceTypes(
  db: Db,
  policies: { payerId: string; rank: string; insuranceTypeCode?: string | null; at: Path }[],
): Promise<void> {
  const payers = await db.payer.findMany({
    where: { id: { in: policies.map((p) => p.payerId) } },
    select: { id: true, claimFilingIndicator: true },
  });
  refuse(
    policies.map((p) => ({
      at: p.at,
      failure: insuranceTypeCodeFor({
        primary: p.rank === 'PRIMARY',
        claimFilingIndicator: payers.find((payer) => payer.id === p.payerId)?.claimFilingIndicator,
        insuranceTypeCode: p.insuranceTypeCode ?? undefined,
      }),
    })),
  );
}

/** A payer's new claim filing indicator must leave every active policy of it writable (SBR05). */
export async function checkPayerIndicator(db: Db, payerId: string, claimFilingIndicator: string | undefined): Promise<void> {
  if (claimFilingIndicator === undefined) return;
  const policies = await db.insurancePolicy.findMany({
    where: { payerId, active: true },
    select: { rank: true, insuranceTypeCode: true },
  });
  const failures = policies.flatMap((p) => {
    const failure = insuranceTypeCodeFor({
      primary: p.rank === 'PRIMARY',
      claimFilingIndicator,
      insuranceTypeCode: p.insuranceTypeCode ?? undefined,
    });
    return failure ? [failure] : [];
  });
  const first = failures[0];
  if (!first) return;
  refuse([
    {
      at: ['claimFilingIndicator'],
      failure: {
        rule: first.rule,
        message: `would break ${failures.length} active polic${failures.length === 1 ? 'y' : 'ies'} of this payer: their insurance type code ${first.message}; correct the policies first`,
      },
    },
  ]);
}
