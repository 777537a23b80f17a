import { useQuery, type QueryClient } from '@tanstack/react-query';
import { seatsResponse } from '../../../shared/contracts/seats.js';
import { api } from '../../api/client.js';
import { mySeatsKey } from '../../components/SeatRequired.js';

export const seatKeys = {
  overview: ['seats'] as const,
  candidates: (module: string, search: string) => ['seats', 'candidates', module, search] as const,
};

export function useSeats() {
  return useQuery({
    queryKey: seatKeys.overview,
    queryFn: ({ signal }) => api.get('/seats', { schema: seatsResponse, signal }),
  });
}

/** After a change of seats: the overview, the candidates and the caller's own seats are stale. */
export function invalidateSeats(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: seatKeys.overview });
  void queryClient.invalidateQueries({ queryKey: mySeatsKey });
}
