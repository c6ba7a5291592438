/** A bill's documents, and how the page waits for the engine to move it after an action. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../api/client';
import type { Bill } from '../../api/types';

/** Statuses in which the bill moves without staff (a batch is sent, a payer answers, a file comes back). */
const MOVING = new Set([
  'READY_TO_BATCH',
  'BATCHED',
  'SUBMITTED',
  'AWAITING_PRIMARY',
  'AWAITING_SECONDARY',
  'AWAITING_TERTIARY',
  'CROSSOVER',
  'PROCESSED',
]);

export function useBill(billId: string) {
  return useQuery({
    queryKey: ['bill', billId],
    queryFn: () => data(api.GET('/bills/{billId}', { params: { path: { billId } } })),
    refetchInterval: (q) => (q.state.data && MOVING.has(q.state.data.status) ? 4000 : false),
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
