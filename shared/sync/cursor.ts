/**
 * Snapshot page tokens: the snapshot is ordered by (rank, id) where rank puts
 * the current fiscal year first, then records without a year, then the other
 * years newest first; the token is the last row's position.
 */

export interface SnapshotPosition {
  rank: number;
  id: string;
}

/** The order of a fiscal year in a snapshot: the current year first (0). */
export function fiscalYearRank(fiscalYear: number | null | undefined, currentFiscalYear: number): number {
  if (fiscalYear === currentFiscalYear) return 0;
  if (fiscalYear === null || fiscalYear === undefined) return 1;
  if (fiscalYear > currentFiscalYear) return 2;
  return 3 + (currentFiscalYear - fiscalYear);
}

export function encodeSnapshotToken(position: SnapshotPosition): string {
  return `${position.rank}.${position.id}`;
}

/** The position in a token, or null when the token is not one of ours (its id is a whole lower-case uuid). */
export function decodeSnapshotToken(token: string): SnapshotPosition | null {
  const match = /^(\d{1,6})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(token);
  if (!match) return null;
  return { rank: Number(match[1]), id: match[2]! };
}
