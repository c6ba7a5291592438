import { useState, type FormEvent } from 'react';
import { useSession } from '../api/session';
import { ProblemAlert } from '../components/problem';
import { useTitle } from '../components/title';

const WHY: Record<string, string> = {
  idle: 'You were signed out after a time without activity.',
  'signed-out': 'You signed out.',
  expired: 'Your session reached its maximum length.',
  replaced: 'You signed in somewhere else.',
  'password-changed': 'Your password was changed: sign in with the new one.',
  disabled: 'Your account was disabled.',
};

export function SignInScreen() {
  useTitle('Sign in');
  const session = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await session.signIn(email, password);
    } catch (err) {
      setError(err);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };
  const why = session.signedOutReason ? WHY[session.signedOutReason] : undefined;
  return (
    <main id="main" className="sign-in">
      <h1>Secondary claims</h1>
      <p>Sign in to work your practices’ bills.</p>
      {why ? (
        <p className="notice" role="status">
          {why}
        </p>
      ) : null}
      <form onSubmit={(e) => void submit(e)} aria-label="Sign in">
        <label htmlFor="email">E-mail</label>
        <input id="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <label htmlFor="password">Password</label>
        <input
          id="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <ProblemAlert error={error} />
    </main>
  );
}
