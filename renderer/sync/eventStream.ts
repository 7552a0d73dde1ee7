/**
 * Server-sent events over fetch, so the device token travels in the
 * Authorization header and never in a URL (URLs end up in proxy logs).
 * Reconnects after a drop with backoff from the server's `retry:`; a refusal
 * (401, 403, 426, other 4xx) stops it for good and is reported.
 */
import { backoffDelay } from './backoff';
import { createEventStreamParser, type ServerEvent } from './eventStreamParser';

export type { ServerEvent } from './eventStreamParser';

export interface EventStreamOptions {
  url: string;
  headers?: Record<string, string>;
  signal: AbortSignal;
  onEvent(event: ServerEvent): void;
  /** The server refused the stream; it is not retried. The status and the parsed body, if any. */
  onRefused(status: number, body: unknown): void;
  fetch?: typeof fetch;
  /** The first reconnection wait until the server sends `retry:`. */
  retryMs?: number;
  maxRetryMs?: number;
  random?: () => number;
  /** Waits `ms` or until the signal aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export const DEFAULT_EVENT_RETRY_MS = 3_000;
export const MAX_EVENT_RETRY_MS = 5 * 60_000;

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

// Server errors and gateways in the way are passing troubles; any other refusal needs a person.
const isPassing = (status: number) => status >= 500 || status === 408 || status === 429;

async function bodyOf(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

type Outcome = 'refused' | 'ended' | 'failed';

/** One connection: 'ended' when it delivered a stream that then closed, 'failed' when none came. */
async function connectOnce(options: EventStreamOptions, onRetry: (ms: number) => void): Promise<Outcome> {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  let response: Response;
  try {
    response = await doFetch(options.url, {
      headers: { accept: 'text/event-stream', ...options.headers },
      signal: options.signal,
    });
  } catch {
    return 'failed';
  }
  if (!response.ok) {
    if (isPassing(response.status)) {
      await response.body?.cancel().catch(() => {});
      return 'failed';
    }
    options.onRefused(response.status, await bodyOf(response));
    return 'refused';
  }
  if (!response.body || !(response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    await response.body?.cancel().catch(() => {});
    return 'failed';
  }
  const parser = createEventStreamParser({ onEvent: options.onEvent, onRetry });
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  try {
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      parser.feed(decoder.decode(chunk.value, { stream: true }));
    }
  } catch {
    // A dropped connection ends the stream like a close does.
  } finally {
    await reader.cancel().catch(() => {});
  }
  return 'ended';
}

/**
 * Reads the stream until the signal aborts or the server refuses it. After a
 * stream that ends, the next connection waits the server's retry time; after
 * connections that fail in a row, the wait doubles (with jitter) up to maxRetryMs.
 */
export async function readEventStream(options: EventStreamOptions): Promise<void> {
  const { signal } = options;
  const sleep = options.sleep ?? abortableSleep;
  const maxMs = options.maxRetryMs ?? MAX_EVENT_RETRY_MS;
  let retryMs = options.retryMs ?? DEFAULT_EVENT_RETRY_MS;
  let failures = 0;
  while (!signal.aborted) {
    const outcome = await connectOnce(options, (ms) => {
      retryMs = ms;
    });
    if (outcome === 'refused' || signal.aborted) return;
    failures = outcome === 'ended' ? 0 : failures + 1;
    const wait = failures === 0 ? Math.min(retryMs, maxMs) : backoffDelay(failures, options.random, { baseMs: Math.max(retryMs, 1), maxMs });
    await sleep(wait, signal);
  }
}
