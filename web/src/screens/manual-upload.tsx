/** Manual upload: claims of practices that upload by hand, ready to download, and those waiting for Claim Fix with their 3-hour reminder. */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, data } from '../api/client';
import type { SearchItem } from '../api/types';
import { ProblemAlert } from '../components/problem';
import { useTitle } from '../components/title';
import { formatCents } from '../lib/money';
import { ago, dateTime, shortId } from '../lib/words';

function useBills(status: 'READY_TO_BATCH' | 'AWAITING_CLAIM_FIX', submitsManually?: boolean) {
  return useQuery({
    queryKey: ['bills', 'manual', status],
    refetchInterval: 15_000,
    queryFn: () =>
      data(
        api.POST('/bills/search', {
          body: { status: [status], sort: 'oldest', limit: 200, ...(submitsManually !== undefined ? { submitsManually } : {}) },
        }),
      ),
  });
}

function Rows({ items, reminder }: { items: SearchItem[]; reminder: boolean }) {
  return (
    <tbody>
      {items.map((b) => (
        <tr key={b.id} className={b.needsAttention ? 'attention' : undefined}>
          <td>
            <Link href={`/bills/${b.id}`} aria-label={`Bill ${shortId(b.id)}`}>
              {shortId(b.id)}
            </Link>
          </td>
          <td>
            {b.client.lastName}, {b.client.firstName}
          </td>
          <td>{b.practiceName}</td>
          <td>{b.payer ? `${b.payer.name} (${b.rank.toLowerCase()})` : ''}</td>
          <td className="num">{formatCents(b.totalChargeCents)}</td>
          <td>for {ago(b.statusSince)}</td>
          {reminder ? (
            <td>{b.needsAttention ? <strong>{b.attentionText}</strong> : b.nextEscalation ? dateTime(b.nextEscalation.at) : ''}</td>
          ) : null}
        </tr>
      ))}
    </tbody>
  );
}

function Head({ reminder }: { reminder: boolean }) {
  return (
    <thead>
      <tr>
        <th scope="col">Bill</th>
        <th scope="col">Client</th>
        <th scope="col">Practice</th>
        <th scope="col">Payer</th>
        <th scope="col">Charge</th>
        <th scope="col">Waiting</th>
        {reminder ? <th scope="col">Reminder at</th> : null}
      </tr>
    </thead>
  );
}

export function ManualUploadScreen() {
  useTitle('Manual upload');
  const ready = useBills('READY_TO_BATCH', true);
  const waiting = useBills('AWAITING_CLAIM_FIX');
  return (
    <>
      <h1>Manual upload</h1>
      <p>
        For practices that upload claims to Office Ally by hand: open a bill, download its 837P and upload it to Office Ally. The claim
        shows up in Claim Fix between 1 minute and 3 hours later; enter the primary’s EOB or ERA details there, then confirm on the bill
        that Claim Fix cleared. A claim not confirmed within 3 hours asks for attention.
      </p>
      <section aria-labelledby="ready-heading">
        <h2 id="ready-heading">Ready to download</h2>
        <ProblemAlert error={ready.error} />
        <table className="list">
          <Head reminder={false} />
          <Rows items={ready.data?.items ?? []} reminder={false} />
        </table>
        {ready.data?.items.length === 0 ? <p>Nothing to download.</p> : null}
      </section>
      <section aria-labelledby="claimfix-heading">
        <h2 id="claimfix-heading">Waiting for Claim Fix</h2>
        <ProblemAlert error={waiting.error} />
        <table className="list">
          <Head reminder />
          <Rows items={waiting.data?.items ?? []} reminder />
        </table>
        {waiting.data?.items.length === 0 ? <p>No claim waits for Claim Fix.</p> : null}
      </section>
    </>
  );
}
