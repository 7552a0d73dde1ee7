import { startTransition, useEffect, useState } from 'react';

/** Rows drawn in the first render, and added in each later one until the list is whole. */
const FIRST_ROWS = 25;
const MORE_ROWS = 40;

/**
 * A province's hundreds of rows drawn at once would hold the window for most
 * of a second (more while a download runs beside it): the first rows show at
 * once, and the rest are added a slice per task, each a non-urgent update
 * that typing and clicks go before. Once whole, the list stays whole.
 * Used by the province matrix (the checklist's LAO list draws only its rows on screen).
 */
export function useGrowingList<T>(items: readonly T[], first = FIRST_ROWS, more = MORE_ROWS): readonly T[] {
  const [count, setCount] = useState(first);
  const whole = count >= items.length;
  useEffect(() => {
    if (whole) return;
    const timer = setTimeout(() => startTransition(() => setCount((shown) => shown + more)), 0);
    return () => clearTimeout(timer);
  }, [count, whole, more]);
  return whole ? items : items.slice(0, count);
}
