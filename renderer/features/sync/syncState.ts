/**
 * The one sync state the app bar and the banner show. The states exclude each
 * other: "synced" only once every scope's first download finished and nothing
 * waits to be sent; while a download is unfinished the data is partial,
 * whether it is running, resuming or stopped.
 */
import type { FirstDownload } from '../../sync/download';
import type { RunningDownload, SyncPhase } from '../../sync/engine';

/** Records downloaded of the records there are (total null when the server did not say). */
export interface DownloadCount {
  stored: number;
  total: number | null;
}

export type SyncState =
  | { kind: 'localOnly'; pending: number }
  | { kind: 'downloading'; count: DownloadCount; resumed: boolean; pending: number }
  | { kind: 'partial'; count: DownloadCount; pending: number }
  | { kind: 'pending'; pending: number }
  | { kind: 'synced'; pending: 0 };

export interface SyncStateInput {
  signedIn: boolean;
  phase: SyncPhase;
  /** The signed-in user's changes not yet sent. */
  pending: number;
  /** As stored on the laptop. */
  stored: FirstDownload;
  /** The engine's live figures while a first download runs. */
  running: RunningDownload | null;
}

/** Never below what is stored: a count taken when the download started may be passed by rows added since. */
const countOf = (stored: number, total: number | null): DownloadCount => ({ stored, total: total === null ? null : Math.max(total, stored) });

export function syncStateOf({ signedIn, phase, pending, stored, running }: SyncStateInput): SyncState {
  if (!signedIn) return { kind: 'localOnly', pending };
  if (running && phase === 'syncing' && !stored.complete) return { kind: 'downloading', count: countOf(running.stored, running.total), resumed: running.resumed, pending };
  if (!stored.complete) return { kind: 'partial', count: countOf(stored.stored, stored.total), pending };
  return pending > 0 ? { kind: 'pending', pending } : { kind: 'synced', pending: 0 };
}

/** Percent downloaded for a determinate bar, or null when the total is unknown. */
export function downloadPercent(count: DownloadCount): number | null {
  if (count.total === null) return null;
  return count.total === 0 ? 100 : Math.min(100, (count.stored / count.total) * 100);
}
