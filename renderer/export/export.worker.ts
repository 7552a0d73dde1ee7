/// <reference lib="webworker" />
/** Builds workbooks off the UI thread; the page terminates the worker to cancel. */
import { buildWorkbookBytes, type ExportRequest } from './exportJob';

export type WorkerMessage =
  | { type: 'progress'; fraction: number }
  | { type: 'done'; bytes: Uint8Array }
  | { type: 'failed'; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<ExportRequest>) => {
  try {
    const bytes = await buildWorkbookBytes(event.data, (fraction) => scope.postMessage({ type: 'progress', fraction } satisfies WorkerMessage));
    scope.postMessage({ type: 'done', bytes } satisfies WorkerMessage, [bytes.buffer]);
  } catch (error) {
    scope.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies WorkerMessage);
  }
};
