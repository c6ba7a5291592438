/** Lists every screen needs: practices and payers (no patient data), cached for the session. */
import { useQuery } from '@tanstack/react-query';
import { api, data } from '../api/client';

export function usePractices() {
  return useQuery({ queryKey: ['practices'], queryFn: () => data(api.GET('/practices', { params: { query: { limit: 200 } } })) });
}

export function usePayers() {
  return useQuery({ queryKey: ['payers'], queryFn: () => data(api.GET('/payers', { params: { query: { limit: 200 } } })) });
}

export function useActors() {
  return useQuery({ queryKey: ['actors'], queryFn: () => data(api.GET('/actors')), staleTime: 60_000 });
}

/** "Dana Reyes" for staff:<id>, the key's name for key:<id>, "the engine" for the workflow. */
export function useActorName(): (actor: string) => string {
  const actors = useActors();
  const names = new Map((actors.data?.items ?? []).map((a) => [a.actor, a.name]));
  return (actor) => names.get(actor) ?? (/^(system|workflow)/.test(actor) ? 'the engine' : actor);
}
