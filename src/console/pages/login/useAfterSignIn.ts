import { useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router';
import { startSession } from '../../session/api.js';

/** Once signed in: load the session and go back where the person was sent from (only a path of this site). */
export function useAfterSignIn() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  return async (csrfToken: string) => {
    await startSession(queryClient, csrfToken);
    void navigate(from && from.startsWith('/') && !from.startsWith('//') ? from : '/', { replace: true });
  };
}
