/** A bill's documents, and how the page waits for the engine to move it after an action. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../api/client';
import type { Bill } from '../../api/types';

/** A bill that is not done is read again every few seconds: the engine moves it, and the database may hear a step after the action's answer. */
const DONE = new Set(['CLOSED', 'VOIDED']);

export function useBill(billId: string) {
  return useQuery({
    queryKey: ['bill', billId],
    queryFn: () => data(api.GET('/bills/{billId}', { params: { path: { billId } } })),
    refetchInterval: (q) => (q.state.data && !DONE.has(q.state.data.status) ? 4000 : false),
  });
}

export function useBillWork(bill: Bill | undefined) {
  return useQuery({
    queryKey: ['bill', bill?.id, 'work', bill?.status, bill?.statusSince, bill?.needsAttention],
    enabled: bill !== undefined,
    // The bill's last answer stays on screen while the next is read, so its actions (and what they said) stay put.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === bill?.id ? previous : undefined),
    queryFn: () => data(api.GET('/bills/{billId}/work', { params: { path: { billId: bill?.id ?? '' } } })),
  });
}

export function useTimeline(bill: Bill | undefined) {
  return useQuery({
    queryKey: ['bill', bill?.id, 'timeline', bill?.status, bill?.statusSince],
    enabled: bill !== undefined,
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === bill?.id ? previous : undefined),
    queryFn: () => data(api.GET('/bills/{billId}/timeline', { params: { path: { billId: bill?.id ?? '' }, query: { limit: 200 } } })),
  });
}

export function useClient(clientId: string | undefined) {
  return useQuery({
    queryKey: ['client', clientId],
    enabled: clientId !== undefined,
    queryFn: () => data(api.GET('/clients/{clientId}', { params: { path: { clientId: clientId ?? '' } } })),
  });
}

/** After an action: the bill and everything derived from it are read again. */
export function useRefreshBill(billId: string): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: ['bill', billId] });
    await queryClient.invalidateQueries({ queryKey: ['bills'] });
  };
}
