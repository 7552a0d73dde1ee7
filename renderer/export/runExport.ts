/** Runs an export in a Web Worker with progress and cancel, then saves it through the platform bridge. */
import { getPlatform } from '../platform';
import type { ExportRequest } from './exportJob';
import { XLSX_MIME } from './exportNames';
import type { WorkerMessage } from './export.worker';

export type ExportOutcome =
  | { ok: true; path: string }
  | { ok: false; code: 'CANCELLED' | 'BUILD_FAILED' | 'WRITE_FAILED' | 'INVALID_REQUEST'; message?: string };

export function buildInWorker(request: ExportRequest, onProgress: (fraction: number) => void, signal: AbortSignal): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module' });
    const stop = () => {
      worker.terminate();
      reject({ code: 'CANCELLED' });
    };
    if (signal.aborted) return stop();
    signal.addEventListener('abort', stop, { once: true });
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      if (message.type === 'progress') return onProgress(message.fraction);
      signal.removeEventListener('abort', stop);
      worker.terminate();
      if (message.type === 'done') resolve(message.bytes);
      else reject({ code: 'BUILD_FAILED', message: message.message });
    };
    worker.onerror = (event) => {
      signal.removeEventListener('abort', stop);
      worker.terminate();
      reject({ code: 'BUILD_FAILED', message: event.message });
    };
    worker.postMessage(request);
  });
}

export async function runExport(request: ExportRequest, fileName: string, onProgress: (fraction: number) => void, signal: AbortSignal): Promise<ExportOutcome> {
  let bytes: Uint8Array;
  try {
    bytes = await buildInWorker(request, onProgress, signal);
  } catch (error) {
    const e = error as { code?: string; message?: string };
    return e.code === 'CANCELLED' ? { ok: false, code: 'CANCELLED' } : { ok: false, code: 'BUILD_FAILED', message: e.message };
  }
  return getPlatform().saveFile({ suggestedName: fileName, mimeType: XLSX_MIME, data: bytes });
}
