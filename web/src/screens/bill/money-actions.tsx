/** Money after the fact, on a bill: take back a payment posted by mistake, acknowledge a flag with how it was dealt with. */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, data } from '../../api/client';
import type { paths } from '../../api/schema';
import { ProblemAlert } from '../../components/problem';
import { useRefreshBill } from './queries';

type ReversalReason = paths['/bills/{billId}/payments/{paymentId}/reverse']['post']['requestBody']['content']['application/json']['reason'];
type AcknowledgeCode = paths['/bills/{billId}/flags/acknowledge']['post']['requestBody']['content']['application/json']['code'];

export const REVERSAL_REASONS: [ReversalReason, string][] = [
  ['KEYED_IN_ERROR', 'Keyed in error'],
  ['WRONG_CLAIM', 'Posted to the wrong claim'],
  ['WRONG_MATCH', 'Wrong match'],
  ['DUPLICATE', 'Posted twice'],
  ['OTHER', 'Other'],
];

const ACKNOWLEDGE_CODES: [AcknowledgeCode, string][] = [
  ['REVIEWED', 'Reviewed: nothing to do'],
  ['REFUND_ISSUED', 'Refund issued'],
  ['RECOUPMENT_EXPECTED', 'Recoupment expected'],
  ['WRITTEN_OFF', 'Written off'],
  ['POSTED_ELSEWHERE', 'Posted elsewhere'],
  ['OTHER', 'Other'],
];

export function ReversePayment({ billId, paymentId }: { billId: string; paymentId: string }) {
  const refresh = useRefreshBill(billId);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<ReversalReason>('KEYED_IN_ERROR');
  const [note, setNote] = useState('');
  const reverse = useMutation({
    mutationFn: () =>
      data(
        api.POST('/bills/{billId}/payments/{paymentId}/reverse', {
          params: { path: { billId, paymentId } },
          body: { reason, ...(note.trim() ? { note: note.trim() } : {}) },
        }),
      ),
    onSuccess: async () => {
      setOpen(false);
      await refresh();
    },
  });
  if (!open)
    return (
      <button type="button" className="small" onClick={() => setOpen(true)}>
        Take back this payment…
      </button>
    );
  return (
    <form
      className="inline-form"
      aria-label="Take back this payment"
      onSubmit={(e) => {
        e.preventDefault();
        reverse.mutate();
      }}
    >
      <label>
        Why
        <select value={reason} onChange={(e) => setReason(e.target.value as ReversalReason)}>
          {REVERSAL_REASONS.map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="grow">
        Note (kept in the audit trail)
        <input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit" className="danger" disabled={reverse.isPending}>
        Take it back (a reversal entry)
      </button>
      <ProblemAlert error={reverse.error} />
    </form>
  );
}

export function AcknowledgeFlag({ billId, reason }: { billId: string; reason: string }) {
  const refresh = useRefreshBill(billId);
  const [code, setCode] = useState<AcknowledgeCode>('REVIEWED');
  const [note, setNote] = useState('');
  const acknowledge = useMutation({
    mutationFn: () =>
      data(
        api.POST('/bills/{billId}/flags/acknowledge', {
          params: { path: { billId } },
          body: { reason, code, ...(note.trim() ? { note: note.trim() } : {}) },
        }),
      ),
    onSuccess: refresh,
  });
  return (
    <form
      className="inline-form"
      aria-label="Acknowledge the flag"
      onSubmit={(e) => {
        e.preventDefault();
        acknowledge.mutate();
      }}
    >
      <label>
        Dealt with how
        <select value={code} onChange={(e) => setCode(e.target.value as AcknowledgeCode)}>
          {ACKNOWLEDGE_CODES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="grow">
        Note (kept in the audit trail)
        <input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit" disabled={acknowledge.isPending}>
        Acknowledge
      </button>
      <ProblemAlert error={acknowledge.error} />
    </form>
  );
}
