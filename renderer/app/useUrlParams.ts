import { useCallback, useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';

/**
 * The screen's URL parameters and a way to change some of them. Each change
 * starts from the parameters the last change left, not from those of the last
 * render: react-router's functional update hands over the rendered ones, so a
 * second change made before the screen re-rendered (clear the filters, then
 * pick a status at once) brought a cleared filter back.
 */
export function useUrlParams(): [URLSearchParams, (change: (next: URLSearchParams) => void) => void] {
  const [params, setParams] = useSearchParams();
  const latest = useRef(params);
  // Whatever URL the screen shows now (after a change, a link or Back) is the next starting point.
  useEffect(() => {
    latest.current = params;
  }, [params]);
  const update = useCallback((change: (next: URLSearchParams) => void) => {
    const next = new URLSearchParams(latest.current);
    change(next);
    latest.current = next;
    setParams(next, { replace: true });
  }, [setParams]);
  return [params, update];
}
