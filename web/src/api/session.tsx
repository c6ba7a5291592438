/**
 * Who is signed in, kept in memory (never in browser storage). Signs the person out after the
 * session's idle timeout without keyboard or pointer activity (the API does the same on its
 * side), and tells the API about activity while the person works, so that keying a long EOB
 * does not end the session.
 */
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, data, onSignedOut, setCsrfToken } from './client';
import type { paths } from './schema';

type SessionAnswer = paths['/session']['get']['responses'][200]['content']['application/json'];
export type Staff = SessionAnswer['staff'];

interface SessionState {
  staff: Staff | undefined;
  /** Why the person was signed out, for the sign-in screen. */
  signedOutReason: string | undefined;
  checking: boolean;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

export function useStaff(): Staff {
  const { staff } = useSession();
  if (!staff) throw new Error('no one is signed in');
  return staff;
}

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [staff, setStaff] = useState<Staff | undefined>();
  const [checking, setChecking] = useState(true);
  const [signedOutReason, setSignedOutReason] = useState<string | undefined>();
  const idleMs = useRef(15 * 60_000);
  const lastActivity = useRef(0);
  const lastHeartbeat = useRef(0);

  const accept = useCallback((answer: SessionAnswer) => {
    setCsrfToken(answer.csrfToken);
    idleMs.current = answer.idleTimeoutSeconds * 1000;
    lastActivity.current = Date.now();
    lastHeartbeat.current = Date.now();
    setSignedOutReason(undefined);
    setStaff(answer.staff);
  }, []);

  const end = useCallback(
    (reason: string) => {
      setCsrfToken(undefined);
      setStaff(undefined);
      setSignedOutReason(reason);
      queryClient.clear();
    },
    [queryClient],
  );

  useEffect(() => {
    onSignedOut((reason) => end(reason));
    void data(api.GET('/session'))
      .then((answer) => accept(answer))
      .catch(() => setStaff(undefined))
      .finally(() => setChecking(false));
  }, [accept, end]);

  // Inactivity: sign out after the idle timeout without input; tell the API about activity while working.
  useEffect(() => {
    if (!staff) return;
    const onActivity = () => {
      lastActivity.current = Date.now();
      if (Date.now() - lastHeartbeat.current > Math.min(60_000, idleMs.current / 3)) {
        lastHeartbeat.current = Date.now();
        void api.GET('/session');
      }
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, onActivity, { passive: true });
    const timer = window.setInterval(
      () => {
        if (Date.now() - lastActivity.current >= idleMs.current) {
          void api.POST('/session/sign-out', { body: {} }).finally(() => end('idle'));
        }
      },
      Math.min(5000, Math.max(250, idleMs.current / 10)),
    );
    return () => {
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, onActivity);
      window.clearInterval(timer);
    };
  }, [staff, end]);

  const value = useMemo<SessionState>(
    () => ({
      staff,
      signedOutReason,
      checking,
      async signIn(email, password) {
        const answer = await data(api.POST('/session', { body: { email, password } }));
        accept(answer);
      },
      async signOut() {
        await api.POST('/session/sign-out', { body: {} });
        end('signed-out');
      },
    }),
    [staff, signedOutReason, checking, accept, end],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
