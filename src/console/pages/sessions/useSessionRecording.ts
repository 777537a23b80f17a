import { useEffect, useRef, useState } from 'react';
import type { Session } from '../../../shared/contracts/sessions.js';
import { ApiError } from '../../api/client.js';
import { fetchRecordingInfo, finishRecording, uploadChunk } from './api.js';
import { ChunkQueue, maxPendingBytes, SessionRecorder, type QueueState } from './recorder.js';

/** Worth another try: the network, the server busy or failing; not a refusal (ended, too large…). */
const retryable = (error: unknown) =>
  !(error instanceof ApiError) || error.status === 0 || error.status === 429 || error.status >= 500;

/**
 * Records the received screen while the session is recorded and live, uploading as it goes.
 * `stop()` (called when the session ends, and when the page goes) uploads what is left and finishes.
 */
export function useSessionRecording(session: Session, stream: MediaStream | null) {
  const [queueState, setQueueState] = useState<QueueState | null>(null);
  const [recording, setRecording] = useState(false);
  const recorder = useRef<SessionRecorder | null>(null);
  const starting = useRef(false);
  const wanted = session.recorded && (session.status === 'active' || session.status === 'joined');

  useEffect(() => {
    if (!wanted || !stream || recorder.current || starting.current || typeof MediaRecorder === 'undefined') return;
    starting.current = true;
    void fetchRecordingInfo(session.id)
      .catch(() => null)
      .then((info) => {
        const queue = new ChunkQueue({
          firstSeq: info ? info.chunks + info.missing : 0,
          maxPendingBytes,
          retryable,
          upload: async (seq, data) => void (await uploadChunk(session.id, seq, data)),
          onChange: setQueueState,
        });
        const made = new SessionRecorder(queue, () => finishRecording(session.id));
        made.start(stream);
        recorder.current = made;
        setRecording(true);
      })
      .finally(() => (starting.current = false));
  }, [wanted, stream, session.id]);

  const stop = async () => {
    const current = recorder.current;
    recorder.current = null;
    setRecording(false);
    await current?.stop();
  };
  const stopRef = useRef(stop);
  useEffect(() => {
    stopRef.current = stop;
  });
  // the session ended elsewhere (the customer left, another tab): upload what is left and finish
  useEffect(() => {
    if (!wanted && recorder.current) void stopRef.current();
  }, [wanted]);
  // leaving the page: what was recorded still goes up
  useEffect(() => () => void stopRef.current(), []);

  return { recording, queueState, stop };
}
