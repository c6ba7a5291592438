/** The work list: bills needing attention first (why, since when), then by status; filters and a search by name or number. */
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { api, data } from '../api/client';
import type { SearchBody } from '../api/types';
import { usePayers, usePractices } from '../components/lookups';
import { ProblemAlert } from '../components/problem';
import { useTitle } from '../components/title';
import { formatCents } from '../lib/money';
import { ago, date, dateTime, shortId, STATUSES, statusLabel } from '../lib/words';

type Filters = Pick<SearchBody, 'practiceId' | 'payerId' | 'text'> & { status?: string };

export function WorkListScreen() {
  useTitle('Work list');
  const practices = usePractices();
  const payers = usePayers();
  const [draft, setDraft] = useState<Filters>({});
  const [filters, setFilters] = useState<Filters>({});
  const search = useInfiniteQuery({
    queryKey: ['bills', 'search', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      data(
        api.POST('/bills/search', {
          body: {
            sort: 'attention',
            limit: 50,
            ...(filters.practiceId ? { practiceId: filters.practiceId } : {}),
            ...(filters.payerId ? { payerId: filters.payerId } : {}),
            ...(filters.text ? { text: filters.text } : {}),
            ...(filters.status ? { status: [filters.status as NonNullable<SearchBody['status']>[number]] } : {}),
            ...(pageParam ? { cursor: pageParam } : {}),
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilters({ ...draft, text: draft.text?.trim() || undefined });
  };
  const items = search.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <h1>Work list</h1>
      <form className="filters" onSubmit={apply} aria-label="Filter the work list">
        <label>
          Practice
          <select value={draft.practiceId ?? ''} onChange={(e) => setDraft({ ...draft, practiceId: e.target.value || undefined })}>
            <option value="">All practices</option>
            {practices.data?.items.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Payer
          <select value={draft.payerId ?? ''} onChange={(e) => setDraft({ ...draft, payerId: e.target.value || undefined })}>
            <option value="">All payers</option>
            {payers.data?.items.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.payerCode})
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select value={draft.status ?? ''} onChange={(e) => setDraft({ ...draft, status: e.target.value || undefined })}>
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label className="grow">
          Search
          <input
            type="search"
            placeholder="Client name, bill id, our claim number or the payer's"
            value={draft.text ?? ''}
            onChange={(e) => setDraft({ ...draft, text: e.target.value })}
          />
        </label>
        <button type="submit">Show</button>
      </form>
      <ProblemAlert error={search.error} />
      <table className="list">
        <caption className="visually-hidden">Bills, needing attention first</caption>
        <thead>
          <tr>
            <th scope="col">Needs attention</th>
            <th scope="col">Client</th>
            <th scope="col">Bill</th>
            <th scope="col">Status</th>
            <th scope="col">Payer</th>
            <th scope="col">Claim numbers</th>
            <th scope="col">Charge</th>
            <th scope="col">Service date</th>
            <th scope="col">Escalates</th>
          </tr>
        </thead>
        <tbody>
          {items.map((b) => (
            <tr key={b.id} className={b.needsAttention ? 'attention' : undefined}>
              <td>
                {b.needsAttention ? (
                  <>
                    <strong>{b.attentionText}</strong>
                    <br />
                    <span className="muted">since {dateTime(b.attentionSince)}</span>
                  </>
                ) : (
                  <span className="muted">no</span>
                )}
              </td>
              <td>
                {b.client.lastName}, {b.client.firstName}
                <br />
                <span className="muted">{b.practiceName}</span>
              </td>
              <td>
                <Link href={`/bills/${b.id}`} aria-label={`Bill ${shortId(b.id)}`}>
                  {shortId(b.id)}
                </Link>
              </td>
              <td>
                {statusLabel(b.status)}
                <br />
                <span className="muted">for {ago(b.statusSince)}</span>
              </td>
              <td>{b.payer ? `${b.payer.name} (${b.rank.toLowerCase()})` : ''}</td>
              <td>
                {b.claimNumber ?? ''}
                {b.payerClaimNumber ? (
                  <>
                    <br />
                    <span className="muted">payer {b.payerClaimNumber}</span>
                  </>
                ) : null}
              </td>
              <td className="num">{formatCents(b.totalChargeCents)}</td>
              <td>{date(b.firstDateOfService)}</td>
              <td>{b.nextEscalation ? dateTime(b.nextEscalation.at) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {search.isSuccess && items.length === 0 ? <p>No bills match.</p> : null}
      {search.hasNextPage ? (
        <button type="button" onClick={() => void search.fetchNextPage()} disabled={search.isFetchingNextPage}>
          Show more
        </button>
      ) : null}
    </>
  );
}
