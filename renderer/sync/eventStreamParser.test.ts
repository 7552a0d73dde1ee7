import { describe, expect, it } from 'vitest';
import { createEventStreamParser, type ServerEvent } from './eventStreamParser';

/** Feeds `pieces` in order; returns the events and retry times seen. */
function parse(pieces: string[]): { events: ServerEvent[]; retries: number[] } {
  const events: ServerEvent[] = [];
  const retries: number[] = [];
  const parser = createEventStreamParser({ onEvent: (e) => events.push(e), onRetry: (ms) => retries.push(ms) });
  for (const piece of pieces) parser.feed(piece);
  return { events, retries };
}

const STREAM = [
  'retry: 5000\n',
  'event: ready\ndata: {"scope":"99"}\n\n',
  ': keep-alive\n\n',
  'event: change\ndata: {"scope":"99","cursor":7}\n\n',
  'data: first line\ndata: second line\ndata\n\n',
  'id: 42\nevent: change\ndata:no space\n\n',
  'data:  two spaces\nunknown: field\n\n',
  'event: lonely\n\n',
].join('');

const EXPECTED: ServerEvent[] = [
  { type: 'ready', data: '{"scope":"99"}', lastEventId: '' },
  { type: 'change', data: '{"scope":"99","cursor":7}', lastEventId: '' },
  { type: 'message', data: 'first line\nsecond line\n', lastEventId: '' },
  { type: 'change', data: 'no space', lastEventId: '42' },
  { type: 'message', data: ' two spaces', lastEventId: '42' },
];

describe('the event-stream parser', () => {
  it('reads events, comments, multi-line data, ids and retry; an event with no data is not dispatched', () => {
    expect(parse([STREAM])).toEqual({ events: EXPECTED, retries: [5000] });
  });

  it('gives the same events whichever byte position the stream is split at, and split into single characters', () => {
    for (const ending of ['\n', '\r\n', '\r']) {
      const stream = STREAM.replaceAll('\n', ending);
      for (let at = 0; at <= stream.length; at++) {
        expect(parse([stream.slice(0, at), stream.slice(at)]), `${JSON.stringify(ending)} split at ${at}`).toEqual({ events: EXPECTED, retries: [5000] });
      }
      expect(parse([...stream])).toEqual({ events: EXPECTED, retries: [5000] });
    }
  });

  it('takes CRLF, CR and LF mixed in one stream, a CRLF split between chunks counting once', () => {
    const { events } = parse(['data: a\r', '\ndata: b\r', '\r', 'data: c\n\r', '\n']);
    expect(events).toEqual([
      { type: 'message', data: 'a\nb', lastEventId: '' },
      { type: 'message', data: 'c', lastEventId: '' },
    ]);
  });

  it('ignores a retry that is not all digits, and holds an unfinished event until its blank line', () => {
    const parser = parse(['retry: 1.5\nretry: soon\nretry: 250\ndata: half']);
    expect(parser).toEqual({ events: [], retries: [250] });
  });
});
