/** Names and sizes of a ZIP's entries, read from its central directory (nothing is decompressed). */
import yauzl from 'yauzl';

export interface ZipEntry {
  name: string;
  bytes: number;
}

export function listZipEntries(zip: Buffer): Promise<ZipEntry[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, file) => {
      if (error || !file) return reject(error ?? new Error('not a ZIP archive'));
      const entries: ZipEntry[] = [];
      file.on('entry', (entry: yauzl.Entry) => {
        entries.push({ name: entry.fileName, bytes: entry.uncompressedSize });
        file.readEntry();
      });
      file.once('end', () => resolve(entries));
      file.once('error', reject);
      file.readEntry();
    });
  });
}
