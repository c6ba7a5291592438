/** Batches: each with its status, claims and file; batch a practice's Ready to Batch claims now; send again a batch whose send failed. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { api, data, saveBlob } from '../api/client';
import { useActorName, usePractices } from '../components/lookups';
import { Notice, ProblemAlert } from '../components/problem';
import { useTitle } from '../components/title';
import { formatCents } from '../lib/money';
import { dateTime, rankLabel, shortId } from '../lib/words';

function BatchDetail({ batchId }: { batchId: string }) {
  const batch = useQuery({
    queryKey: ['batch', batchId],
    queryFn: () => data(api.GET('/batches/{batchId}', { params: { path: { batchId } } })),
  });
  const [error, setError] = useState<unknown>();
  const download = async () => {
    const {
      data: blob,
      error: problem,
      response,
    } = await api.GET('/batches/{batchId}/file', { params: { path: { batchId } }, parseAs: 'blob' });
    if (blob) saveBlob(blob, response, 'batch-837p.txt');
    else setError(new Error((problem as { detail?: string } | undefined)?.detail ?? 'no file'));
  };
  if (!batch.data) return <ProblemAlert error={batch.error} />;
  return (
    <div className="detail">
      <h3>Batch {shortId(batchId)}: claims</h3>
      <table className="list compact">
        <thead>
          <tr>
            <th scope="col">Bill</th>
            <th scope="col">Claim</th>
            <th scope="col">Kind</th>
            <th scope="col">Status</th>
            <th scope="col">Charge</th>
          </tr>
        </thead>
        <tbody>
          {batch.data.claims.map((c) => (
            <tr key={c.claimId}>
              <td>
                <Link href={`/bills/${c.billId}`}>{shortId(c.billId)}</Link>
              </td>
              <td>{rankLabel(c.rank)}</td>
              <td>{c.frequency.toLowerCase()}</td>
              <td>{c.status.toLowerCase()}</td>
              <td className="num">{formatCents(c.totalChargeCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {batch.data.fileId ? (
        <button type="button" className="small" onClick={() => void download()}>
          Download the batch’s 837P
        </button>
      ) : null}
      <ProblemAlert error={error} />
    </div>
  );
}

export function BatchesScreen() {
  useTitle('Batches');
  const queryClient = useQueryClient();
  const practices = usePractices();
  const actorName = useActorName();
  const [practiceId, setPracticeId] = useState('');
  const [open, setOpen] = useState<string>();
  const batches = useQuery({
    queryKey: ['batches'],
    refetchInterval: 15_000,
    queryFn: () => data(api.GET('/batches', { params: { query: { limit: 100 } } })),
  });
  const create = useMutation({
    mutationFn: () => data(api.POST('/batches', { body: { practiceId } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['batches'] }),
  });
  const send = useMutation({
    mutationFn: (batchId: string) => data(api.POST('/batches/{batchId}/send', { params: { path: { batchId } }, body: {} })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['batches'] }),
  });
  const practiceName = (id: string) => practices.data?.items.find((p) => p.id === id)?.name ?? shortId(id);
  return (
    <>
      <h1>Batches</h1>
      <form
        className="filters"
        aria-label="Batch now"
        onSubmit={(e) => {
          e.preventDefault();
          if (practiceId) create.mutate();
        }}
      >
        <label>
          Practice
          <select value={practiceId} onChange={(e) => setPracticeId(e.target.value)} required>
            <option value="">Choose a practice</option>
            {practices.data?.items.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={create.isPending}>
          Batch its Ready to Batch claims now
        </button>
      </form>
      {create.data ? (
        <Notice>{'claimCount' in create.data ? `Batched ${create.data.claimCount} claim(s).` : 'The batch is being written.'}</Notice>
      ) : null}
      <ProblemAlert error={create.error ?? send.error ?? batches.error} />
      <table className="list">
        <thead>
          <tr>
            <th scope="col">Created</th>
            <th scope="col">Practice</th>
            <th scope="col">Status</th>
            <th scope="col">Claims</th>
            <th scope="col">Sent</th>
            <th scope="col">By</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {batches.data?.items.map((b) => (
            <tr key={b.id} className={b.status === 'FAILED' ? 'attention' : undefined}>
              <td>{dateTime(b.createdAt)}</td>
              <td>{practiceName(b.practiceId)}</td>
              <td>{b.status.toLowerCase()}</td>
              <td className="num">{b.claimCount}</td>
              <td>{b.sentAt ? dateTime(b.sentAt) : 'not sent'}</td>
              <td>{actorName(b.createdBy)}</td>
              <td>
                <button
                  type="button"
                  className="small"
                  aria-expanded={open === b.id}
                  onClick={() => setOpen(open === b.id ? undefined : b.id)}
                >
                  Claims of batch {shortId(b.id)}
                </button>
                {b.status !== 'SENT' && b.fileId ? (
                  <button type="button" className="small" disabled={send.isPending} onClick={() => send.mutate(b.id)}>
                    Send again
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {open ? <BatchDetail batchId={open} /> : null}
    </>
  );
}
