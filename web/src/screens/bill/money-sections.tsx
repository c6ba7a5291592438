/**
 * A bill's money as billing staff read it: the balances (charge, what each payer paid, write-offs,
 * what the client owes, what is still owed, any credit), the flags open on it, and the choice
 * between a posted payment and an ERA that differs from it.
 */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, data } from '../../api/client';
import type { Bill } from '../../api/types';
import { ProblemAlert } from '../../components/problem';
import { formatCents } from '../../lib/money';
import { dateTime } from '../../lib/words';
import { AcknowledgeFlag } from './money-actions';
import { useRefreshBill } from './queries';

const OWED_BY: Record<string, string> = { PAYER: 'the next payer', CLIENT: 'the client', NOBODY: 'nobody' };

const FLAG_WORDS: Record<string, string> = {
  LATE_REMITTANCE: 'A remittance came for a claim the bill had moved past',
  REMITTANCE_DISCREPANCY: 'An ERA differs from the payment posted',
  OVERPAID: 'Credit balance: the payers paid more than was owed',
  ADJUDICATION_CHANGED: 'A payer’s answer changed after the bill moved on',
  LATE_REJECTION: 'A rejection came after the bill finished',
};

export function BalancesSection({ bill }: { bill: Bill }) {
  const b = bill.balances;
  const payers: [string, number][] = (['PRIMARY', 'SECONDARY', 'TERTIARY'] as const)
    .filter((r) => bill.claims.some((c) => c.rank === r))
    .map((r) => [r.toLowerCase(), b.paidByRank[r]]);
  return (
    <section aria-labelledby="balances-heading">
      <h2 id="balances-heading">Balances</h2>
      <dl className="facts">
        <dt>Charge</dt>
        <dd>{formatCents(b.chargeCents)}</dd>
        {payers.map(([rank, cents]) => (
          <div key={rank} className="fact-pair">
            <dt>Paid by the {rank} payer</dt>
            <dd>{formatCents(cents)}</dd>
          </div>
        ))}
        <dt>Written off by the payers</dt>
        <dd>{formatCents(b.adjustmentsCents)}</dd>
        <dt>Patient responsibility</dt>
        <dd>{formatCents(b.patientResponsibilityCents)}</dd>
        <dt>Balance</dt>
        <dd>
          {formatCents(b.balanceCents)}
          {b.balanceCents > 0 ? `, owed by ${OWED_BY[b.owedBy] ?? b.owedBy}` : ''}
        </dd>
        {b.creditCents > 0 ? (
          <>
            <dt>Credit</dt>
            <dd className="attention-note">{formatCents(b.creditCents)} paid beyond what was owed</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

export function FlagsSection({ bill }: { bill: Bill }) {
  if (bill.flags.length === 0) return null;
  return (
    <section aria-labelledby="flags-heading">
      <h2 id="flags-heading">Needs attention</h2>
      <ul className="flags">
        {bill.flags.map((f) => (
          <li key={`${f.reason}-${f.since}`}>
            <strong>{FLAG_WORDS[f.reason] ?? f.reason}</strong> <span className="muted">since {dateTime(f.since)}</span>
            <p className="muted">{f.detail}</p>
            {f.reason === 'REMITTANCE_DISCREPANCY' ? (
              <p>Choose which adjudication stands at the ERA below, under the claim’s payments.</p>
            ) : (
              <AcknowledgeFlag billId={bill.id} reason={f.reason} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** How a payment counts, in words. */
export function standingWords(p: Bill['claims'][number]['payments'][number]): string | undefined {
  if (p.reversesPaymentId) return 'a reversal: takes back an earlier payment';
  if (p.standing === 'CONFIRMING') return 'confirms the payment posted (not counted twice)';
  if (p.standing === 'PENDING_REVIEW') return 'differs from the payment posted: held until you choose';
  if (p.standing === 'SET_ASIDE') return 'set aside: the other adjudication stands';
  return undefined;
}

export function ResolveDiscrepancy({ billId, paymentId }: { billId: string; paymentId: string }) {
  const refresh = useRefreshBill(billId);
  const [stands, setStands] = useState<'POSTED' | 'ERA'>('ERA');
  const [note, setNote] = useState('');
  const resolve = useMutation({
    mutationFn: () =>
      data(
        api.POST('/bills/{billId}/discrepancies/{paymentId}/resolve', {
          params: { path: { billId, paymentId } },
          body: { stands, ...(note.trim() ? { note: note.trim() } : {}) },
        }),
      ),
    onSuccess: refresh,
  });
  return (
    <form
      className="inline-form"
      aria-label="Choose which adjudication stands"
      onSubmit={(e) => {
        e.preventDefault();
        resolve.mutate();
      }}
    >
      <label>
        Which stands
        <select value={stands} onChange={(e) => setStands(e.target.value === 'POSTED' ? 'POSTED' : 'ERA')}>
          <option value="ERA">The ERA’s</option>
          <option value="POSTED">The payment posted before</option>
        </select>
      </label>
      <label className="grow">
        Note (kept in the audit trail)
        <input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit" disabled={resolve.isPending}>
        Keep it
      </button>
      <ProblemAlert error={resolve.error} />
    </form>
  );
}
