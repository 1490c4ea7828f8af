/** The fake Slack and the Genesys simulator, running in their own worker thread (fakes-worker.ts). */
import type { Worker } from 'node:worker_threads';
import type { FakeSlackUser } from '../../dev/fake-slack/index.js';
import { startTsWorker } from './ts-worker.js';

export interface FakesSetup {
  slackUsers: FakeSlackUser[];
  /** Web API method → ms before the fake answers it */
  slackDelays: Record<string, number>;
}

export type FakesRequest = { kind: 'calls' } | { kind: 'outcomes'; method: string } | { kind: 'close' };

type FakesAnswer =
  | { kind: 'ready'; slackUrl: string; responseUrlBase: string; simApiUrl: string; simLoginUrl: string }
  | { kind: 'calls'; total: number; sim: number }
  | { kind: 'outcomes'; outcomes: Record<string, number> }
  | { kind: 'closed' };

export interface RemoteFakes {
  slackUrl: string;
  responseUrlBase: string;
  simApiUrl: string;
  simLoginUrl: string;
  /** calls the fake Slack and the simulator have answered so far */
  callCount(): Promise<number>;
  /** a Slack method's calls by outcome: 'ok' or the error code */
  outcomes(method: string): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export async function startRemoteFakes(setup: FakesSetup): Promise<RemoteFakes> {
  const worker = startTsWorker(new URL('./fakes-worker.ts', import.meta.url), setup);
  const ready = await next(worker, 'ready');
  const ask = async <K extends FakesAnswer['kind']>(request: FakesRequest, kind: K) => {
    const answer = next(worker, kind);
    worker.postMessage(request);
    return answer;
  };
  return {
    slackUrl: ready.slackUrl,
    responseUrlBase: ready.responseUrlBase,
    simApiUrl: ready.simApiUrl,
    simLoginUrl: ready.simLoginUrl,
    callCount: async () => {
      const calls = await ask({ kind: 'calls' }, 'calls');
      return calls.total + calls.sim;
    },
    outcomes: async (method) => (await ask({ kind: 'outcomes', method }, 'outcomes')).outcomes,
    close: async () => {
      await ask({ kind: 'close' }, 'closed');
      await worker.terminate();
    },
  };
}

function next<K extends FakesAnswer['kind']>(worker: Worker, kind: K): Promise<Extract<FakesAnswer, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (answer: FakesAnswer) => {
      if (answer.kind !== kind) return;
      worker.off('message', onMessage);
      worker.off('error', reject);
      resolve(answer as Extract<FakesAnswer, { kind: K }>);
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
  });
}
