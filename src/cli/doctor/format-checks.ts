/** The doctor's checklist as text: ✓ pass, ✗ fail, ! warning, - skipped; the fix under each problem. */
import type { DoctorArea, DoctorCheck, DoctorStatus } from './doctor-check.js';

export const AREA_TITLES: Record<DoctorArea, string> = {
  config: 'Configuration',
  slack: 'Slack',
  genesys: 'Genesys Cloud',
  store: 'Store',
};

const MARKS: Record<DoctorStatus, string> = { pass: '✓', fail: '✗', warn: '!', skip: '-' };

export function formatAreaTitle(area: DoctorArea): string {
  return `\n${AREA_TITLES[area]}\n`;
}

export function formatCheck(check: DoctorCheck): string {
  const lines = [`  ${MARKS[check.status]} ${check.name}: ${check.detail}`];
  if (check.fix && (check.status === 'fail' || check.status === 'warn')) lines.push(`      fix: ${check.fix}`);
  return `${lines.join('\n')}\n`;
}

export function formatSummary(checks: readonly DoctorCheck[]): string {
  const count = (s: DoctorStatus) => checks.filter((c) => c.status === s).length;
  const failed = count('fail');
  const parts = [`${failed} failed`, `${count('warn')} warning(s)`, `${count('pass')} passed`, `${count('skip')} skipped`];
  const verdict = failed === 0 ? 'Ready: nothing blocks the bot.' : 'Not ready: fix the items marked ✗ and run the doctor again.';
  return `\n${parts.join(', ')}. ${verdict}\n`;
}
