/**
 * `npm run doctor` (or `node dist/cli/doctor.js` in the Docker image): prints the checklist and
 * exits 1 when any check failed.
 */
import { runDoctor } from './doctor/run-doctor.js';

runDoctor({ env: process.env, write: (text) => process.stdout.write(text) }).then(
  (report) => {
    process.exitCode = report.ok ? 0 : 1;
  },
  (e: unknown) => {
    console.error(`The doctor itself failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  },
);
