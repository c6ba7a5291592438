/** Clearinghouse files: every file sent or received, with its status, and what was wrong and where when it failed. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, data } from '../api/client';
import { ProblemAlert } from '../components/problem';
import { useTitle } from '../components/title';
import { dateTime } from '../lib/words';

const STATUSES = ['WRITTEN', 'SENT', 'RECEIVED', 'PROCESSED', 'FAILED', 'NEEDS_REVIEW'] as const;
const KINDS = ['837P', '835', '999', '277CA', 'OTHER'] as const;

export function FilesScreen() {
  useTitle('Clearinghouse files');
  const [status, setStatus] = useState<(typeof STATUSES)[number] | ''>('');
  const [kind, setKind] = useState<(typeof KINDS)[number] | ''>('');
  const files = useQuery({
    queryKey: ['files', status, kind],
    refetchInterval: 15_000,
    queryFn: () =>
      data(
        api.GET('/clearinghouse-files', { params: { query: { limit: 200, ...(status ? { status } : {}), ...(kind ? { kind } : {}) } } }),
      ),
  });
  return (
    <>
      <h1>Clearinghouse files</h1>
      <form className="filters" aria-label="Filter the files" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.toLowerCase().replace('_', ' ')}
              </option>
            ))}
          </select>
        </label>
        <label>
          Kind
          <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="">Any</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
      </form>
      <ProblemAlert error={files.error} />
      <table className="list">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Direction</th>
            <th scope="col">Kind</th>
            <th scope="col">Name</th>
            <th scope="col">Status</th>
            <th scope="col">Error or note</th>
          </tr>
        </thead>
        <tbody>
          {files.data?.items.map((f) => (
            <tr key={f.id} className={f.status === 'FAILED' || f.status === 'NEEDS_REVIEW' ? 'attention' : undefined}>
              <td>{dateTime(f.createdAt)}</td>
              <td>{f.direction === 'OUTBOUND' ? 'sent' : 'received'}</td>
              <td>{f.kind}</td>
              <td className="mono">{f.remoteName ?? f.name}</td>
              <td>{f.status.toLowerCase().replace('_', ' ')}</td>
              <td>{f.error ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {files.data?.items.length === 0 ? <p>No files.</p> : null}
    </>
  );
}
