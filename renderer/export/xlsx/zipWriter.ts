/**
 * A small streaming zip writer for .xlsx files: each entry is deflated as it
 * is written (the platform's CompressionStream, in browsers, workers and Node),
 * so only the compressed bytes are kept, never a whole sheet's XML. The gzip
 * format is asked for, not raw deflate, because its trailer carries the CRC-32
 * zip needs, computed natively: the header and trailer are cut off and the
 * deflate data between them is the entry's body. Entries
 * use a data descriptor (sizes and CRC after the data), as exceljs's own
 * Node-only streaming writer does; no zip64, so each part stays under 4 GB.
 */

import { now } from '../../../shared/clock';

const UTF8_AND_DESCRIPTOR = 0x0808;
const DEFLATE = 8;
const VERSION = 20;

interface Written { name: Uint8Array; offset: number; crc: number; compressed: number; size: number }

/** MS-DOS time and date of `when` (local fields as given; zip has no time zone). */
function dosDateTime(when: Date): { time: number; date: number } {
  return {
    time: (when.getUTCHours() << 11) | (when.getUTCMinutes() << 5) | Math.floor(when.getUTCSeconds() / 2),
    date: ((when.getUTCFullYear() - 1980) << 9) | ((when.getUTCMonth() + 1) << 5) | when.getUTCDate(),
  };
}

class Bytes {
  readonly data: Uint8Array;
  private readonly view: DataView;
  private at = 0;
  constructor(length: number) {
    this.data = new Uint8Array(length);
    this.view = new DataView(this.data.buffer);
  }
  u16(v: number) { this.view.setUint16(this.at, v, true); this.at += 2; return this; }
  u32(v: number) { this.view.setUint32(this.at, v >>> 0, true); this.at += 4; return this; }
  bytes(b: Uint8Array) { this.data.set(b, this.at); this.at += b.length; return this; }
}

/**
 * Passes on the deflate data of a gzip stream (RFC 1952): skips the header,
 * holds back the last 8 bytes, which are the CRC-32 and the size mod 2^32.
 */
class GzipBody {
  private head: Uint8Array = new Uint8Array(0);
  private headerDone = false;
  private tail: Uint8Array = new Uint8Array(0);
  constructor(private readonly emit: (chunk: Uint8Array) => void) {}

  take(chunk: Uint8Array): void {
    if (!this.headerDone) {
      this.head = concat(this.head, chunk);
      const length = gzipHeaderLength(this.head);
      if (length === undefined) return;
      this.headerDone = true;
      chunk = this.head.subarray(length);
      this.head = new Uint8Array(0);
    }
    const all = this.tail.length ? concat(this.tail, chunk) : chunk;
    const keep = Math.min(8, all.length);
    if (all.length > keep) this.emit(all.slice(0, all.length - keep));
    this.tail = all.slice(all.length - keep);
  }

  end(): { crc: number; size: number } {
    if (!this.headerDone || this.tail.length !== 8) throw new Error('GZIP_TRUNCATED');
    const view = new DataView(this.tail.buffer, this.tail.byteOffset, 8);
    return { crc: view.getUint32(0, true), size: view.getUint32(4, true) };
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Bytes before the deflate data, or undefined while more are needed. */
function gzipHeaderLength(h: Uint8Array): number | undefined {
  if (h.length < 10) return undefined;
  if (h[0] !== 0x1f || h[1] !== 0x8b || h[2] !== 8) throw new Error('GZIP_HEADER');
  const flags = h[3]!;
  let at = 10;
  if (flags & 4) {
    if (h.length < at + 2) return undefined;
    at += 2 + (h[at]! | (h[at + 1]! << 8));
  }
  for (const bit of [8, 16]) {
    if (!(flags & bit)) continue;
    while (at < h.length && h[at] !== 0) at += 1;
    if (at >= h.length) return undefined;
    at += 1;
  }
  if (flags & 2) at += 2;
  return h.length >= at ? at : undefined;
}

/** One entry being written: feed it UTF-8 text or bytes, then close it. */
export interface ZipEntry {
  write(chunk: string | Uint8Array<ArrayBuffer>): Promise<void>;
  close(): Promise<void>;
}

export class ZipWriter {
  private readonly chunks: Uint8Array[] = [];
  private readonly entries: Written[] = [];
  private offset = 0;
  private open = false;
  private readonly stamp: { time: number; date: number };
  private readonly encoder = new TextEncoder();

  constructor(when = now()) {
    this.stamp = dosDateTime(when);
  }

  private push(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.offset += chunk.length;
  }

  /** Starts an entry; one at a time, as the bytes go out in order. */
  entry(path: string): ZipEntry {
    if (this.open) throw new Error('ZIP_ENTRY_OPEN');
    this.open = true;
    const name = this.encoder.encode(path);
    const written: Written = { name, offset: this.offset, crc: 0, compressed: 0, size: 0 };
    this.push(new Bytes(30 + name.length)
      .u32(0x04034b50).u16(VERSION).u16(UTF8_AND_DESCRIPTOR).u16(DEFLATE).u16(this.stamp.time).u16(this.stamp.date)
      .u32(0).u32(0).u32(0).u16(name.length).u16(0).bytes(name).data);
    const deflate = new CompressionStream('gzip');
    const writer = deflate.writable.getWriter();
    const reader = deflate.readable.getReader();
    let inflight: Promise<void> = Promise.resolve();
    const body = new GzipBody((chunk) => {
      written.compressed += chunk.length;
      this.push(chunk);
    });
    // Drain the compressed side while the text goes in, so neither side piles up.
    const drained = (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return body.end();
        body.take(value);
      }
    })();
    return {
      write: async (chunk) => {
        const bytes = typeof chunk === 'string' ? this.encoder.encode(chunk) : chunk;
        if (bytes.length === 0) return;
        // One chunk compresses while the next is made: waiting on `ready` alone is not enough, as Node's
        // CompressionStream takes chunks faster than zlib compresses them and the text would pile up.
        await inflight;
        inflight = writer.write(bytes);
      },
      close: async () => {
        await inflight;
        await writer.close();
        const trailer = await drained;
        written.crc = trailer.crc;
        written.size = trailer.size;
        this.push(new Bytes(16).u32(0x08074b50).u32(written.crc).u32(written.compressed).u32(written.size).data);
        this.entries.push(written);
        this.open = false;
      },
    };
  }

  /** A small entry in one go. */
  async add(path: string, text: string): Promise<void> {
    const entry = this.entry(path);
    await entry.write(text);
    await entry.close();
  }

  /** The central directory, then the whole archive as one array. */
  finish(): Uint8Array {
    if (this.open) throw new Error('ZIP_ENTRY_OPEN');
    const start = this.offset;
    for (const e of this.entries) {
      this.push(new Bytes(46 + e.name.length)
        .u32(0x02014b50).u16(VERSION).u16(VERSION).u16(UTF8_AND_DESCRIPTOR).u16(DEFLATE).u16(this.stamp.time).u16(this.stamp.date)
        .u32(e.crc).u32(e.compressed).u32(e.size).u16(e.name.length).u16(0).u16(0).u16(0).u16(0).u32(0).u32(e.offset)
        .bytes(e.name).data);
    }
    const directory = this.offset - start;
    this.push(new Bytes(22).u32(0x06054b50).u16(0).u16(0).u16(this.entries.length).u16(this.entries.length)
      .u32(directory).u32(start).u16(0).data);
    const out = new Uint8Array(this.offset);
    let at = 0;
    for (const chunk of this.chunks.splice(0)) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }
}
