/**
 * Genesys Cloud checks: where the bot logs in, whether it can, and whether each permission works,
 * exercised with harmless reads (a listing of one request, a search for a reserved address, the
 * chat settings, a made-up user id). `gdpr:request:add` could only be proven by creating a real export, so it is not.
 */
import type { Config } from '../../config.js';
import { createGenesysClient, type GenesysClient, type ProbedPermission } from '../../genesys/client.js';
import { isGenesysError } from '../../workflow/genesys-error.js';
import type { Logger } from '../../logger.js';
import { fail, messageOf, pass, skip, warn, type AreaCheck } from './doctor-check.js';

const LOGIN_FIX =
  'Check GENESYS_CLIENT_ID and GENESYS_CLIENT_SECRET, that the OAuth client’s grant type is Client Credentials, and that GENESYS_REGION is your org’s region (Admin → OAuth shows the client).';
const ROLE_FIX = (permission: string) =>
  `Add ${permission} to a role assigned to the bot’s OAuth client (Admin → Roles/Permissions, in the right division), then run the doctor again.`;

interface PermissionProbe {
  permission: ProbedPermission;
  required: boolean;
  /** what the bot uses it for, said in a failure */
  usedFor: string;
  /** for an optional one: what people see without it */
  withoutIt?: string;
}

const PROBES: PermissionProbe[] = [
  { permission: 'gdpr:request:view', required: true, usedFor: 'follow export requests and fetch their download links' },
  { permission: 'gdpr:subject:view', required: true, usedFor: 'find a person’s Genesys user by email' },
  { permission: 'chat:setting:view', required: false, usedFor: 'show the chat retention period in the request form', withoutIt: 'the form will say the period is unknown' },
  {
    permission: 'directory:user:view',
    required: false,
    usedFor: 'read the name of a person typed by Genesys ID',
    withoutIt: 'the approval card will show the ID and say the name could not be looked up',
  },
];

export interface GenesysCheckDeps {
  logger: Logger;
}

export async function checkGenesys(config: Config, deps: GenesysCheckDeps): Promise<AreaCheck[]> {
  const checks: AreaCheck[] = [regionCheck(config)];
  const genesys = createGenesysClient({
    apiUrl: config.genesys.apiUrl,
    loginUrl: config.genesys.loginUrl,
    clientId: config.genesys.clientId,
    clientSecret: config.genesys.clientSecret,
    logger: deps.logger,
    timeoutMs: 10_000,
    // one quick retry: the doctor reports, it does not wait out an outage
    retry: { maxAttempts: 2, maxTotalMs: 5_000, maxRetryAfterMs: 5_000 },
  });

  const login = await checkLogin(genesys);
  checks.push(login);
  if (login.status !== 'pass') {
    for (const p of PROBES) checks.push(skip(p.permission, 'skipped: the bot could not log in'));
  } else {
    for (const p of PROBES) checks.push(await checkPermission(genesys, p));
  }
  checks.push(
    skip('gdpr:request:add', 'cannot be checked without creating a real export request; make sure the OAuth client’s role has it (README, Set up step 2)'),
  );
  return checks;
}

function regionCheck(config: Config): AreaCheck {
  const { region, apiUrl, loginUrl } = config.genesys;
  const apiOverridden = apiUrl !== `https://api.${region}`;
  const loginOverridden = loginUrl !== `https://login.${region}`;
  if (!apiOverridden && !loginOverridden) {
    return pass('region', `GENESYS_REGION ${region}: login at ${loginUrl}, API at ${apiUrl}`);
  }
  const detail = `login at ${loginUrl}${loginOverridden ? ' (GENESYS_LOGIN_URL)' : ''}, API at ${apiUrl}${apiOverridden ? ' (GENESYS_API_URL)' : ''}`;
  if (apiOverridden !== loginOverridden) {
    return warn(
      'region',
      `${detail}: only one of the two is overridden`,
      'The token and the API must come from the same region: set both GENESYS_API_URL and GENESYS_LOGIN_URL, or neither and use GENESYS_REGION.',
    );
  }
  return pass('region', detail);
}

async function checkLogin(genesys: GenesysClient): Promise<AreaCheck> {
  try {
    await genesys.verifyCredentials();
    return pass('login', 'the OAuth client logged in with client credentials');
  } catch (e) {
    if (isGenesysError(e) && e.code === 'auth_failed') {
      return fail('login', `Genesys Cloud refused the OAuth login${e.status ? ` (HTTP ${e.status})` : ''}.`, LOGIN_FIX);
    }
    return fail(
      'login',
      messageOf(e),
      'Check the network (proxy, firewall) and GENESYS_REGION, or GENESYS_API_URL and GENESYS_LOGIN_URL if you set them.',
    );
  }
}

async function checkPermission(genesys: GenesysClient, probe: PermissionProbe): Promise<AreaCheck> {
  const { permission } = probe;
  let outcome: 'ok' | 'missing';
  try {
    outcome = await genesys.probePermission(permission);
  } catch (e) {
    return fail(permission, `could not be checked: ${messageOf(e)}`, 'Run the doctor again; if it persists, check Genesys Cloud’s status page.');
  }
  if (outcome === 'ok') return pass(permission, await grantedDetail(genesys, permission));
  if (probe.required) return fail(permission, `missing: the bot cannot ${probe.usedFor}.`, ROLE_FIX(permission));
  return warn(permission, `missing (optional): the bot cannot ${probe.usedFor}; ${probe.withoutIt ?? 'it works without'}.`, ROLE_FIX(permission));
}

async function grantedDetail(genesys: GenesysClient, permission: ProbedPermission): Promise<string> {
  if (permission !== 'chat:setting:view') return 'granted';
  const days = await genesys.getChatRetentionDays().catch(() => undefined);
  return days === undefined ? 'granted' : `granted: Collaborate chat messages are kept ${days} days, so exports reach back that far`;
}
