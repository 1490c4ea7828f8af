/**
 * The fake Slack and the Genesys simulator in a worker thread of their own (see remote-fakes.ts),
 * so their work (Block Kit checks, archives, delays) does not run on the event loop of the app
 * being measured. Answers a few questions over the message port.
 */
import { setMaxListeners } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';
import { startFakeSlack } from '../../dev/fake-slack/index.js';
import { startGenesysSimulator } from '../../dev/genesys-simulator/index.js';
import type { FakesRequest, FakesSetup } from './remote-fakes.js';

// every delayed answer listens on the fake's shutdown signal: hundreds at once are expected here
setMaxListeners(0);

const setup = workerData as FakesSetup;
const slack = await startFakeSlack({ users: setup.slackUsers });
for (const [method, ms] of Object.entries(setup.slackDelays)) slack.setDelay(method, ms);
const sim = await startGenesysSimulator({});

parentPort!.on('message', (request: FakesRequest) => void answer(request));

async function answer(request: FakesRequest): Promise<void> {
  switch (request.kind) {
    case 'calls':
      parentPort!.postMessage({ kind: 'calls', total: slack.calls.length, sim: sim.log.length });
      return;
    case 'outcomes': {
      const outcomes: Record<string, number> = {};
      for (const call of slack.callsTo(request.method)) {
        const key = call.ok ? 'ok' : (call.error ?? 'unknown');
        outcomes[key] = (outcomes[key] ?? 0) + 1;
      }
      parentPort!.postMessage({ kind: 'outcomes', outcomes });
      return;
    }
    case 'close':
      await slack.close();
      await sim.close();
      parentPort!.postMessage({ kind: 'closed' });
      parentPort!.close();
  }
}

parentPort!.postMessage({
  kind: 'ready',
  slackUrl: slack.url,
  responseUrlBase: slack.responseUrlBase,
  simApiUrl: sim.apiUrl,
  simLoginUrl: sim.loginUrl,
});
