/** The unmatched ERA queue: each ERA claim that matched no bill, the likely bills for it (same member id, charge, dates), and the match. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { api, data } from '../api/client';
import { Notice, ProblemAlert } from '../components/problem';
import { useTitle } from '../components/title';
import { formatCents } from '../lib/money';
import { date, dateTime, rankLabel, shortId, statusLabel } from '../lib/words';

function Candidates({ unmatchedId, onMatched }: { unmatchedId: string; onMatched: (billId: string) => void }) {
  const queryClient = useQueryClient();
  const found = useQuery({
    queryKey: ['unmatched', unmatchedId, 'candidates'],
    queryFn: () => data(api.GET('/unmatched-era-claims/{unmatchedId}/candidates', { params: { path: { unmatchedId } } })),
  });
  const match = useMutation({
    mutationFn: (claimId: string) =>
      data(api.POST('/unmatched-era-claims/{unmatchedId}/match', { params: { path: { unmatchedId } }, body: { claimId } })),
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
                      onClick={() => match.mutate(cl.id)}
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
    </div>
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
