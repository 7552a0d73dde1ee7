/**
 * A text/event-stream parser as the HTML standard describes it ("Interpreting
 * an event stream"): lines end in CRLF, LF or CR, anywhere across chunks;
 * `:` starts a comment; `data:` lines join with newlines; `retry:` takes
 * digits only. Decoding bytes is the caller's (TextDecoder with stream: true).
 */
export interface ServerEvent {
  /** The `event:` field, 'message' when none was sent. */
  type: string;
  data: string;
  /** The last `id:` seen on the stream, '' when none. */
  lastEventId: string;
}

export interface EventStreamHandlers {
  onEvent(event: ServerEvent): void;
  /** A `retry:` field: the server's reconnection time in milliseconds. */
  onRetry?(ms: number): void;
}

export interface EventStreamParser {
  /** Feeds decoded text; complete events are dispatched at once. */
  feed(text: string): void;
}

const DIGITS = /^\d+$/;

export function createEventStreamParser(handlers: EventStreamHandlers): EventStreamParser {
  let pending = '';
  // A CR ended the last line; an LF right after it belongs to the same line end.
  let afterCR = false;
  let type = '';
  let data = '';
  let hasData = false;
  let lastEventId = '';

  const dispatch = () => {
    if (hasData) handlers.onEvent({ type: type || 'message', data, lastEventId });
    type = '';
    data = '';
    hasData = false;
  };

  const field = (name: string, value: string) => {
    if (name === 'event') type = value;
    else if (name === 'data') {
      data = hasData ? `${data}\n${value}` : value;
      hasData = true;
    } else if (name === 'id') {
      if (!value.includes('\0')) lastEventId = value;
    } else if (name === 'retry') {
      if (DIGITS.test(value)) handlers.onRetry?.(Number(value));
    }
  };

  const line = (text: string) => {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    if (colon === -1) return field(text, '');
    const value = text.slice(colon + 1);
    field(text.slice(0, colon), value.startsWith(' ') ? value.slice(1) : value);
  };

  return {
    feed(text) {
      let start = 0;
      if (afterCR && text.startsWith('\n')) start = 1;
      afterCR = false;
      const all = pending + text.slice(start);
      let from = 0;
      for (let i = pending.length; i < all.length; i++) {
        const char = all[i];
        if (char !== '\n' && char !== '\r') continue;
        line(all.slice(from, i));
        if (char === '\r') {
          if (i + 1 === all.length) afterCR = true;
          else if (all[i + 1] === '\n') i++;
        }
        from = i + 1;
      }
      pending = all.slice(from);
    },
  };
}
