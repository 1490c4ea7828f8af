/**
 * Runs the simulator on its own, for the demo and manual testing:
 *   npx tsx dev/genesys-simulator/main.ts [--port 8787] [--export-minutes 2]
 * Point the bot at it with GENESYS_API_URL and GENESYS_LOGIN_URL set to the printed base URL.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_SIM_CLIENT, defaultSimUsers, startGenesysSimulator } from './index.js';

function positiveNumber(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number of 0 or more (got "${value}")`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      'export-minutes': { type: 'string', default: '2' },
    },
  });
  const users = defaultSimUsers();
  const sim = await startGenesysSimulator({
    port: positiveNumber(values.port, 'port', 8787),
    host: values.host,
    users,
    exportDurationMs: positiveNumber(values['export-minutes'], 'export-minutes', 2) * 60_000,
    // method, path and status only: queries can hold an email address or a link signature
    onRequest: (e) => console.log(`${new Date(e.at).toISOString()} ${e.method} ${e.path} → ${e.status}${e.clientId ? ` (${e.clientId})` : ''}`),
  });

  console.log(`Genesys Cloud simulator listening on ${sim.baseUrl}`);
  console.log(`  GENESYS_API_URL=${sim.apiUrl}`);
  console.log(`  GENESYS_LOGIN_URL=${sim.loginUrl}`);
  console.log(`  GENESYS_CLIENT_ID=${DEFAULT_SIM_CLIENT.id}`);
  console.log(`  GENESYS_CLIENT_SECRET=${DEFAULT_SIM_CLIENT.secret}`);
  console.log(`  exports complete after ${values['export-minutes']} minute(s)`);
  console.log('Seeded users:');
  for (const u of users) {
    console.log(`  ${u.id}  ${(u.name ?? '(no name)').padEnd(22)} ${u.email}  ${u.messages?.length ?? 0} message(s)`);
  }

  const stop = () => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
