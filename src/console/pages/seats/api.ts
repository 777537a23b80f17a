import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import {
  candidatesResponse,
  mySeatsResponse,
  seatAssignmentSchema,
  seatsResponse,
  type UpdateLicenceBody,
} from '../../../shared/contracts/seats.js';
import type { Module } from '../../../shared/licence.js';
import { api } from '../../api/client.js';

export const mySeatsKey = ['my-seats'] as const;

export const seatKeys = {
  overview: ['seats'] as const,
  candidates: (module: string, search: string) => ['seats', 'candidates', module, search] as const,
  mine: mySeatsKey,
};

export function useSeats() {
  return useQuery({
    queryKey: seatKeys.overview,
    queryFn: ({ signal }) => api.get('/seats', { schema: seatsResponse, signal }),
  });
}

/** The modules the signed-in user holds a seat of. */
export function useMySeats() {
  return useQuery({
    queryKey: mySeatsKey,
    queryFn: () => api.get('/me/seats', { schema: mySeatsResponse }),
    staleTime: 60_000,
  });
}

/** Users who may receive a seat of the module, searched on the server while the picker is open. */
export function useSeatCandidates(module: Module, search: string, enabled: boolean) {
  return useQuery({
    queryKey: seatKeys.candidates(module, search),
    queryFn: ({ signal }) =>
      api.get('/seats/candidates', {
        query: { module, search, limit: 50 },
        schema: candidatesResponse,
        signal,
      }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export const assignSeat = (module: Module, userId: string) =>
  api.post(`/seats/${module}/assignments`, { userId }, { schema: seatAssignmentSchema });

export const releaseSeat = (module: Module, userId: string) =>
  api.delete(`/seats/${module}/assignments/${encodeURIComponent(userId)}`);

export const updateLicence = (patch: UpdateLicenceBody) => api.patch('/seats', patch, { schema: seatsResponse });

/** After a change of seats: the overview, the candidates and the caller's own seats are stale. */
export function invalidateSeats(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: seatKeys.overview });
  void queryClient.invalidateQueries({ queryKey: mySeatsKey });
}
