/**
 * Our own copy of every evidence file, content-addressed by SHA-256 under the evidence folder
 * (./data/evidence by default), so exports never depend on a messenger's servers.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { IncomingFile } from '../core/form/types.js';
import type { EvidenceStore } from '../core/ports.js';

/** Opens a download of a channel's file. */
export type FileDownloader = (file: IncomingFile) => Promise<ReadableStream<Uint8Array> | Readable>;

export class FileTooLargeError extends Error {}

export class FileEvidenceStore implements EvidenceStore {
  private readonly downloaders = new Map<string, FileDownloader>();

  constructor(private readonly root: string, private readonly maxBytes: number) {}

  /** Registers how to fetch files of one channel (telegram, zalo…). */
  register(channel: string, downloader: FileDownloader): void {
    this.downloaders.set(channel, downloader);
  }

  async store(file: IncomingFile): Promise<{ sha256: string; storageKey: string; sizeBytes: number }> {
    const download = this.downloaders.get(file.channel);
    if (!download) throw new Error(`no downloader for channel ${file.channel}`);
    const source = await download(file);
    const body = source instanceof Readable ? source : Readable.fromWeb(source as import('node:stream/web').ReadableStream<Uint8Array>);
    const incoming = path.join(this.root, 'incoming');
    await mkdir(incoming, { recursive: true });
    const temporary = path.join(incoming, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    let size = 0;
    const maxBytes = this.maxBytes;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (size > maxBytes) return callback(new FileTooLargeError(`file exceeds ${maxBytes} bytes`));
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      await pipeline(body, meter, createWriteStream(temporary, { flags: 'wx' }));
      const sha256 = hash.digest('hex');
      const storageKey = path.posix.join(sha256.slice(0, 2), sha256);
      const target = path.join(this.root, storageKey);
      await mkdir(path.dirname(target), { recursive: true });
      const exists = await stat(target).then(() => true, () => false);
      if (exists) await rm(temporary, { force: true });
      else await rename(temporary, target);
      return { sha256, storageKey, sizeBytes: size };
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  /** Absolute path of a stored file. */
  pathOf(storageKey: string): string {
    return path.join(this.root, storageKey);
  }
}
