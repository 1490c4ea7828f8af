// Every npm script runs this first: on a Node.js older than package.json's `engines` it prints one
// line saying what to install and exits 1, instead of a stack trace from deep inside a dependency.
// No syntax newer than Node 14 (no top-level await, no ?.), so an old Node reaches the message.
/* global process, console, URL */
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const wanted = /(\d+)\.(\d+)\.(\d+)/.exec(pkg.engines.node);
const have = process.versions.node.split('.').map(Number);
const minimum = [Number(wanted[1]), Number(wanted[2]), Number(wanted[3])];

function older(a, b) {
  for (let i = 0; i < 3; i += 1) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

if (older(have, minimum)) {
  console.error(
    'gdpr-export needs Node.js ' + minimum.join('.') + ' or later (Node.js 24 LTS); this is ' + process.version +
      '. Install it (nvm install, see .nvmrc) and run the command again.',
  );
  process.exit(1);
}
