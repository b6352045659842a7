#!/usr/bin/env node
/**
 * Set-up for `npm test`: the dashboard's browser test drives Debian's Chromium at /usr/bin/chromium.
 * If it is missing and this runs as root with apt-get, install the `chromium` package (apt-get update
 * only if the install fails without it), within a time limit. Never fails the test command: without
 * Chromium the browser test skips itself and says why. WINDSCREEN_NO_CHROMIUM_INSTALL=1 skips the install.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');

const CHROMIUM = '/usr/bin/chromium';
const INSTALL_MINUTES = 10;
const UPDATE_MINUTES = 5;

const say = (message) => process.stderr.write(`ensure-chromium: ${message}\n`);

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function run(args, minutes) {
  say(`running: ${args.join(' ')} (time limit ${minutes} min)`);
  const result = spawnSync(args[0], args.slice(1), {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeout: minutes * 60_000,
    killSignal: 'SIGTERM',
  });
  if (result.error) say(`${args[0]} did not finish: ${result.error.message}`);
  else if (result.status !== 0) say(`${args[0]} exited with ${result.status ?? result.signal}`);
  return !result.error && result.status === 0;
}

function main() {
  if (fs.existsSync(CHROMIUM)) return;
  if (process.env.WINDSCREEN_NO_CHROMIUM_INSTALL === '1') {
    say(
      `${CHROMIUM} is missing and WINDSCREEN_NO_CHROMIUM_INSTALL=1: not installing; the browser tests will be skipped`,
    );
    return;
  }
  if (typeof process.getuid !== 'function' || process.getuid() !== 0 || !onPath('apt-get')) {
    say(
      `${CHROMIUM} is missing and this is not root with apt-get: the browser tests will be skipped (install Debian's chromium package to run them)`,
    );
    return;
  }
  say(`${CHROMIUM} is missing: installing Debian's chromium package for the browser tests`);
  const install = [
    'apt-get',
    'install',
    '-y',
    '-q',
    '--no-install-recommends',
    '-o',
    'DPkg::Lock::Timeout=120',
    'chromium',
  ];
  if (!run(install, INSTALL_MINUTES)) {
    say('the install failed; refreshing the package lists and trying once more');
    if (run(['apt-get', 'update', '-q', '-o', 'DPkg::Lock::Timeout=120'], UPDATE_MINUTES))
      run(install, INSTALL_MINUTES);
  }
  say(
    fs.existsSync(CHROMIUM)
      ? `installed ${CHROMIUM}`
      : `${CHROMIUM} is still missing: the browser tests will be skipped`,
  );
}

try {
  main();
} catch (error) {
  say(`unexpected error, carrying on without Chromium: ${error && error.message}`);
}
process.exit(0);
