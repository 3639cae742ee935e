import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  CommandInput,
  CommandName,
  CommandOutput,
  DeskCallError,
  EventName,
} from '../../../src-shared/contract';
import { call, onDeskEvent } from './desk';
import { toDeskCallError } from './errors';
import { useConnectionStore } from './connection-store';

export type QueryState<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'error'; data?: undefined; error: DeskCallError }
  | { status: 'ready'; data: T; error?: undefined };

export type QueryResult<T> = QueryState<T> & { reload: () => void };

/**
 * Run a read command and keep its answer current: it is fetched again when one of `refreshOn`
 * fires and after the event stream reconnects (events may have been missed). While a refresh runs
 * the previous answer stays on screen, so data arriving never makes the layout jump.
 *
 * Refreshes are coalesced: at most one request is in flight, and any number of refreshes asked
 * for meanwhile become one more request when it settles. A sync announces `data:changed` several
 * times a second; without this, a slow answer would pile up requests behind it.
 */
export function useDeskQuery<N extends CommandName>(
  name: N,
  input: CommandInput<N>,
  options: { refreshOn?: readonly EventName[]; enabled?: boolean } = {},
): QueryResult<CommandOutput<N>> {
  const { refreshOn = [], enabled = true } = options;
  const inputKey = JSON.stringify(input);
  const refreshKey = refreshOn.join(',');
  const [state, setState] = useState<QueryState<CommandOutput<N>>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const resyncs = useConnectionStore((s) => s.resyncs);
  const flight = useRef({ inFlight: false, again: false });
  const reload = useCallback(() => {
    if (flight.current.inFlight) flight.current.again = true;
    else setGeneration((g) => g + 1);
  }, []);

  useEffect(() => {
    if (!refreshKey) return;
    const offs = (refreshKey.split(',') as EventName[]).map((e) => onDeskEvent(e, reload));
    return () => offs.forEach((off) => off());
  }, [refreshKey, reload]);

  useEffect(() => {
    if (!enabled) return;
    let current = true;
    const f = flight.current;
    f.inFlight = true;
    f.again = false;
    const settle = (next: QueryState<CommandOutput<N>>) => {
      // A superseded request (new input, reconnect) neither shows its answer nor ends the flight.
      if (!current) return;
      setState(next);
      f.inFlight = false;
      if (f.again) setGeneration((g) => g + 1);
    };
    call(name, JSON.parse(inputKey) as CommandInput<N>).then(
      (data) => settle({ status: 'ready', data }),
      (error: unknown) => settle({ status: 'error', error: toDeskCallError(name, error) }),
    );
    return () => {
      current = false;
    };
  }, [name, inputKey, enabled, generation, resyncs]);

  return { ...state, reload };
}
