/** Admin: practices and their settings (auto-batch secondary, batch schedule, manual submission), and their providers. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, data } from '../../api/client';
import type { Practice, PracticeBody } from '../../api/types';
import { CheckField, orNull, TextField } from '../../components/fields';
import { usePractices } from '../../components/lookups';
import { Notice, ProblemAlert } from '../../components/problem';
import { useTitle } from '../../components/title';

type Draft = Record<
  'name' | 'npi' | 'taxId' | 'taxonomyCode' | 'addressLine1' | 'city' | 'state' | 'postalCode' | 'phone' | 'batchCron',
  string
> & {
  autoBatchSecondary: boolean;
  submitsManually: boolean;
};

const empty: Draft = {
  name: '',
  npi: '',
  taxId: '',
  taxonomyCode: '',
  addressLine1: '',
  city: '',
  state: '',
  postalCode: '',
  phone: '',
  batchCron: '',
  autoBatchSecondary: true,
  submitsManually: false,
};

const draftOf = (p: Practice): Draft => ({
  name: p.name,
  npi: p.npi,
  taxId: p.taxId,
  taxonomyCode: p.taxonomyCode ?? '',
  addressLine1: p.addressLine1,
  city: p.city,
  state: p.state,
  postalCode: p.postalCode,
  phone: p.phone ?? '',
  batchCron: p.batchCron ?? '',
  autoBatchSecondary: p.autoBatchSecondary,
  submitsManually: p.submitsManually,
});

function bodyOf(d: Draft): PracticeBody {
  return {
    name: d.name.trim(),
    npi: d.npi.trim(),
    taxId: d.taxId.trim(),
    taxonomyCode: orNull(d.taxonomyCode),
    addressLine1: d.addressLine1.trim(),
    city: d.city.trim(),
    state: d.state.trim().toUpperCase(),
    postalCode: d.postalCode.trim(),
    phone: orNull(d.phone),
    batchCron: orNull(d.batchCron),
    autoBatchSecondary: d.autoBatchSecondary,
    submitsManually: d.submitsManually,
  };
}

function PracticeForm({ practice, done }: { practice: Practice | undefined; done: (p: Practice) => void }) {
  const [d, setD] = useState<Draft>(practice ? draftOf(practice) : empty);
  const save = useMutation({
    mutationFn: () =>
      practice
        ? data(api.PATCH('/practices/{practiceId}', { params: { path: { practiceId: practice.id } }, body: bodyOf(d) }))
        : data(api.POST('/practices', { body: bodyOf(d) })),
    onSuccess: done,
  });
  const text = (field: keyof Draft & keyof typeof empty, label: string, extra: Record<string, unknown> = {}) => (
    <TextField label={label} value={String(d[field])} onChange={(v) => setD({ ...d, [field]: v })} {...extra} />
  );
  return (
    <form
      className="admin-form"
      aria-label={practice ? `Change ${practice.name}` : 'New practice'}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      {text('name', 'Name', { required: true })}
      {text('npi', 'NPI (10 digits)', { required: true, inputMode: 'numeric' })}
      {text('taxId', 'Tax id (9 digits)', { required: true, inputMode: 'numeric' })}
      {text('taxonomyCode', 'Taxonomy code')}
      {text('addressLine1', 'Address', { required: true })}
      {text('city', 'City', { required: true })}
      {text('state', 'State (2 letters)', { required: true, maxLength: 2 })}
      {text('postalCode', 'ZIP+4 (9 digits)', { required: true, inputMode: 'numeric' })}
      {text('phone', 'Phone (10 digits)')}
      <fieldset>
        <legend>Settings</legend>
        <CheckField
          label="Batch the secondary claim by itself once the primary is processed"
          checked={d.autoBatchSecondary}
          onChange={(v) => setD({ ...d, autoBatchSecondary: v })}
        />
        <CheckField
          label="Submits manually: staff download the 837P and upload it to Office Ally"
          checked={d.submitsManually}
          onChange={(v) => setD({ ...d, submitsManually: v })}
        />
        {text('batchCron', 'Batch schedule (cron, e.g. "0 18 * * 1-5"; empty: by hand only)')}
      </fieldset>
      <button type="submit" className="primary" disabled={save.isPending}>
        {practice ? 'Save the practice' : 'Create the practice'}
      </button>
      <ProblemAlert error={save.error} />
    </form>
  );
}

function Providers({ practiceId }: { practiceId: string }) {
  const queryClient = useQueryClient();
  const [npi, setNpi] = useState('');
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [taxonomyCode, setTaxonomyCode] = useState('');
  const list = useQuery({
    queryKey: ['providers', practiceId],
    queryFn: () => data(api.GET('/practices/{practiceId}/providers', { params: { path: { practiceId }, query: { limit: 200 } } })),
  });
  const add = useMutation({
    mutationFn: () =>
      data(
        api.POST('/practices/{practiceId}/providers', {
          params: { path: { practiceId } },
          body: { npi: npi.trim(), lastName: lastName.trim(), firstName: orNull(firstName), taxonomyCode: orNull(taxonomyCode) },
        }),
      ),
    onSuccess: async () => {
      setNpi('');
      setFirstName('');
      setLastName('');
      setTaxonomyCode('');
      await queryClient.invalidateQueries({ queryKey: ['providers', practiceId] });
    },
  });
  return (
    <section aria-labelledby="providers-heading">
      <h3 id="providers-heading">Providers</h3>
      <ul>
        {list.data?.items.map((p) => (
          <li key={p.id}>
            {p.firstName ?? ''} {p.lastName}, NPI {p.npi}
            {p.taxonomyCode ? `, taxonomy ${p.taxonomyCode}` : ''}
          </li>
        ))}
      </ul>
      <form
        className="inline-form"
        aria-label="Add a provider"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <TextField label="Provider NPI" value={npi} onChange={setNpi} required inputMode="numeric" />
        <TextField label="First name" value={firstName} onChange={setFirstName} />
        <TextField label="Last name" value={lastName} onChange={setLastName} required />
        <TextField label="Taxonomy code" value={taxonomyCode} onChange={setTaxonomyCode} />
        <button type="submit" disabled={add.isPending}>
          Add the provider
        </button>
        <ProblemAlert error={add.error} />
      </form>
    </section>
  );
}

export function AdminPractices() {
  useTitle('Practices');
  const queryClient = useQueryClient();
  const practices = usePractices();
  // The practice being changed, as the API last answered it (a new one: 'new').
  const [editing, setEditing] = useState<Practice | 'new' | undefined>();
  const [saved, setSaved] = useState<string>();
  const current = editing === 'new' ? undefined : editing;
  return (
    <>
      <h1>Practices</h1>
      {saved ? <Notice>Saved {saved}.</Notice> : null}
      <ProblemAlert error={practices.error} />
      <table className="list">
        <thead>
          <tr>
            <th scope="col">Practice</th>
            <th scope="col">NPI</th>
            <th scope="col">Secondary</th>
            <th scope="col">Batch schedule</th>
            <th scope="col">Submission</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {practices.data?.items.map((p) => (
            <tr key={p.id}>
              <td>{p.name}</td>
              <td>{p.npi}</td>
              <td>{p.autoBatchSecondary ? 'batched by itself' : 'after staff confirm'}</td>
              <td className="mono">{p.batchCron ?? 'by hand'}</td>
              <td>{p.submitsManually ? 'manual upload' : 'Office Ally integration'}</td>
              <td>
                <button type="button" className="small" onClick={() => setEditing(p)}>
                  Change {p.name}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => setEditing('new')}>
        New practice
      </button>
      {editing ? (
        <section aria-labelledby="practice-form-heading">
          <h2 id="practice-form-heading">{current ? current.name : 'New practice'}</h2>
          <PracticeForm
            key={current ? `${current.id}/${current.updatedAt}` : 'new'}
            practice={current}
            done={(p) => {
              setSaved(p.name);
              setEditing(p);
              void queryClient.invalidateQueries({ queryKey: ['practices'] });
            }}
          />
          {current ? <Providers practiceId={current.id} /> : null}
        </section>
      ) : null}
    </>
  );
}
