/** The actions a bill's state allows now (the API says which), each answered by the bill's workflow. */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { api, ApiError, data, saveBlob } from '../../api/client';
import type { Bill, BillWork } from '../../api/types';
import { Notice, ProblemAlert } from '../../components/problem';
import { dateTime } from '../../lib/words';
import { CorrectBill } from './correct-bill';
import { useRefreshBill } from './queries';

const VOID_REASONS = [
  ['DUPLICATE', 'Duplicate bill'],
  ['WRONG_PATIENT', 'Wrong client'],
  ['WRONG_PAYER', 'Wrong payer'],
  ['NOT_BILLABLE', 'Not billable'],
  ['ENTERED_IN_ERROR', 'Entered in error'],
  ['OTHER', 'Other'],
] as const;
type VoidReason = (typeof VOID_REASONS)[number][0];

function VoidForm({ billId, done }: { billId: string; done: () => Promise<void> }) {
  const [reason, setReason] = useState<VoidReason>('DUPLICATE');
  const [note, setNote] = useState('');
  const run = useMutation({
    mutationFn: () =>
      data(
        api.POST('/bills/{billId}/void', { params: { path: { billId } }, body: { reason, ...(note.trim() ? { note: note.trim() } : {}) } }),
      ),
    onSuccess: done,
  });
  return (
    <form
      className="inline-form"
      aria-label="Void the bill"
      onSubmit={(e) => {
        e.preventDefault();
        run.mutate();
      }}
    >
      <label>
        Why
        <select value={reason} onChange={(e) => setReason(e.target.value as VoidReason)}>
          {VOID_REASONS.map(([code, label]) => (
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
      <button type="submit" className="danger" disabled={run.isPending}>
        Void the bill
      </button>
      <ProblemAlert error={run.error} />
    </form>
  );
}

export function BillActions({ bill, work }: { bill: Bill; work: BillWork }) {
  const refresh = useRefreshBill(bill.id);
  const [open, setOpen] = useState<'void' | 'correct' | undefined>();
  const [message, setMessage] = useState<string>();
  const path = { params: { path: { billId: bill.id } } };
  const act = useMutation({
    mutationFn: async (action: 'submit' | 'ready-to-batch' | 'batch' | 'manual-upload' | 'claim-fix-cleared' | 'resubmit') => {
      setMessage(undefined);
      switch (action) {
        case 'submit':
          return `Submitted: ${(await data(api.POST('/bills/{billId}/submit', { ...path, body: {} }))).status}`;
        case 'ready-to-batch':
          return `Set: ${(await data(api.POST('/bills/{billId}/ready-to-batch', { ...path, body: {} }))).status}`;
        case 'claim-fix-cleared':
          return `Confirmed: ${(await data(api.POST('/bills/{billId}/claim-fix-cleared', { ...path, body: {} }))).status}`;
        case 'resubmit':
          return `Resubmitted: ${(await data(api.POST('/bills/{billId}/resubmit', { ...path, body: {} }))).status}`;
        case 'batch': {
          const answer = await data(api.POST('/batches', { body: { practiceId: bill.practiceId } }));
          return 'claimCount' in answer ? `Batch written with ${answer.claimCount} claim(s)` : 'The batch is being written';
        }
        case 'manual-upload': {
          const { data: file, error, response } = await api.POST('/bills/{billId}/manual-upload', { ...path, body: {}, parseAs: 'blob' });
          if (!file) throw new ApiError(response.status, error);
          return `Saved ${saveBlob(file, response, 'claim-837p.txt')}: upload it to Office Ally`;
        }
      }
    },
    onSuccess: async (text) => {
      setMessage(text);
      await refresh();
    },
  });
  const has = (a: BillWork['actions'][number]) => work.actions.includes(a);
  const button = (action: Parameters<typeof act.mutate>[0], label: string, primary = false) => (
    <button type="button" className={primary ? 'primary' : undefined} disabled={act.isPending} onClick={() => act.mutate(action)}>
      {label}
    </button>
  );
  return (
    <div className="actions" aria-label="Actions">
      {work.actions.length === 0 ? <p className="muted">No action is open for this bill now.</p> : null}
      {bill.status === 'AWAITING_CLAIM_FIX' ? (
        <div className="manual-note">
          <p>
            Upload the downloaded 837P to Office Ally. The claim shows up in Claim Fix between 1 minute and 3 hours later: enter the
            primary’s EOB or ERA details there, then confirm here.
          </p>
          {work.nextEscalation ? (
            <p>
              <strong>Reminder:</strong> if Claim Fix is not confirmed, the bill asks for attention at {dateTime(work.nextEscalation.at)}.
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="buttons">
        {has('submit') ? button('submit', 'Submit the bill', true) : null}
        {has('ready-to-batch') ? button('ready-to-batch', 'Set Ready to Batch', true) : null}
        {has('batch') ? button('batch', 'Batch now') : null}
        {has('manual-upload')
          ? button('manual-upload', bill.status === 'AWAITING_CLAIM_FIX' ? 'Download the 837P again' : 'Download 837P for manual upload')
          : null}
        {has('claim-fix-cleared') ? button('claim-fix-cleared', 'Claim Fix cleared', true) : null}
        {has('post-payment') ? (
          <Link className="button primary" href={`/bills/${bill.id}/payment`}>
            Post an EOB or denial letter
          </Link>
        ) : null}
        {has('correct') ? (
          <button type="button" aria-expanded={open === 'correct'} onClick={() => setOpen(open === 'correct' ? undefined : 'correct')}>
            Correct the bill
          </button>
        ) : null}
        {has('resubmit') ? button('resubmit', 'Resubmit', true) : null}
        {has('void') ? (
          <button type="button" aria-expanded={open === 'void'} onClick={() => setOpen(open === 'void' ? undefined : 'void')}>
            Void…
          </button>
        ) : null}
      </div>
      {message ? <Notice>{message}</Notice> : null}
      <ProblemAlert error={act.error} />
      {open === 'void' ? (
        <VoidForm
          billId={bill.id}
          done={async () => {
            setOpen(undefined);
            setMessage('Voided');
            await refresh();
          }}
        />
      ) : null}
      {open === 'correct' ? (
        <CorrectBill
          bill={bill}
          done={async () => {
            setOpen(undefined);
            setMessage('Corrected');
            await refresh();
          }}
        />
      ) : null}
    </div>
  );
}
