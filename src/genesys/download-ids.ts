/**
 * A completed export's resultsUrl is an API endpoint, not a file (reference §14):
 * `https://apps.<domain>/platform/api/v2/downloads/<downloadId>`. We keep only the id and later
 * mint a short-lived signed link through our own API base, so the host in the URL is never called.
 */

const DOWNLOAD_ID = /^[A-Za-z0-9][A-Za-z0-9._~-]{0,199}$/;
const DOWNLOAD_PATH = /^(?:\/platform)?\/api\/v2\/downloads\/([^/]+)\/?$/;

/** true for a value safe to put in the downloads path */
export function isDownloadId(value: string): boolean {
  return DOWNLOAD_ID.test(value);
}

/** the download id in a results URL, or undefined when the URL does not have the documented form */
export function parseDownloadId(resultsUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(resultsUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username || url.password) return undefined;
  const match = DOWNLOAD_PATH.exec(url.pathname);
  const id = match?.[1];
  return id !== undefined && isDownloadId(id) ? id : undefined;
}

/**
 * Download ids of a request: `resultsUrls` when it is non-empty (a split export), else `resultsUrl`.
 * Unparseable entries are counted, not returned, so the caller can decide how loud to be.
 */
export function extractDownloadIds(request: { resultsUrl?: string; resultsUrls?: string[] }): {
  ids: string[];
  rejected: number;
} {
  const urls =
    request.resultsUrls && request.resultsUrls.length > 0
      ? request.resultsUrls
      : request.resultsUrl
        ? [request.resultsUrl]
        : [];
  const ids: string[] = [];
  let rejected = 0;
  for (const u of urls) {
    const id = parseDownloadId(u);
    if (id === undefined) rejected++;
    else if (!ids.includes(id)) ids.push(id);
  }
  return { ids, rejected };
}
