/**
 * The chain of custody delivered with a timeline: a `…-custody.json` beside the CSV and HTML
 * (what each archive was, and the SHA-256 of each file), and the same facts for the audit entry,
 * plus the hash of the JSON itself. Ids and hashes only.
 */
import { createHash } from 'node:crypto';
import type { BuiltTimelineFiles, SealedFile } from '../timeline/index.js';
import type { TimelineCustody } from '../workflow/model.js';

export interface DeliveredFile {
  name: string;
  file: SealedFile;
}

export function custodyOf(built: Pick<BuiltTimelineFiles, 'archives'>, files: readonly DeliveredFile[]): TimelineCustody {
  return {
    archives: built.archives.map((a) => ({
      requestId: a.requestId,
      subjectId: a.genesysUserId,
      completedAt: a.completedAt,
      archive: a.archive,
      archiveBytes: a.archiveBytes,
      zipSha256: a.zipSha256,
      chatSha256: a.realtimeSha256,
      messages: a.messages,
    })),
    files: files.map(({ name, file }) => ({ name, bytes: file.size, sha256: file.sha256 ?? '' })),
  };
}

/**
 * The JSON file, and the custody for the audit with that file added to the files delivered. Its
 * keys and values are data (stable English identifiers, ISO UTC times, hashes); only the
 * `howToVerify` sentence is in the requester's language.
 */
export function custodyFile(
  caseId: string,
  builtAt: Date,
  custody: TimelineCustody,
  file: { name: string; howToVerify: string },
): { bytes: Buffer; audit: TimelineCustody } {
  const document = { caseId, builtAt: builtAt.toISOString(), howToVerify: file.howToVerify, ...custody };
  const bytes = Buffer.from(`${JSON.stringify(document, null, 2)}\n`, 'utf8');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { bytes, audit: { ...custody, files: [...custody.files, { name: file.name, bytes: bytes.length, sha256 }] } };
}
