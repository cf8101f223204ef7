/**
 * Our own copy of every evidence file: content-addressed by SHA-256 in a folder, so an export
 * never depends on the messenger's servers; too-large files are refused without leftovers.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IncomingFile } from '../../src/core/form/types.js';
import { FileEvidenceStore, FileTooLargeError } from '../../src/infra/evidence-store.js';

const MAX_BYTES = 64 * 1024;

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'ntvt-evidence-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function file(fileUniqueId: string, channel = 'telegram'): IncomingFile {
  return { kind: 'photo', channel, fileId: `id-${fileUniqueId}`, fileUniqueId, mimeType: 'image/jpeg' };
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Some bytes that look like a photo, split into chunks like a download. */
function bytes(size: number, seed = 1): Buffer {
  const buffer = Buffer.alloc(size);
  for (let index = 0; index < size; index += 1) buffer[index] = (index * 31 + seed * 17) % 251;
  return buffer;
}

function chunks(buffer: Buffer, size = 4096): Buffer[] {
  const parts: Buffer[] = [];
  for (let offset = 0; offset < buffer.length; offset += size) parts.push(buffer.subarray(offset, offset + size));
  return parts;
}

const nodeStream = (buffer: Buffer) => Readable.from(chunks(buffer));

function webStream(buffer: Buffer): ReadableStream<Uint8Array> {
  const parts = chunks(buffer);
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = parts.shift();
      if (next) controller.enqueue(new Uint8Array(next));
      else controller.close();
    },
  });
}

/** Every file under the store's folder, relative to it. */
async function filesUnder(folder: string, prefix = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(path.join(folder, prefix), { withFileTypes: true })) {
    const relative = path.join(prefix, entry.name);
    if (entry.isDirectory()) found.push(...(await filesUnder(folder, relative)));
    else found.push(relative);
  }
  return found.sort();
}

describe('FileEvidenceStore', () => {
  it.each([
    ['a Node stream', nodeStream],
    ['a web ReadableStream (fetch)', webStream],
  ] as const)('stores a download from %s under its SHA-256 ("ab/abcdef…")', async (_label, open) => {
    const content = bytes(20_000);
    const store = new FileEvidenceStore(root, MAX_BYTES);
    store.register('telegram', async () => open(content));
    const stored = await store.store(file('photo-1'));
    const hash = sha256(content);
    expect(stored).toEqual({ sha256: hash, storageKey: `${hash.slice(0, 2)}/${hash}`, sizeBytes: content.length });
    expect(store.pathOf(stored.storageKey)).toBe(path.join(root, hash.slice(0, 2), hash));
    expect(await readFile(store.pathOf(stored.storageKey))).toEqual(content);
    expect(await filesUnder(root)).toEqual([path.join(hash.slice(0, 2), hash)]);
  });

  it('keeps one copy of the same bytes sent twice (even under another file id), and separate copies of different bytes', async () => {
    const photo = bytes(10_000, 1);
    const other = bytes(10_000, 2);
    const store = new FileEvidenceStore(root, MAX_BYTES);
    const contentOf: Record<string, Buffer> = { a: photo, b: photo, c: other };
    store.register('telegram', async (incoming) => nodeStream(contentOf[incoming.fileUniqueId]!));
    const first = await store.store(file('a'));
    const second = await store.store(file('b'));
    const third = await store.store(file('c'));
    expect(second).toEqual(first);
    expect(third.sha256).not.toBe(first.sha256);
    expect(await filesUnder(root)).toEqual(
      [path.join(first.sha256.slice(0, 2), first.sha256), path.join(third.sha256.slice(0, 2), third.sha256)].sort(),
    );
    expect(await readFile(store.pathOf(first.storageKey))).toEqual(photo);
  });

  it('stores the same file downloaded twice at the same moment once', async () => {
    const photo = bytes(30_000, 3);
    const store = new FileEvidenceStore(root, MAX_BYTES);
    store.register('telegram', async () => webStream(photo));
    const [a, b] = await Promise.all([store.store(file('x')), store.store(file('x'))]);
    expect(a).toEqual(b);
    expect(await filesUnder(root)).toEqual([path.join(a.sha256.slice(0, 2), a.sha256)]);
    expect(await readFile(store.pathOf(a.storageKey))).toEqual(photo);
  });

  it('accepts a file of exactly the limit', async () => {
    const store = new FileEvidenceStore(root, MAX_BYTES);
    store.register('telegram', async () => nodeStream(bytes(MAX_BYTES)));
    expect((await store.store(file('limit'))).sizeBytes).toBe(MAX_BYTES);
  });

  it.each([
    ['a Node stream', nodeStream],
    ['a web ReadableStream (fetch)', webStream],
  ] as const)('refuses a file over the limit from %s and leaves no partial file behind', async (_label, open) => {
    const store = new FileEvidenceStore(root, MAX_BYTES);
    store.register('telegram', async () => open(bytes(MAX_BYTES + 1)));
    await expect(store.store(file('huge'))).rejects.toBeInstanceOf(FileTooLargeError);
    // Give a late-opening write stream the chance to create its file before looking.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await filesUnder(root)).toEqual([]);
    // The store still works afterwards.
    store.register('telegram', async () => open(bytes(1000)));
    const stored = await store.store(file('small'));
    expect(await filesUnder(root)).toEqual([path.join(stored.sha256.slice(0, 2), stored.sha256)]);
  });

  it('leaves no partial file when the download breaks off halfway', async () => {
    const store = new FileEvidenceStore(root, MAX_BYTES);
    store.register('telegram', async () =>
      Readable.from(
        (async function* () {
          yield bytes(4096);
          throw new Error('connection reset');
        })(),
      ),
    );
    await expect(store.store(file('broken'))).rejects.toThrow('connection reset');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await filesUnder(root)).toEqual([]);
  });

  it('refuses a file from a channel it cannot download from, and stores nothing', async () => {
    const store = new FileEvidenceStore(root, MAX_BYTES);
    store.register('telegram', async () => nodeStream(bytes(10)));
    await expect(store.store(file('z', 'zalo'))).rejects.toThrow(/zalo/);
    expect(await filesUnder(root)).toEqual([]);
  });
});
