/** Admin: payers and their settings (escalation days, timely filing days, filing indicator). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, data } from '../../api/client';
import type { Payer, PayerBody } from '../../api/types';
import { TextField } from '../../components/fields';
import { usePayers } from '../../components/lookups';
import { Notice, ProblemAlert } from '../../components/problem';
import { useTitle } from '../../components/title';

const INDICATORS = [
  ['CI', 'Commercial'],
  ['BL', 'Blue Cross Blue Shield'],
  ['MB', 'Medicare Part B'],
  ['MC', 'Medicaid'],
  ['HM', 'HMO'],
  ['CH', 'TRICARE'],
  ['ZZ', 'Other'],
] as const;

function PayerForm({ payer, done }: { payer: Payer | undefined; done: (p: Payer) => void }) {
  const [name, setName] = useState(payer?.name ?? '');
  const [payerCode, setPayerCode] = useState(payer?.payerCode ?? '');
  const [indicator, setIndicator] = useState(payer?.claimFilingIndicator ?? 'CI');
  const [responseDays, setResponseDays] = useState(String(payer?.responseDays ?? 30));
  const [timelyFilingDays, setTimelyFilingDays] = useState(String(payer?.timelyFilingDays ?? 90));
  const save = useMutation({
    mutationFn: () => {
      const body: PayerBody = {
        name: name.trim(),
        payerCode: payerCode.trim(),
        claimFilingIndicator: indicator as NonNullable<PayerBody['claimFilingIndicator']>,
        responseDays: Number(responseDays),
        timelyFilingDays: Number(timelyFilingDays),
      };
      return payer
        ? data(api.PATCH('/payers/{payerId}', { params: { path: { payerId: payer.id } }, body }))
        : data(api.POST('/payers', { body }));
    },
    onSuccess: done,
  });
  return (
    <form
      className="admin-form"
      aria-label={payer ? `Change ${payer.name}` : 'New payer'}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <TextField label="Name" value={name} onChange={setName} required />
      <TextField label="Office Ally payer id" value={payerCode} onChange={setPayerCode} required />
      <label>
        Claim filing indicator
        <select value={indicator} onChange={(e) => setIndicator(e.target.value)}>
          {INDICATORS.map(([code, label]) => (
            <option key={code} value={code}>
              {code} {label}
            </option>
          ))}
        </select>
      </label>
      <TextField
        label="Escalate when no answer after (days)"
        value={responseDays}
        onChange={setResponseDays}
        inputMode="numeric"
        required
      />
      <TextField label="Timely filing limit (days)" value={timelyFilingDays} onChange={setTimelyFilingDays} inputMode="numeric" required />
      <button type="submit" className="primary" disabled={save.isPending}>
        {payer ? 'Save the payer' : 'Create the payer'}
      </button>
      <ProblemAlert error={save.error} />
    </form>
  );
}

export function AdminPayers() {
  useTitle('Payers');
  const queryClient = useQueryClient();
  const payers = usePayers();
  const [editing, setEditing] = useState<string | 'new' | undefined>();
  const [saved, setSaved] = useState<string>();
  const current = payers.data?.items.find((p) => p.id === editing);
  return (
    <>
      <h1>Payers</h1>
      {saved ? <Notice>Saved {saved}.</Notice> : null}
      <ProblemAlert error={payers.error} />
      <table className="list">
        <thead>
          <tr>
            <th scope="col">Payer</th>
            <th scope="col">Payer id</th>
            <th scope="col">Filing indicator</th>
            <th scope="col">Escalates after</th>
            <th scope="col">Timely filing</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {payers.data?.items.map((p) => (
            <tr key={p.id}>
              <td>{p.name}</td>
              <td className="mono">{p.payerCode}</td>
              <td>{p.claimFilingIndicator}</td>
              <td>{p.responseDays} days</td>
              <td>{p.timelyFilingDays} days</td>
              <td>
                <button type="button" className="small" onClick={() => setEditing(p.id)}>
                  Change {p.name}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => setEditing('new')}>
        New payer
      </button>
      {editing ? (
        <section aria-labelledby="payer-form-heading">
          <h2 id="payer-form-heading">{current ? current.name : 'New payer'}</h2>
          <PayerForm
            key={editing}
            payer={current}
            done={(p) => {
              setSaved(p.name);
              setEditing(undefined);
              void queryClient.invalidateQueries({ queryKey: ['payers'] });
            }}
          />
        </section>
      ) : null}
    </>
  );
}
