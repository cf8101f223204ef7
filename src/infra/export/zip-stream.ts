/**
 * Streaming plumbing of the exports: UTF-8 text encoded straight into big chunks (respecting the
 * stream's backpressure and failures), and the ZIP container of a workbook (deflate on zlib's
 * thread pool, CRC-32 by zlib: a general ZIP library computed the CRC byte by byte in JavaScript,
 * a tenth of the whole export's time).
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import zlib from 'node:zlib';

/** Bytes per chunk handed to the stream (and to deflate): big enough that per-write costs vanish. */
export const CHUNK_BYTES = 256 * 1024;
/**
 * Bytes a stream may hold before writing waits for it to drain. A file stream asks to wait past
 * 16 KB, so after every chunk, which would leave the encoder idle while each write completes; a few
 * chunks of slack let encoding and writing overlap, and memory stays bounded all the same.
 */
const BACKLOG_BYTES = 4 * CHUNK_BYTES;

/** Writes `bytes`; true when the stream holds so much that the writer should wait for 'drain'. */
function writeAndCheck(out: Writable, bytes: Buffer): boolean {
  // 'drain' only comes after a write the stream refused, hence both conditions.
  return !out.write(bytes) && out.writableLength >= BACKLOG_BYTES;
}

/** Waits for 'drain'; rejects if the stream fails or closes first (never waits forever). */
function drained(out: Writable): Promise<void> {
  if (out.destroyed) return Promise.reject(out.errored ?? new Error('the output was closed before the export was written'));
  return new Promise((resolve, reject) => {
    const settle = (error?: Error | null) => {
      out.off('drain', onDrain);
      out.off('error', settle);
      out.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onClose = () => settle(out.errored ?? new Error('the output was closed before the export was written'));
    out.on('drain', onDrain);
    out.on('error', settle);
    out.on('close', onClose);
  });
}

/**
 * Keeps a stream's first error from the start (a file that cannot be opened, a full disk): it is
 * thrown by the next write instead of becoming an uncaught 'error' event.
 */
function watchErrors(out: Writable): () => Error | undefined {
  let failure: Error | undefined;
  out.on('error', (error: Error) => (failure ??= error));
  return () => failure;
}

/**
 * Text encoded as UTF-8 straight into chunks of `CHUNK_BYTES`, each written to `out` once full:
 * no big intermediate strings, and one write per chunk instead of one per row. `write` never waits;
 * call `ready()` between rows to respect the stream's backpressure. (The CSV writer uses it too.)
 */
export class ChunkedOutput {
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private blocked = false;
  private readonly failure: () => Error | undefined;

  constructor(
    private readonly out: Writable,
    /** Sees every chunk before it is written (the ZIP's CRC and sizes). */
    private readonly onChunk?: (chunk: Buffer) => void,
  ) {
    this.failure = watchErrors(out);
  }

  write(text: string): void {
    const failure = this.failure();
    if (failure) throw failure;
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    if (this.used + text.length * 3 > CHUNK_BYTES) {
      this.push();
      if (text.length * 3 > CHUNK_BYTES) {
        this.send(Buffer.from(text, 'utf8'));
        return;
      }
    }
    this.used += this.chunk.write(text, this.used, 'utf8');
  }

  /** Resolves once the stream can take more (at once, usually). */
  ready(): Promise<void> | undefined {
    const failure = this.failure();
    if (failure) return Promise.reject(failure);
    if (!this.blocked) return undefined;
    this.blocked = false;
    return drained(this.out);
  }

  /** Writes what is buffered (the stream is not ended). */
  async flush(): Promise<void> {
    this.push();
    await this.ready();
  }

  private push(): void {
    if (this.used === 0) return;
    const full = this.chunk.subarray(0, this.used);
    this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
    this.send(full);
  }

  private send(bytes: Buffer): void {
    this.onChunk?.(bytes);
    if (writeAndCheck(this.out, bytes)) this.blocked = true;
  }
}

/** CRC-32 (ZIP's): zlib's own where Node has it (20.15+), a table otherwise. */
const crc32: (data: Buffer, value: number) => number =
  typeof (zlib as { crc32?: unknown }).crc32 === 'function'
    ? (zlib as unknown as { crc32: (data: Buffer, value: number) => number }).crc32
    : (() => {
        const table = new Int32Array(256);
        for (let n = 0; n < 256; n += 1) {
          let c = n;
          for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
          table[n] = c;
        }
        return (data: Buffer, value: number) => {
          let c = ~value;
          for (let index = 0; index < data.length; index += 1) c = table[(c ^ data[index]!) & 0xff]! ^ (c >>> 8);
          return ~c >>> 0;
        };
      })();

/** Deflate level of every part (zlib's default, as before). */
const LEVEL = 6;
const UTF8_NAMES = 1 << 11;
const SIZES_AFTER_DATA = 1 << 3;

interface ZipRecord {
  name: Buffer;
  flags: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/** DOS date and time (local time, two-second steps), as ZIP headers hold them. */
function dosDateTime(date: Date): { date: number; time: number } {
  const year = Math.min(Math.max(date.getFullYear(), 1980), 2107);
  return {
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
  };
}

/**
 * The ZIP container of a workbook: entries one after the other, each deflated; a sheet streams (its
 * CRC and sizes follow its data), the small parts are deflated whole. No ZIP64: a part of 4 GiB
 * would be far past Excel's million rows, and is refused rather than written wrong.
 */
export class ZipStream {
  private offset = 0;
  private readonly records: ZipRecord[] = [];
  private readonly stamp = dosDateTime(new Date());
  private readonly failure: () => Error | undefined;

  constructor(private readonly out: Writable) {
    this.failure = watchErrors(out);
  }

  /** A streamed entry: write its bytes to the returned output, then call `close()`. */
  open(name: string): { output: ChunkedOutput; close: () => Promise<void> } {
    this.check();
    const record: ZipRecord = { name: Buffer.from(name, 'utf8'), flags: UTF8_NAMES | SIZES_AFTER_DATA, crc: 0, compressed: 0, size: 0, offset: this.offset };
    // Not waited for: the entry's first chunk meets any backpressure.
    const header = this.localHeader(record);
    this.offset += header.length;
    this.out.write(header);
    // Deflate runs on the thread pool; up to a couple of chunks may queue so that encoding the next
    // rows and compressing the last ones overlap.
    // (zlib hands stream options such as the high-water mark on to its Transform.)
    const deflate = zlib.createDeflateRaw({ level: LEVEL, chunkSize: 64 * 1024, writableHighWaterMark: 2 * CHUNK_BYTES } as zlib.ZlibOptions);
    deflate.on('data', (chunk: Buffer) => {
      record.compressed += chunk.length;
      this.offset += chunk.length;
      if (writeAndCheck(this.out, chunk)) {
        deflate.pause();
        drained(this.out).then(
          () => deflate.resume(),
          (error: Error) => deflate.destroy(error),
        );
      }
    });
    const ended = once(deflate, 'end');
    ended.catch(() => {}); // a failure is thrown by the next write, or by close()
    const output = new ChunkedOutput(deflate, (chunk) => {
      record.crc = crc32(chunk, record.crc);
      record.size += chunk.length;
    });
    const close = async () => {
      deflate.end();
      await ended;
      this.check();
      this.checkSizes(record);
      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(record.crc, 4);
      descriptor.writeUInt32LE(record.compressed, 8);
      descriptor.writeUInt32LE(record.size, 12);
      await this.put(descriptor);
      this.records.push(record);
    };
    return { output, close };
  }

  /** A small entry known whole. */
  async add(name: string, text: string): Promise<void> {
    const data = Buffer.from(text, 'utf8');
    const compressed = zlib.deflateRawSync(data, { level: LEVEL });
    const record: ZipRecord = { name: Buffer.from(name, 'utf8'), flags: UTF8_NAMES, crc: crc32(data, 0), compressed: compressed.length, size: data.length, offset: this.offset };
    this.checkSizes(record);
    await this.put(this.localHeader(record));
    await this.put(compressed);
    this.records.push(record);
  }

  /** Writes the central directory and ends the output. */
  async end(): Promise<void> {
    const start = this.offset;
    for (const record of this.records) {
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, spec 2.0
      header.writeUInt16LE(20, 6);
      header.writeUInt16LE(record.flags, 8);
      header.writeUInt16LE(8, 10);
      header.writeUInt16LE(this.stamp.time, 12);
      header.writeUInt16LE(this.stamp.date, 14);
      header.writeUInt32LE(record.crc, 16);
      header.writeUInt32LE(record.compressed, 20);
      header.writeUInt32LE(record.size, 24);
      header.writeUInt16LE(record.name.length, 28);
      header.writeUInt32LE((0o100664 << 16) >>> 0, 38);
      header.writeUInt32LE(record.offset, 42);
      await this.put(Buffer.concat([header, record.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.records.length, 8);
    end.writeUInt16LE(this.records.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    if (this.records.length > 0xffff || this.offset > 0xffffffff) throw new Error('the workbook is too large for a ZIP without ZIP64');
    this.check();
    this.out.end(end);
    await finished(this.out);
  }

  private check(): void {
    const failure = this.failure();
    if (failure) throw failure;
  }

  private checkSizes(record: ZipRecord): void {
    if (record.size > 0xffffffff || record.compressed > 0xffffffff || record.offset > 0xffffffff) throw new Error('the workbook is too large for a ZIP without ZIP64');
  }

  private localHeader(record: ZipRecord): Buffer {
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(record.flags, 6);
    header.writeUInt16LE(8, 8);
    header.writeUInt16LE(this.stamp.time, 10);
    header.writeUInt16LE(this.stamp.date, 12);
    if (!(record.flags & SIZES_AFTER_DATA)) {
      header.writeUInt32LE(record.crc, 14);
      header.writeUInt32LE(record.compressed, 18);
      header.writeUInt32LE(record.size, 22);
    }
    header.writeUInt16LE(record.name.length, 26);
    return Buffer.concat([header, record.name]);
  }

  private async put(bytes: Buffer): Promise<void> {
    this.check();
    this.offset += bytes.length;
    if (writeAndCheck(this.out, bytes)) await drained(this.out);
  }
}
