/**
 * A file kept with a record (evidence, a supplement, a proposal list's minutes or report): the
 * columns every such table shares, from the channel's description and our own stored copy.
 */

/** A file as the use cases hand it over: the channel's ids, and our copy's hash and key once stored. */
export interface StoredFileInput {
  kind: string;
  channel: string;
  fileId: string;
  fileUniqueId?: string;
  fileName?: string;
  mimeType?: string;
  sizeBytes?: number;
  sha256?: string;
  storageKey?: string;
  receivedAt: string;
}

/** The shared columns of a stored file, as Prisma writes them. */
export function storedFileColumns(file: StoredFileInput) {
  return {
    kind: file.kind,
    channel: file.channel,
    fileId: file.fileId,
    fileUniqueId: file.fileUniqueId ?? null,
    fileName: file.fileName ?? null,
    mimeType: file.mimeType ?? null,
    sizeBytes: file.sizeBytes ?? null,
    sha256: file.sha256 ?? null,
    storageKey: file.storageKey ?? null,
    receivedAt: new Date(file.receivedAt),
  };
}
