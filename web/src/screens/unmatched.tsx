/** The unmatched ERA queue: each ERA claim that matched no bill, the likely bills for it (same member id, charge, dates), and the match. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { api, data } from '../api/client';
import type { paths } from '../api/schema';
import { Notice, ProblemAlert } from '../components/problem';
import { REVERSAL_REASONS } from './bill/money-actions';

type Override = NonNullable<
  paths['/unmatched-era-claims/{unmatchedId}/match']['post']['requestBody']
>['content']['application/json']['override'];
type OverrideReason = NonNullable<Override>['reason'];
type ReversalReason = (typeof REVERSAL_REASONS)[number][0];
const OVERRIDE_REASONS: [OverrideReason, string][] = [
  ['VERIFIED_WITH_PAYER', 'Verified with the payer'],
  ['DEMOGRAPHICS_CHANGED', "The client's details changed"],
  ['CHARGE_CORRECTED', 'The charge was corrected'],
  ['LATE_REMITTANCE_EXPECTED', 'A late remittance was expected'],
  ['OTHER', 'Other'],
];
import { useTitle } from '../components/title';
import { formatCents } from '../lib/money';
import { date, dateTime, rankLabel, shortId, statusLabel } from '../lib/words';

function Candidates({ unmatchedId, onMatched }: { unmatchedId: string; onMatched: (billId: string) => void }) {
  const queryClient = useQueryClient();
  const found = useQuery({
    queryKey: ['unmatched', unmatchedId, 'candidates'],
    queryFn: () => data(api.GET('/unmatched-era-claims/{unmatchedId}/candidates', { params: { path: { unmatchedId } } })),
  });
  const [tried, setTried] = useState<string>();
  const [overrideReason, setOverrideReason] = useState<OverrideReason>('VERIFIED_WITH_PAYER');
  const [overrideNote, setOverrideNote] = useState('');
  const match = useMutation({
    mutationFn: ({ claimId, override }: { claimId: string; override?: Override }) => {
      setTried(claimId);
      return data(
        api.POST('/unmatched-era-claims/{unmatchedId}/match', {
          params: { path: { unmatchedId } },
          body: { claimId, ...(override ? { override } : {}) },
        }),
      );
    },
    onSuccess: async (answer) => {
      await queryClient.invalidateQueries({ queryKey: ['unmatched'] });
      onMatched(answer.billId);
    },
  });
  if (found.error) return <ProblemAlert error={found.error} />;
  if (!found.data) return <p className="loading">Looking for likely bills…</p>;
  const { era, candidates } = found.data;
  return (
    <div className="candidates">
      <h3>As the ERA says it</h3>
      <dl className="facts">
        <dt>Patient</dt>
        <dd>{era.patientName ?? 'not named'}</dd>
        <dt>Member id</dt>
        <dd>{era.memberIds.join(', ') || 'none'}</dd>
        <dt>Charge / paid</dt>
        <dd>
          {formatCents(era.chargeCents)} / {formatCents(era.paidCents)} ({era.claimStatus})
        </dd>
        <dt>Service dates</dt>
        <dd>{era.datesOfService.map((d) => date(d)).join(', ')}</dd>
        <dt>Payer</dt>
        <dd>
          {era.payerName}, claim {era.payerClaimControlNumber ?? '—'}
        </dd>
        <dt>Why unmatched</dt>
        <dd>{era.whyUnmatched}</dd>
      </dl>
      <h3>Likely bills</h3>
      {candidates.length === 0 ? <p>No bill looks like it: search the work list by name or number.</p> : null}
      <table className="list">
        <thead>
          <tr>
            <th scope="col">Bill</th>
            <th scope="col">Client</th>
            <th scope="col">Why likely</th>
            <th scope="col">Charge</th>
            <th scope="col">Status</th>
            <th scope="col">Match to claim</th>
          </tr>
        </thead>
        <tbody>
          {candidates.map((c) => (
            <tr key={c.billId}>
              <td>
                <Link href={`/bills/${c.billId}`}>{shortId(c.billId)}</Link>
                <br />
                <span className="muted">{c.practiceName}</span>
              </td>
              <td>
                {c.client.lastName}, {c.client.firstName}
              </td>
              <td>{c.reasons.join(', ')}</td>
              <td className="num">{formatCents(c.totalChargeCents)}</td>
              <td>{statusLabel(c.status)}</td>
              <td>
                {c.claims
                  .filter((cl) => cl.frequency !== 'VOID')
                  .map((cl) => (
                    <button
                      key={cl.id}
                      type="button"
                      className={cl.id === c.suggestedClaimId ? 'primary small' : 'small'}
                      disabled={match.isPending}
                      onClick={() => match.mutate({ claimId: cl.id })}
                    >
                      Match to {rankLabel(cl.rank).toLowerCase()} claim {cl.patientControlNumber}
                    </button>
                  ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ProblemAlert error={match.error} />
      {match.error && tried ? (
        <form
          className="inline-form"
          aria-label="Match anyway"
          onSubmit={(e) => {
            e.preventDefault();
            match.mutate({
              claimId: tried,
              override: { reason: overrideReason, ...(overrideNote.trim() ? { note: overrideNote.trim() } : {}) },
            });
          }}
        >
          <label>
            Match anyway, because
            <select value={overrideReason} onChange={(e) => setOverrideReason(e.target.value as OverrideReason)}>
              {OVERRIDE_REASONS.map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label className="grow">
            Note (kept in the audit trail)
            <input value={overrideNote} maxLength={500} onChange={(e) => setOverrideNote(e.target.value)} />
          </label>
          <button type="submit" className="danger" disabled={match.isPending}>
            Match anyway
          </button>
        </form>
      ) : null}
    </div>
  );
}

/** Matches made by hand, with their undo: the payment is reversed (an entry, never a delete) and the ERA claim is open again. */
function MatchedByHand() {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState<ReversalReason>('WRONG_MATCH');
  const matched = useQuery({
    queryKey: ['unmatched', 'matched'],
    queryFn: () => data(api.GET('/unmatched-era-claims', { params: { query: { limit: 50, status: 'MATCHED' } } })),
  });
  const undo = useMutation({
    mutationFn: (unmatchedId: string) =>
      data(api.POST('/unmatched-era-claims/{unmatchedId}/undo', { params: { path: { unmatchedId } }, body: { reason } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['unmatched'] }),
  });
  const items = matched.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="matched-heading">
      <h2 id="matched-heading">Matched by hand</h2>
      <label>
        Why undo
        <select value={reason} onChange={(e) => setReason(e.target.value as ReversalReason)}>
          {REVERSAL_REASONS.map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <table className="list">
        <thead>
          <tr>
            <th scope="col">Matched</th>
            <th scope="col">Claim number in the ERA</th>
            <th scope="col">Paid</th>
            <th scope="col">Undo</th>
          </tr>
        </thead>
        <tbody>
          {items.map((u) => (
            <tr key={u.id}>
              <td>{dateTime(u.resolvedAt)}</td>
              <td>{u.patientControlNumber}</td>
              <td className="num">{formatCents(u.paidCents)}</td>
              <td>
                <button type="button" className="small" disabled={undo.isPending} onClick={() => undo.mutate(u.id)}>
                  Undo the match of {u.patientControlNumber}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ProblemAlert error={undo.error} />
    </section>
  );
}

export function UnmatchedScreen() {
  useTitle('Unmatched ERAs');
  const [open, setOpen] = useState<string>();
  const [matched, setMatched] = useState<string>();
  const queue = useQuery({
    queryKey: ['unmatched', 'list'],
    refetchInterval: 15_000,
    queryFn: () => data(api.GET('/unmatched-era-claims', { params: { query: { limit: 200, status: 'OPEN' } } })),
  });
  return (
    <>
      <h1>Unmatched ERAs</h1>
      <p>ERA claims that matched no bill by their claim number. Nothing is posted until a person matches them.</p>
      {matched ? (
        <Notice>
          Matched: the payment is posted to <Link href={`/bills/${matched}`}>bill {shortId(matched)}</Link>.
        </Notice>
      ) : null}
      <ProblemAlert error={queue.error} />
      <table className="list">
        <thead>
          <tr>
            <th scope="col">Received</th>
            <th scope="col">Claim number in the ERA</th>
            <th scope="col">Payer’s claim number</th>
            <th scope="col">Charge</th>
            <th scope="col">Paid</th>
            <th scope="col">Match</th>
          </tr>
        </thead>
        <tbody>
          {queue.data?.items.map((u) => (
            <tr key={u.id} className={open === u.id ? 'selected' : undefined}>
              <td>{dateTime(u.createdAt)}</td>
              <td>{u.patientControlNumber}</td>
              <td>{u.payerClaimControlNumber ?? ''}</td>
              <td className="num">{formatCents(u.chargeCents)}</td>
              <td className="num">{formatCents(u.paidCents)}</td>
              <td>
                <button
                  type="button"
                  className="small"
                  aria-expanded={open === u.id}
                  onClick={() => setOpen(open === u.id ? undefined : u.id)}
                >
                  Find the bill for {u.patientControlNumber}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {queue.data?.items.length === 0 ? <p>The queue is empty.</p> : null}
      <MatchedByHand />
      {open ? (
        <Candidates
          unmatchedId={open}
          onMatched={(billId) => {
            setOpen(undefined);
            setMatched(billId);
          }}
        />
      ) : null}
    </>
  );
}
