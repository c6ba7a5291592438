/** The read-only parts of a bill's screen, as the API gives them (no sums are made here). */
import { useState } from 'react';
import { api, saveBlob } from '../../api/client';
import type { Bill, Client, TimelinePage } from '../../api/types';
import { useActorName, usePayers } from '../../components/lookups';
import { Notice, ProblemAlert } from '../../components/problem';
import { formatCents } from '../../lib/money';
import { ReversePayment } from './money-actions';
import { ResolveDiscrepancy, standingWords } from './money-sections';
import { ADJUSTMENT_GROUPS, date, dateTime, rankLabel, statusLabel } from '../../lib/words';

/** "status:AWAITING_PRIMARY" -> "Status: Awaiting primary"; other steps as they are named. */
const stepName = (action: string) => (action.startsWith('status:') ? `Status: ${statusLabel(action.slice(7))}` : action);

const RELATIONSHIP: Record<string, string> = { '18': 'self', '01': 'spouse', '19': 'child', G8: 'other' };

export function ClientSection({ client, error }: { client: Client | undefined; error: unknown }) {
  return (
    <section aria-labelledby="client-heading">
      <h2 id="client-heading">Client and policies</h2>
      <ProblemAlert error={error} />
      {client ? (
        <>
          <p>
            {client.firstName} {client.lastName}, born {date(client.dateOfBirth)} · {client.city}, {client.state}
          </p>
          <table className="list">
            <caption className="visually-hidden">Insurance policies by rank</caption>
            <thead>
              <tr>
                <th scope="col">Rank</th>
                <th scope="col">Payer</th>
                <th scope="col">Member id</th>
                <th scope="col">Group</th>
                <th scope="col">Subscriber</th>
                <th scope="col">Active</th>
              </tr>
            </thead>
            <tbody>
              {client.policies.map((p) => (
                <tr key={p.id}>
                  <td>{rankLabel(p.rank)}</td>
                  <td>{p.payerCode}</td>
                  <td>{p.memberId}</td>
                  <td>{p.groupNumber ?? ''}</td>
                  <td>
                    {RELATIONSHIP[p.relationshipCode] ?? p.relationshipCode}
                    {p.subscriberLastName ? `: ${p.subscriberFirstName ?? ''} ${p.subscriberLastName}` : ''}
                  </td>
                  <td>{p.active ? 'yes' : 'no'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}

export function LinesSection({ bill }: { bill: Bill }) {
  return (
    <section aria-labelledby="lines-heading">
      <h2 id="lines-heading">Service lines</h2>
      <p>
        Diagnoses: {bill.diagnosisCodes.join(', ')} · place of service {bill.placeOfService}
      </p>
      <table className="list">
        <caption className="visually-hidden">Service lines</caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Procedure</th>
            <th scope="col">Modifiers</th>
            <th scope="col">Diagnosis pointers</th>
            <th scope="col">Units</th>
            <th scope="col">Service date</th>
            <th scope="col">Charge</th>
          </tr>
        </thead>
        <tbody>
          {bill.serviceLines.map((l) => (
            <tr key={l.id}>
              <td>{l.lineNumber}</td>
              <td>{l.procedureCode}</td>
              <td>{l.modifiers.join(' ')}</td>
              <td>{l.diagnosisPointers.join(', ')}</td>
              <td>{l.units}</td>
              <td>{date(l.dateOfService)}</td>
              <td className="num">{formatCents(l.chargeCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Download837p({ claimId }: { claimId: string }) {
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState<string>();
  const download = async () => {
    setError(undefined);
    const { data, error: problem, response } = await api.GET('/claims/{claimId}/837p', { params: { path: { claimId } }, parseAs: 'blob' });
    if (!data) setError(new Error((problem as { detail?: string } | undefined)?.detail ?? 'no 837P yet'));
    else setSaved(saveBlob(data, response, '837p.txt'));
  };
  return (
    <>
      <button type="button" className="small" onClick={() => void download()}>
        Download 837P
      </button>
      {saved ? <Notice>Saved {saved}</Notice> : null}
      <ProblemAlert error={error} />
    </>
  );
}

export function ClaimsSection({ bill }: { bill: Bill }) {
  const payers = usePayers();
  const actorName = useActorName();
  const payerName = (id: string) => payers.data?.items.find((p) => p.id === id)?.name ?? '';
  const lineOf = (n: number | null) => (n === null ? 'claim' : `line ${n}`);
  return (
    <section aria-labelledby="claims-heading">
      <h2 id="claims-heading">Claims and payments</h2>
      {bill.claims.length === 0 ? <p>No claim yet: the bill has not been submitted.</p> : null}
      {bill.claims.map((c) => (
        <article key={c.id} className="claim" aria-label={`${rankLabel(c.rank)} claim ${c.patientControlNumber}`}>
          <h3>
            {rankLabel(c.rank)} claim {c.patientControlNumber} to {payerName(c.payerId)}
          </h3>
          <dl className="facts">
            <dt>Status</dt>
            <dd>
              {c.status.toLowerCase()}
              {c.statusReason ? `: ${c.statusReason}` : ''}
            </dd>
            <dt>Kind</dt>
            <dd>
              {c.frequency.toLowerCase()}
              {c.manualUpload ? ', uploaded by hand' : ''}
            </dd>
            <dt>Payer’s claim number</dt>
            <dd>{c.payerClaimControlNumber ?? 'not known yet'}</dd>
            <dt>Charge</dt>
            <dd>{formatCents(c.totalChargeCents)}</dd>
            <dt>Sent</dt>
            <dd>{c.submittedAt ? dateTime(c.submittedAt) : 'not yet'}</dd>
          </dl>
          {c.batchId || c.manualUpload || c.submittedAt ? <Download837p claimId={c.id} /> : null}
          {c.payments.map((p) => (
            <div key={p.id} className="payment">
              <h4>
                {p.source === 'ERA' ? 'ERA' : p.source === 'REVERSAL' ? 'Reversal' : 'EOB'} payment, adjudicated {date(p.adjudicationDate)}:
                paid {formatCents(p.paidCents)}, patient responsibility {formatCents(p.patientResponsibilityCents)}
              </h4>
              <p className="muted">
                Claim status {p.claimStatusCode} · posted by {actorName(p.postedBy)}
                {p.source === 'EOB' && p.remittanceId ? ' · paper remittance attached' : ''}
                {standingWords(p) ? ` · ${standingWords(p)}` : ''}
              </p>
              {p.standing === 'PENDING_REVIEW' ? <ResolveDiscrepancy billId={bill.id} paymentId={p.id} /> : null}
              {p.standing === 'STANDING' &&
              !p.reversesPaymentId &&
              !c.payments.some((q) => q.reversesPaymentId === p.id) &&
              bill.status !== 'CLOSED' &&
              bill.status !== 'VOIDED' ? (
                <ReversePayment billId={bill.id} paymentId={p.id} />
              ) : null}
              <table className="list compact">
                <caption className="visually-hidden">Adjustments of this payment</caption>
                <thead>
                  <tr>
                    <th scope="col">Where</th>
                    <th scope="col">Group</th>
                    <th scope="col">Reason</th>
                    <th scope="col">Amount</th>
                  </tr>
                </thead>
                <tbody>
                  {p.adjustments.map((a, i) => (
                    <tr key={i}>
                      <td>{lineOf(a.lineNumber)}</td>
                      <td>{ADJUSTMENT_GROUPS[a.group] ?? a.group}</td>
                      <td>{a.reason}</td>
                      <td className="num">{formatCents(a.amountCents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </article>
      ))}
    </section>
  );
}

export function TimelineSection({ events, error }: { events: TimelinePage['items']; error: unknown }) {
  const actorName = useActorName();
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Timeline</h2>
      <ProblemAlert error={error} />
      <ol className="timeline">
        {events.map((e) => (
          <li key={e.id}>
            <time dateTime={e.at}>{dateTime(e.at)}</time> <strong>{stepName(e.action)}</strong> by {actorName(e.actor)}
            {typeof e.details === 'object' && e.details && 'note' in e.details ? (
              <span className="muted"> · {String(e.details.note)}</span>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
