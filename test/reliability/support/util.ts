/** Small helpers shared by the reliability suite. */
import { createServer } from 'node:net';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Polls until `predicate` holds, in real time; the error names what was awaited and the last value. */
export async function eventually<T>(
  probe: () => Promise<T> | T,
  predicate: (v: T) => boolean,
  timeoutMs: number,
  what: string,
  intervalMs = 200,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!predicate(last)) {
    if (Date.now() > end) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(last)?.slice(0, 600)}`);
    }
    await sleep(intervalMs);
    last = await probe();
  }
  return last;
}
