/** A bill: client and policies by rank, lines, claims with their 837P, payments, what it waits for, the actions allowed now, the timeline. */
import { useParams } from 'wouter';
import { ProblemAlert } from '../../components/problem';
import { useTitle } from '../../components/title';
import { formatCents } from '../../lib/money';
import { ago, date, dateTime, shortId, statusLabel } from '../../lib/words';
import { BillActions } from './bill-actions';
import { AcknowledgeFlag } from './money-actions';
import { ClaimsSection, ClientSection, LinesSection, TimelineSection } from './bill-sections';
import { BalancesSection, FlagsSection } from './money-sections';
import { useBill, useBillWork, useClient, useTimeline } from './queries';

export function BillScreen() {
  useTitle('Bill');
  const { billId = '' } = useParams<{ billId: string }>();
  const bill = useBill(billId);
  const work = useBillWork(bill.data);
  const client = useClient(bill.data?.client.id);
  const timeline = useTimeline(bill.data);
  if (bill.error) return <ProblemAlert error={bill.error} />;
  if (!bill.data) return <p className="loading">Loading the bill…</p>;
  const b = bill.data;
  const w = work.data;
  return (
    <>
      <h1>
        Bill {shortId(b.id)}: {b.client.lastName}, {b.client.firstName}
      </h1>
      <section className="status-panel" aria-labelledby="status-heading">
        <h2 id="status-heading">
          <span className={`status status-${b.status.toLowerCase()}`}>{statusLabel(b.status)}</span>{' '}
          <span className="muted">
            {b.rank.toLowerCase()} payer · for {ago(b.statusSince)} (since {dateTime(b.statusSince)})
          </span>
        </h2>
        {w?.attention ? (
          <>
            <p className="attention-note" role="status">
              <strong>Needs attention:</strong> {w.attention.text} (since {dateTime(w.attention.since)})
            </p>
            {b.flags.length === 0 ? <AcknowledgeFlag billId={b.id} reason={w.attention.reason} /> : null}
          </>
        ) : null}
        <dl className="facts">
          <dt>Waits for</dt>
          <dd>{w?.waitingFor ?? (b.status === 'CLOSED' || b.status === 'VOIDED' ? 'nothing: the bill is done' : 'unknown')}</dd>
          <dt>Escalates</dt>
          <dd>{w?.nextEscalation ? `${dateTime(w.nextEscalation.at)}, if nothing happens: ${w.nextEscalation.text}` : 'no timer runs'}</dd>
          <dt>Charge</dt>
          <dd>{formatCents(b.totalChargeCents)}</dd>
          <dt>Service date</dt>
          <dd>{date(b.firstDateOfService)}</dd>
        </dl>
        <ProblemAlert error={work.error} />
        {w ? <BillActions bill={b} work={w} /> : null}
      </section>
      <FlagsSection bill={b} />
      <BalancesSection bill={b} />
      <ClientSection client={client.data} error={client.error} />
      <LinesSection bill={b} />
      <ClaimsSection bill={b} />
      <TimelineSection events={timeline.data?.items ?? []} error={timeline.error} />
    </>
  );
}
