/** Admin: staff accounts (role, practices, first password), unlock after failed sign-ins, disable, a new password. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, data } from '../../api/client';
import { useStaff } from '../../api/session';
import type { StaffAccount } from '../../api/types';
import { CheckField, TextField } from '../../components/fields';
import { usePractices } from '../../components/lookups';
import { Notice, ProblemAlert } from '../../components/problem';
import { useTitle } from '../../components/title';
import { dateTime } from '../../lib/words';

function NewStaff({ done }: { done: (s: StaffAccount) => void }) {
  const practices = usePractices();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'BILLING' | 'ADMIN'>('BILLING');
  const [allPractices, setAllPractices] = useState(false);
  const [practiceIds, setPracticeIds] = useState<string[]>([]);
  const [password, setPassword] = useState('');
  const create = useMutation({
    mutationFn: () => data(api.POST('/staff-accounts', { body: { name, email, role, allPractices, practiceIds, password } })),
    onSuccess: done,
  });
  return (
    <form
      className="admin-form"
      aria-label="New staff account"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <TextField label="Name" value={name} onChange={setName} required />
      <TextField label="E-mail" type="email" value={email} onChange={setEmail} required autoComplete="off" />
      <label>
        Role
        <select value={role} onChange={(e) => setRole(e.target.value as 'BILLING' | 'ADMIN')}>
          <option value="BILLING">Billing: works bills</option>
          <option value="ADMIN">Admin: practices, payers, staff (no patient data)</option>
        </select>
      </label>
      <fieldset>
        <legend>Practice access</legend>
        <CheckField label="Every practice" checked={allPractices} onChange={setAllPractices} />
        {!allPractices
          ? practices.data?.items.map((p) => (
              <CheckField
                key={p.id}
                label={p.name}
                checked={practiceIds.includes(p.id)}
                onChange={(on) => setPracticeIds(on ? [...practiceIds, p.id] : practiceIds.filter((x) => x !== p.id))}
              />
            ))
          : null}
      </fieldset>
      <TextField
        label="First password (12 characters or more)"
        type="password"
        value={password}
        onChange={setPassword}
        required
        autoComplete="new-password"
      />
      <button type="submit" className="primary" disabled={create.isPending}>
        Create the account
      </button>
      <ProblemAlert error={create.error} />
    </form>
  );
}

/** An administrator sets a new password (the person's sessions end; they sign in with it and can change it). */
function NewPassword({ account, done }: { account: StaffAccount; done: (s: StaffAccount) => void }) {
  const [password, setPassword] = useState('');
  const save = useMutation({
    mutationFn: () => data(api.PATCH('/staff-accounts/{staffId}', { params: { path: { staffId: account.id } }, body: { password } })),
    onSuccess: done,
  });
  return (
    <form
      className="inline-form"
      aria-label={`Set a new password for ${account.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <TextField
        label={`New password for ${account.name}`}
        type="password"
        value={password}
        onChange={setPassword}
        required
        autoComplete="new-password"
      />
      <button type="submit" disabled={save.isPending}>
        Set the password
      </button>
      <ProblemAlert error={save.error} />
    </form>
  );
}

export function AdminStaff() {
  useTitle('Staff accounts');
  const me = useStaff();
  const queryClient = useQueryClient();
  const [resetting, setResetting] = useState<StaffAccount>();
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string>();
  const staff = useQuery({ queryKey: ['staff'], queryFn: () => data(api.GET('/staff-accounts', { params: { query: { limit: 200 } } })) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['staff'] });
  const change = useMutation({
    mutationFn: ({ id, what }: { id: string; what: 'unlock' | 'disable' | 'enable' }) =>
      what === 'unlock'
        ? data(api.POST('/staff-accounts/{staffId}/unlock', { params: { path: { staffId: id } }, body: {} }))
        : data(api.PATCH('/staff-accounts/{staffId}', { params: { path: { staffId: id } }, body: { disabled: what === 'disable' } })),
    onSuccess: async (s) => {
      setNotice(`Saved ${s.name}.`);
      await refresh();
    },
  });
  return (
    <>
      <h1>Staff accounts</h1>
      {notice ? <Notice>{notice}</Notice> : null}
      <ProblemAlert error={staff.error ?? change.error} />
      <table className="list">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">E-mail</th>
            <th scope="col">Role</th>
            <th scope="col">Practices</th>
            <th scope="col">Last sign-in</th>
            <th scope="col">State</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {staff.data?.items.map((s) => (
            <tr key={s.id}>
              <td>{s.name}</td>
              <td>{s.email}</td>
              <td>{s.role.toLowerCase()}</td>
              <td>{s.allPractices ? 'every practice' : s.practices.map((p) => p.name).join(', ') || 'none'}</td>
              <td>{s.lastSignInAt ? dateTime(s.lastSignInAt) : 'never'}</td>
              <td>{s.disabled ? 'disabled' : s.lockedUntil ? `locked until ${dateTime(s.lockedUntil)}` : 'active'}</td>
              <td>
                {s.lockedUntil ? (
                  <button type="button" className="small" onClick={() => change.mutate({ id: s.id, what: 'unlock' })}>
                    Unlock {s.name}
                  </button>
                ) : null}
                {s.id !== me.id ? (
                  <button
                    type="button"
                    className="small"
                    onClick={() => change.mutate({ id: s.id, what: s.disabled ? 'enable' : 'disable' })}
                  >
                    {s.disabled ? 'Enable' : 'Disable'} {s.name}
                  </button>
                ) : null}
                <button type="button" className="small" onClick={() => setResetting(s)}>
                  New password for {s.name}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {resetting ? (
        <NewPassword
          key={resetting.id}
          account={resetting}
          done={(s) => {
            setResetting(undefined);
            setNotice(`New password set for ${s.name}: their sessions ended.`);
          }}
        />
      ) : null}
      <button type="button" aria-expanded={adding} onClick={() => setAdding(!adding)}>
        New staff account
      </button>
      {adding ? (
        <section aria-labelledby="new-staff-heading">
          <h2 id="new-staff-heading">New staff account</h2>
          <NewStaff
            done={(s) => {
              setAdding(false);
              setNotice(`Created ${s.name}: they can sign in now.`);
              void refresh();
            }}
          />
        </section>
      ) : null}
    </>
  );
}
