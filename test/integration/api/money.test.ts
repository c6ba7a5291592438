/**
 * Money right in every order of events, over HTTP on the real stack (dev server, database,
 * worker, local clearinghouse and payer simulator): a paper EOB then the ERA that agrees (one
 * payment, linked) or differs (held, resolved by staff, the next claim written from what
 * stands); a wrong match by hand refused, an overridden one undone; a duplicate ERA in other
 * line endings (no flag); an overpayment flagged at the close; and the bills needing attention
 * the same in the API and in Temporal's NeedsAttention, finished bills included.
 */
import { execFileSync } from 'node:child_process';
import request from 'supertest';
import { temporalCliPath } from '../../../temporal/binaries';
import { read835, type Claim835 } from '../../../x12/835';
import { useApiStack } from '../../support/api-stack';
import { reissueEra, withLineBreaks } from '../../support/era-edit';
import { waitUntil } from '../../support/wait-until';

jest.setTimeout(300_000);

const stack = useApiStack('api-money');
const { asBilling, setUp, action, batch, simulatorEra, waitFor } = stack;

interface Payment {
  id: string;
  source: string;
  standing: string;
  paidCents: number;
  relatedPaymentId: string | null;
  reversesPaymentId: string | null;
}
interface ClaimView {
  id: string;
  rank: string;
  status: string;
  patientControlNumber: string;
  payments: Payment[];
}
interface BillDetail {
  id: string;
  status: string;
  rank: string;
  needsAttention: boolean;
  claims: ClaimView[];
  flags: { reason: string; sticky: boolean }[];
  balances: { paidByRank: Record<string, number>; paidCents: number; creditCents: number; balanceCents: number; owedBy: string };
  workflow: { waitingFor: string } | null;
}

async function detail(billId: string): Promise<BillDetail> {
  return (await request(stack.h.app).get(`/bills/${billId}`).set(asBilling()).expect(200)).body as BillDetail;
}

function claimOfRank(d: BillDetail, rank: string): ClaimView {
  const claim = d.claims.filter((c) => c.rank === rank && c.status !== 'VOIDED').at(-1);
  if (!claim) throw new Error(`bill ${d.id} has no ${rank} claim`);
  return claim;
}

async function upload(file: { name: string; content: Buffer }): Promise<string> {
  const res = await request(stack.h.app)
    .post(`/clearinghouse-files/835?name=${encodeURIComponent(file.name)}`)
    .set(asBilling())
    .set('Content-Type', 'application/edi-x12')
    .send(file.content)
    .expect(202);
  return res.body.fileId as string;
}

async function eraClaim(content: Buffer, patientControlNumber: string): Promise<Claim835> {
  const read = await read835(content);
  const claim = read.remittances.flatMap((r) => r.claims).find((c) => c.patientControlNumber === patientControlNumber);
  if (!claim) throw new Error(`the ERA has no claim ${patientControlNumber}`);
  return claim;
}

/** The paper EOB a person keys from what the payer said (the same numbers as its ERA). */
function eobOf(claim: Claim835, patientControlNumber: string) {
  return {
    paidCents: claim.paidCents,
    patientResponsibilityCents: claim.patientResponsibilityCents ?? 0,
    adjudicationDate: '2026-11-20',
    adjustments: claim.adjustments.map((a) => ({ group: a.group, reason: a.reason, amountCents: a.amountCents })),
    lines: claim.serviceLines.map((l) => ({
      lineNumber: Number((l.lineItemControlNumber ?? '').slice(patientControlNumber.length + 1)),
      paidCents: l.paidCents,
      adjustments: l.adjustments.map((a) => ({ group: a.group, reason: a.reason, amountCents: a.amountCents })),
    })),
  };
}

/** A bill at its primary payer, with the ERA the payer simulator wrote for it (not yet received). */
async function atPrimary(settings = { autoBatchSecondary: false, submitsManually: false }, person = {}) {
  const { practiceId, billId } = await setUp(settings, person);
  await action(billId, 'submit').expect(200);
  const batchId = await batch(practiceId, 1);
  await waitFor(billId, 'AWAITING_PRIMARY');
  const era = await simulatorEra(batchId);
  const pcn = claimOfRank(await detail(billId), 'PRIMARY').patientControlNumber;
  return { practiceId, billId, era, pcn, claim: await eraClaim(era.content, pcn) };
}

it('a paper EOB then the ERA that agrees: one payment, the ERA linked to it as its confirmation, nothing flagged', async () => {
  const { billId, era, pcn, claim } = await atPrimary();
  await action(billId, 'payments', eobOf(claim, pcn)).expect(201);
  await waitFor(billId, 'PROCESSED');
  await upload(era);
  const d = await waitUntil(
    () => detail(billId),
    (b) => claimOfRank(b, 'PRIMARY').payments.length === 2,
    { what: 'the ERA posted beside the EOB' },
  );
  const [eob, electronic] = claimOfRank(d, 'PRIMARY').payments;
  expect(eob).toMatchObject({ source: 'EOB', standing: 'STANDING' });
  expect(electronic).toMatchObject({ source: 'ERA', standing: 'CONFIRMING', relatedPaymentId: eob!.id });
  expect(d.balances.paidByRank.PRIMARY).toBe(claim.paidCents);
  expect(d.flags).toEqual([]);
  expect(d.needsAttention).toBe(false);
  // The bill records the confirmation in its timeline when it hears of it.
  await waitUntil(
    async () =>
      (await request(stack.h.app).get(`/bills/${billId}/timeline?limit=200`).set(asBilling()).expect(200)).body.items as {
        action: string;
      }[],
    (items) => items.some((e) => e.action === 'era-confirmed'),
    { what: 'the confirmation in the timeline' },
  );
});

it('a paper EOB then an ERA that differs: nothing posted twice, the bill flagged and its next claim held until staff choose; the secondary is written from the ERA', async () => {
  const { practiceId, billId, era, pcn, claim } = await atPrimary();
  const keyed = eobOf(claim, pcn);
  // Keyed wrong: $10.00 less paid on line 1, written off instead.
  keyed.paidCents -= 1000;
  keyed.lines[0]!.paidCents -= 1000;
  keyed.lines[0]!.adjustments.push({ group: 'CO', reason: '45', amountCents: 1000 });
  await action(billId, 'payments', keyed).expect(201);
  await waitFor(billId, 'PROCESSED');
  await upload(era);
  const flagged = await waitUntil(
    () => detail(billId),
    (b) => b.flags.some((f) => f.reason === 'REMITTANCE_DISCREPANCY'),
    {
      what: 'the discrepancy flagged',
    },
  );
  const [eob, electronic] = claimOfRank(flagged, 'PRIMARY').payments;
  expect(electronic).toMatchObject({ source: 'ERA', standing: 'PENDING_REVIEW', relatedPaymentId: eob!.id });
  expect(flagged.balances.paidByRank.PRIMARY).toBe(claim.paidCents - 1000);
  expect(flagged.needsAttention).toBe(true);

  // Held: set Ready to Batch, the bill still waits for staff to choose.
  await action(billId, 'ready-to-batch').expect(200);
  const held = await waitUntil(
    () => detail(billId),
    (b) => /adjudication stands/.test(b.workflow?.waitingFor ?? ''),
    { what: 'held' },
  );
  expect(held.status).toBe('PROCESSED');
  // A discrepancy is resolved, not acknowledged away.
  await action(billId, 'flags/acknowledge', { reason: 'REMITTANCE_DISCREPANCY', code: 'REVIEWED' }).expect(409);

  await action(billId, `discrepancies/${electronic!.id}/resolve`, { stands: 'ERA', note: 'checked with the payer' }).expect(200);
  const resolved = await waitUntil(
    () => detail(billId),
    (b) => b.flags.length === 0 && b.status === 'PROCESSED' && b.rank === 'SECONDARY',
    {
      what: 'resolved, back at the secondary',
    },
  );
  const payments = claimOfRank(resolved, 'PRIMARY').payments;
  expect(payments.find((p) => p.id === eob!.id)?.standing).toBe('SET_ASIDE');
  expect(payments.find((p) => p.id === electronic!.id)?.standing).toBe('STANDING');
  expect(resolved.balances.paidByRank.PRIMARY).toBe(claim.paidCents);

  await action(billId, 'ready-to-batch').expect(200);
  await waitFor(billId, 'READY_TO_BATCH', 'SECONDARY');
  const secondaryBatch = await batch(practiceId, 1);
  const batchRes = await request(stack.h.app).get(`/batches/${secondaryBatch}`).set(asBilling()).expect(200);
  const file = await request(stack.h.app)
    .get(`/clearinghouse-files/${batchRes.body.fileId as string}/content`)
    .set(asBilling())
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  // The primary's paid amount on the secondary claim (2320 AMT*D) is the ERA's, not the EOB keyed.
  expect((file.body as Buffer).toString('utf8')).toContain(`AMT*D*${(claim.paidCents / 100).toFixed(2).replace(/\.00$/, '')}~`);
});

it('a wrong match by hand is refused naming what differs; overridden, it is undone by a reversal and the ERA claim matched to the right bill', async () => {
  const right = await atPrimary();
  const wrong = await atPrimary(undefined, { firstName: 'Quentin', lastName: 'Marsh', memberId: 'ZZ99999' });
  const lost = {
    name: `LOST_${right.era.name}`,
    content: Buffer.from(right.era.content.toString('latin1').split(right.pcn).join('NOSUCHCLAIM9'), 'latin1'),
  };
  await upload(lost);
  const item = await waitUntil(
    async () =>
      (
        (await request(stack.h.app).get('/unmatched-era-claims').set(asBilling()).expect(200)).body.items as {
          id: string;
          patientControlNumber: string;
        }[]
      ).find((q) => q.patientControlNumber === 'NOSUCHCLAIM9'),
    (q) => q !== undefined,
    { what: 'the ERA claim in the unmatched queue' },
  );
  const unmatchedId = item!.id;
  const wrongClaim = claimOfRank(await detail(wrong.billId), 'PRIMARY');

  const refused = await request(stack.h.app)
    .post(`/unmatched-era-claims/${unmatchedId}/match`)
    .set(asBilling())
    .send({ claimId: wrongClaim.id })
    .expect(422);
  const pointers = (refused.body.errors as { pointer: string; detail: string }[]).map((e) => e.pointer);
  expect(pointers).toEqual(expect.arrayContaining(['#/patient/name', '#/patient/memberId', '#/payer']));
  expect(JSON.stringify(refused.body)).not.toMatch(/Quentin|Marsh|ZZ99999/);
  expect((await detail(wrong.billId)).claims[0]!.payments).toEqual([]);

  const overridden = await request(stack.h.app)
    .post(`/unmatched-era-claims/${unmatchedId}/match`)
    .set(asBilling())
    .send({ claimId: wrongClaim.id, override: { reason: 'OTHER', note: 'the payer confirmed by phone' } });
  expect(overridden.body).toMatchObject({ billId: wrong.billId });
  if (overridden.status !== 200) console.log(JSON.stringify(overridden.body));
  expect(overridden.status).toBe(200);
  expect(overridden.body).toMatchObject({ outcome: 'posted', billId: wrong.billId });
  await waitFor(wrong.billId, 'PROCESSED');

  const undone = await request(stack.h.app)
    .post(`/unmatched-era-claims/${unmatchedId}/undo`)
    .set(asBilling())
    .send({ reason: 'WRONG_MATCH' })
    .expect(200);
  expect(undone.body).toMatchObject({ reversedPaymentId: overridden.body.paymentId });
  // The bill had not sent its next claim: it waits on its primary payer again, the money netted to zero.
  const back = await waitUntil(
    () => detail(wrong.billId),
    (b) => b.status === 'AWAITING_PRIMARY',
    { what: 'back at the primary' },
  );
  const payments = claimOfRank(back, 'PRIMARY').payments;
  expect(payments.map((p) => [p.source, p.paidCents])).toEqual([
    ['ERA', right.claim.paidCents],
    ['REVERSAL', -right.claim.paidCents],
  ]);
  expect(back.balances.paidCents).toBe(0);
  expect(back.claims.filter((c) => c.rank === 'SECONDARY').every((c) => c.status === 'VOIDED')).toBe(true);
  const reopened = await request(stack.h.app).get(`/unmatched-era-claims/${unmatchedId}`).set(asBilling()).expect(200);
  expect(reopened.body).toMatchObject({ status: 'OPEN', matchedClaimId: null });

  const rightClaim = claimOfRank(await detail(right.billId), 'PRIMARY');
  const matched = await request(stack.h.app)
    .post(`/unmatched-era-claims/${unmatchedId}/match`)
    .set(asBilling())
    .send({ claimId: rightClaim.id });
  expect(matched.body).toMatchObject({ outcome: 'posted' });
  await waitFor(right.billId, 'PROCESSED');
  expect((await detail(right.billId)).balances.paidByRank.PRIMARY).toBe(right.claim.paidCents);
});

/** A bill taken through both payers by their ERAs, to Closed. */
async function closedByEras() {
  const start = await atPrimary({ autoBatchSecondary: true, submitsManually: false });
  await upload(start.era);
  await waitFor(start.billId, 'READY_TO_BATCH', 'SECONDARY');
  const secondaryBatch = await batch(start.practiceId, 1);
  await waitFor(start.billId, 'AWAITING_SECONDARY');
  await upload(await simulatorEra(secondaryBatch));
  await waitFor(start.billId, 'CLOSED');
  return start;
}

let lateBillId = '';

it('the same ERA again in other line endings posts nothing, tells no bill and flags nothing', async () => {
  const { billId, era } = await closedByEras();
  const before = await detail(billId);
  const fileId = await upload({ name: `CRLF_${era.name}`, content: withLineBreaks(era.content) });
  await waitUntil(
    async () => (await request(stack.h.app).get(`/clearinghouse-files/${fileId}`).set(asBilling()).expect(200)).body.status as string,
    (status) => status === 'PROCESSED',
    { what: 'the re-sent file processed' },
  );
  const after = await detail(billId);
  expect(after.claims.flatMap((c) => c.payments)).toHaveLength(before.claims.flatMap((c) => c.payments).length);
  expect(after.flags).toEqual([]);
  expect(after.needsAttention).toBe(false);
  lateBillId = billId;
});

let overpaidBillId = '';

it('payers paying more than was left: the bill closes flagged OVERPAID with its credit, until staff acknowledge it', async () => {
  const { practiceId, billId, era, claim } = await atPrimary({ autoBatchSecondary: true, submitsManually: false });
  await upload(era);
  await waitFor(billId, 'READY_TO_BATCH', 'SECONDARY');
  await batch(practiceId, 1);
  await waitFor(billId, 'AWAITING_SECONDARY');
  const left = claim.patientResponsibilityCents ?? 0;
  const paid = left + 4000;
  await action(billId, 'payments', {
    paidCents: paid,
    patientResponsibilityCents: 0,
    adjudicationDate: '2026-11-25',
    adjustments: [{ group: 'OA', reason: '23', amountCents: 20000 - paid }],
  }).expect(201);
  const closed = await waitUntil(
    () => detail(billId),
    (b) => b.status === 'CLOSED' && b.flags.length > 0,
    { what: 'closed and flagged' },
  );
  expect(closed.flags).toEqual([expect.objectContaining({ reason: 'OVERPAID', sticky: true })]);
  expect(closed.balances.creditCents).toBe(4000);
  expect(closed.needsAttention).toBe(true);
  overpaidBillId = billId;
});

function temporalNeedsAttention(): string[] {
  const out = execFileSync(temporalCliPath(), [
    'workflow',
    'list',
    '--address',
    stack.env.address,
    '--query',
    'NeedsAttention = true AND ExecutionStatus = "Running"',
    '--output',
    'json',
  ]).toString();
  const rows = (out.trim() ? (JSON.parse(out) as { execution: { workflowId: string } }[]) : []).map((r) => r.execution.workflowId);
  return rows
    .filter((id) => id.startsWith('bill-'))
    .map((id) => id.slice('bill-'.length))
    .sort();
}

async function apiNeedsAttention(): Promise<string[]> {
  const page = await request(stack.h.app).get('/bills/needing-attention?limit=200').set(asBilling()).expect(200);
  return (page.body.items as { id: string }[]).map((b) => b.id).sort();
}

it('the same bills need attention in the API and in Temporal, finished bills with late remittances included; acknowledged, they clear in both', async () => {
  // A late ERA for a closed bill: the same payer re-issues the primary's payment under a new
  // trace, $15.00 less: it differs from what stands, and the closed bill is watched again.
  const closed = await detail(lateBillId);
  const primary = claimOfRank(closed, 'PRIMARY');
  const files = await stack.h.deps.db.clearinghouseFile.findMany({
    where: { kind: '835', claims: { some: { claimId: primary.id } } },
    orderBy: { createdAt: 'asc' },
  });
  const pcn = primary.patientControlNumber;
  const late = reissueEra(Buffer.from(files[0]!.content), pcn, { trace: 'REISSUED0001', movePaidCents: 1500 });
  await upload({ name: `LATE_${files[0]!.name}`, content: late });
  await waitUntil(
    () => detail(lateBillId),
    (b) => b.flags.some((f) => f.reason === 'REMITTANCE_DISCREPANCY'),
    { what: 'the late ERA flagged' },
  );

  const flagged = await waitUntil(
    async () => ({ temporal: temporalNeedsAttention(), api: await apiNeedsAttention() }),
    (x) => JSON.stringify(x.temporal) === JSON.stringify(x.api),
    { what: 'the same bills in both lists', timeoutMs: 20_000, intervalMs: 500 },
  );
  expect(flagged.api).toEqual(expect.arrayContaining([lateBillId, overpaidBillId]));

  await action(overpaidBillId, 'flags/acknowledge', { reason: 'OVERPAID', code: 'REFUND_ISSUED', note: 'refund check 1042' }).expect(200);
  const eraPayment = claimOfRank(await detail(lateBillId), 'PRIMARY').payments.find((p) => p.standing === 'PENDING_REVIEW');
  await action(lateBillId, `discrepancies/${eraPayment!.id}/resolve`, { stands: 'POSTED' }).expect(200);
  const cleared = await waitUntil(
    async () => ({ temporal: temporalNeedsAttention(), api: await apiNeedsAttention() }),
    (x) => !x.api.includes(lateBillId) && !x.api.includes(overpaidBillId) && JSON.stringify(x.temporal) === JSON.stringify(x.api),
    { what: 'both flags cleared in both lists', timeoutMs: 20_000, intervalMs: 500 },
  );
  expect(cleared.temporal).not.toContain(overpaidBillId);
  expect((await detail(lateBillId)).flags).toEqual([]);
});
