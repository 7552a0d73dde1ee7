import { describe, expect, it } from 'vitest';
import { readEventStream, type EventStreamOptions, type ServerEvent } from './eventStream';

const encoder = new TextEncoder();

/** An event-stream response whose body arrives as the given byte chunks, then ends (or stays open). */
function streamOf(chunks: Uint8Array[], options: { open?: boolean; signal?: AbortSignal } = {}): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      if (!options.open) controller.close();
      options.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

interface Harness {
  options: EventStreamOptions;
  events: ServerEvent[];
  refused: { status: number; body: unknown }[];
  waits: number[];
  requests: { url: string; headers: Record<string, string> }[];
  stop: AbortController;
}

/**
 * A reader over scripted answers, one per connection; sleeps are recorded and
 * return at once. When the script runs out, the reader is stopped.
 */
function harness(answers: ((signal: AbortSignal) => Response | Promise<Response>)[], extra: Partial<EventStreamOptions> = {}): Harness {
  const stop = new AbortController();
  const h: Harness = { events: [], refused: [], waits: [], requests: [], stop } as unknown as Harness;
  h.options = {
    url: 'http://sync.test/v1/sync/events?scope=99',
    headers: { authorization: 'Bearer token-1' },
    signal: stop.signal,
    onEvent: (event) => h.events.push(event),
    onRefused: (status, body) => h.refused.push({ status, body }),
    random: () => 0.5,
    sleep: async (ms) => {
      h.waits.push(ms);
    },
    fetch: async (input, init) => {
      h.requests.push({ url: String(input), headers: init?.headers as Record<string, string> });
      const answer = answers.shift();
      if (!answer) {
        stop.abort();
        throw new DOMException('aborted', 'AbortError');
      }
      return answer(init!.signal!);
    },
    ...extra,
  };
  return h;
}

describe('the event-stream reader', () => {
  it('sends the token in the Authorization header and asks for an event stream, never a token in the URL', async () => {
    const h = harness([() => streamOf([encoder.encode('event: ready\ndata: {}\n\n')])]);
    await readEventStream(h.options);
    expect(h.requests[0]).toEqual({ url: 'http://sync.test/v1/sync/events?scope=99', headers: { accept: 'text/event-stream', authorization: 'Bearer token-1' } });
    expect(h.events).toEqual([{ type: 'ready', data: '{}', lastEventId: '' }]);
  });

  it('decodes events split at every byte position, Thai text included (multi-byte characters cut in two)', async () => {
    const bytes = encoder.encode('retry: 100\r\nevent: change\r\ndata: {"name":"จังหวัด"}\r\ndata: ๒\r\n\r\n');
    for (let at = 0; at <= bytes.length; at++) {
      const h = harness([() => streamOf([bytes.slice(0, at), bytes.slice(at)])]);
      await readEventStream(h.options);
      expect(h.events, `split at ${at}`).toEqual([{ type: 'change', data: '{"name":"จังหวัด"}\n๒', lastEventId: '' }]);
    }
  });

  it('reconnects after the stream ends, waiting the retry time the server sent', async () => {
    const h = harness([
      () => streamOf([encoder.encode('retry: 1234\nevent: ready\ndata: 1\n\n')]),
      () => streamOf([encoder.encode('event: ready\ndata: 2\n\n')]),
    ]);
    await readEventStream(h.options);
    expect(h.events.map((e) => e.data)).toEqual(['1', '2']);
    expect(h.requests).toHaveLength(3);
    expect(h.waits).toEqual([1234, 1234]);
  });

  it('backs off, doubling up to the cap, while connections fail (network down, 5xx, not an event stream)', async () => {
    const down = () => Promise.reject(new TypeError('fetch failed'));
    const h = harness(
      [down, () => json(503, { code: 'UNAVAILABLE', message: 'x' }), () => new Response('<html>', { status: 200, headers: { 'content-type': 'text/html' } }), down, down, () => streamOf([encoder.encode('data: up\n\n')])],
      { retryMs: 1000, maxRetryMs: 5000 },
    );
    await readEventStream(h.options);
    // Equal jitter with random 0.5: three quarters of each step (1 s, 2 s, 4 s, then the 5 s cap).
    expect(h.waits).toEqual([750, 1500, 3000, 3750, 3750, 1000]);
    expect(h.events.map((e) => e.data)).toEqual(['up']);
  });

  it('stops on a refusal and reports it with the body, never retrying (a revoked token)', async () => {
    const h = harness([() => json(401, { code: 'TOKEN_REVOKED', message: 'The device token was revoked; log in again' }), () => streamOf([])]);
    await readEventStream(h.options);
    expect(h.refused).toEqual([{ status: 401, body: { code: 'TOKEN_REVOKED', message: 'The device token was revoked; log in again' } }]);
    expect(h.requests).toHaveLength(1);
    expect(h.waits).toEqual([]);
  });

  it('stops when aborted while a stream is open, and while waiting to reconnect', async () => {
    const open = harness([(signal) => streamOf([encoder.encode('event: ready\ndata: x\n\n')], { open: true, signal })]);
    const reading = readEventStream(open.options);
    await expect.poll(() => open.events.length).toBe(1);
    open.stop.abort();
    await reading;
    expect(open.requests).toHaveLength(1);

    const waiting = harness([() => streamOf([])], {
      sleep: (ms, signal) =>
        new Promise((resolve) => {
          waiting.waits.push(ms);
          signal.addEventListener('abort', () => resolve());
        }),
    });
    const reconnecting = readEventStream(waiting.options);
    await expect.poll(() => waiting.waits.length).toBe(1);
    waiting.stop.abort();
    await reconnecting;
    expect(waiting.requests).toHaveLength(1);
  });
});
