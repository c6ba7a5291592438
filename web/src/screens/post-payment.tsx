/**
 * Posting a paper EOB or a denial letter: per line the paid amount and adjustments, a live
 * check that each line and the claim balance, patient responsibility from the PR adjustments,
 * the scanned paper attached. A denial is $0 with its reasons. Keyboard first: everything is in
 * tab order, a new adjustment row takes the focus, Enter sends once the check passes.
 */
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'wouter';
import { api, data } from '../api/client';
import type { Bill } from '../api/types';
import { Notice, ProblemAlert } from '../components/problem';
import { useTitle } from '../components/title';
import { checkEob, type AdjustmentDraft, type LineDraft } from '../lib/eob';
import { formatCents } from '../lib/money';
import { shortId } from '../lib/words';
import { useBill, useRefreshBill } from './bill/queries';
import { BalanceNote, CarcList, AdjustmentRows, LineEditor } from './payment-lines';

type Kind = 'PAPER_EOB' | 'DENIAL_LETTER';
const ACCEPTED = ['application/pdf', 'image/png', 'image/jpeg', 'image/tiff'];
const dollars = (cents: number) => formatCents(cents).replace('$', '').replace(/,/g, '');

function freshLines(bill: Bill, kind: Kind): LineDraft[] {
  return bill.serviceLines.map((l) => ({
    lineNumber: l.lineNumber,
    procedureCode: l.procedureCode,
    chargeCents: l.chargeCents,
    paid: kind === 'DENIAL_LETTER' ? '0.00' : '',
    adjustments: kind === 'DENIAL_LETTER' ? [{ group: 'CO', reason: '', amount: dollars(l.chargeCents) }] : [],
  }));
}

function PaymentForm({ bill }: { bill: Bill }) {
  const [, navigate] = useLocation();
  const refresh = useRefreshBill(bill.id);
  const [kind, setKind] = useState<Kind>('PAPER_EOB');
  const [adjudicationDate, setAdjudicationDate] = useState(new Date().toISOString().slice(0, 10));
  const [payerClaimNumber, setPayerClaimNumber] = useState('');
  const [file, setFile] = useState<File | undefined>();
  const [lines, setLines] = useState<LineDraft[]>(() => freshLines(bill, 'PAPER_EOB'));
  const [claimAdjustments, setClaimAdjustments] = useState<AdjustmentDraft[]>([]);
  // One key per posting: sent again after a lost answer, the API posts it once.
  const [requestKey] = useState(() => crypto.randomUUID());
  const check = checkEob(lines, claimAdjustments);
  const denial = kind === 'DENIAL_LETTER';

  const post = useMutation({
    mutationFn: async () => {
      if (!check.parsed) throw new Error('the EOB does not balance yet');
      let remittanceId: string | undefined;
      if (file) {
        const extension = file.type === 'application/pdf' ? 'pdf' : (file.type.split('/')[1] ?? 'bin');
        // A neutral file name: the person's own file name could name the client, and it travels in the URL.
        const stored = await data(
          api.POST('/bills/{billId}/remittances', {
            params: {
              path: { billId: bill.id },
              query: { kind, name: `${denial ? 'denial-letter' : 'paper-eob'}.${extension}` },
              header: { 'Idempotency-Key': `${requestKey}-file` },
            },
            body: '',
            bodySerializer: () => file,
            headers: { 'Content-Type': file.type },
          }),
        );
        remittanceId = stored.remittanceId;
      }
      return data(
        api.POST('/bills/{billId}/payments', {
          params: { path: { billId: bill.id }, header: { 'Idempotency-Key': requestKey } },
          body: {
            ...check.parsed,
            adjudicationDate,
            ...(denial ? { claimStatusCode: '4' } : {}),
            ...(payerClaimNumber.trim() ? { payerClaimControlNumber: payerClaimNumber.trim() } : {}),
            ...(remittanceId ? { remittanceId } : {}),
          },
        }),
      );
    },
    onSuccess: async () => {
      await refresh();
      navigate(`/bills/${bill.id}`);
    },
  });

  const switchKind = (next: Kind) => {
    setKind(next);
    setLines(freshLines(bill, next));
    setClaimAdjustments([]);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (check.ok) post.mutate();
  };
  return (
    <form className="eob" onSubmit={submit} aria-label="Post an EOB or denial letter">
      <CarcList />
      <fieldset className="kind">
        <legend>What came back</legend>
        <label>
          <input type="radio" name="kind" checked={!denial} onChange={() => switchKind('PAPER_EOB')} /> Paper EOB (paid, or paid in part)
        </label>
        <label>
          <input type="radio" name="kind" checked={denial} onChange={() => switchKind('DENIAL_LETTER')} /> Denial letter ($0 paid, with its
          reasons)
        </label>
      </fieldset>
      <div className="row">
        <label>
          Adjudication date
          <input type="date" required value={adjudicationDate} onChange={(e) => setAdjudicationDate(e.target.value)} />
        </label>
        <label>
          Payer’s claim number (optional)
          <input value={payerClaimNumber} maxLength={50} onChange={(e) => setPayerClaimNumber(e.target.value)} />
        </label>
        <label>
          The paper, scanned (PDF or image, optional)
          <input type="file" accept={ACCEPTED.join(',')} onChange={(e) => setFile(e.target.files?.[0])} />
        </label>
      </div>
      {lines.map((line, i) => (
        <LineEditor
          key={line.lineNumber}
          line={line}
          denial={denial}
          check={check.lines[i]}
          onChange={(next) => setLines(lines.map((l, j) => (j === i ? next : l)))}
        />
      ))}
      <AdjustmentRows idPrefix="claim" where="the claim" rows={claimAdjustments} denial={denial} onChange={setClaimAdjustments} />
      <section className="totals" aria-label="Totals" aria-live="polite">
        <p>
          Charge {formatCents(check.chargeCents)} · paid {check.paidCents === undefined ? '…' : formatCents(check.paidCents)} · adjustments{' '}
          {check.adjustmentsCents === undefined ? '…' : formatCents(check.adjustmentsCents)}
        </p>
        <p>
          Patient responsibility (PR adjustments):{' '}
          <strong>{check.patientResponsibilityCents === undefined ? '…' : formatCents(check.patientResponsibilityCents)}</strong>
        </p>
        <p>
          <BalanceNote offByCents={check.offByCents} label="The claim" />
        </p>
      </section>
      {!check.ok && check.problems.length > 0 ? (
        <ul className="problems" aria-label="What to fix before sending">
          {check.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      <div className="buttons">
        <button type="submit" className="primary" disabled={!check.ok || post.isPending}>
          {post.isPending ? 'Posting…' : denial ? 'Post the denial' : 'Post the payment'}
        </button>
        <Link href={`/bills/${bill.id}`}>Back to the bill</Link>
      </div>
      {post.isSuccess ? <Notice>Posted.</Notice> : null}
      <ProblemAlert error={post.error} />
    </form>
  );
}

export function PostPaymentScreen() {
  useTitle('Post an EOB');
  const { billId = '' } = useParams<{ billId: string }>();
  const bill = useBill(billId);
  if (bill.error) return <ProblemAlert error={bill.error} />;
  if (!bill.data) return <p className="loading">Loading the bill…</p>;
  return (
    <>
      <h1>
        Post an EOB or denial letter: bill {shortId(bill.data.id)}, {bill.data.rank.toLowerCase()} payer
      </h1>
      <p>
        {bill.data.client.lastName}, {bill.data.client.firstName} · each line must balance: charge = paid + adjustments.
      </p>
      <PaymentForm bill={bill.data} />
    </>
  );
}
