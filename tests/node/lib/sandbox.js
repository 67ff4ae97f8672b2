'use strict';
// Starts the real box-sandbox executable for one test file: a private temp dir under $TMPDIR
// holds the state file and the exported config.json files (credentials never leave it and
// are never printed); stop() ends the process and deletes the dir.
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const LISTENING = /listening on (http:\/\/127\.0\.0\.1:(\d+))/;

function sandboxExecutable() {
  const exe = process.env.BOX_SANDBOX_EXE;
  if (!exe || !fs.existsSync(exe)) {
    throw new Error('BOX_SANDBOX_EXE must name the box-sandbox executable (set by CMake)');
  }
  return exe;
}

function exportConfig(exe, statePath, seedArgs, appName, dir) {
  const args = ['--state', statePath, ...seedArgs, '--export-config', appName, dir];
  const out = execFileSync(exe, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const file = out.trim().split('\n').pop();
  return fs.readFileSync(file, 'utf8');
}

// options: { apps: [app names to export], args: [extra box-sandbox args, also used when the
// first export seeds the state file] }
// Returns { baseUrl, port, configs: { [appName]: configJsonString }, tmpDir, stop() }.
async function startSandbox(options = {}) {
  const exe = sandboxExecutable();
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'box-node-'));
  fs.chmodSync(tmpDir, 0o700);
  const statePath = path.join(tmpDir, 'state.json');
  const extra = options.args || [];
  const configs = {};
  const cleanup = () => fs.rmSync(tmpDir, { recursive: true, force: true });
  process.once('exit', cleanup);
  try {
    for (const app of options.apps || []) {
      configs[app] = exportConfig(exe, statePath, extra, app, path.join(tmpDir, 'config'));
    }
  } catch (e) {
    cleanup();
    throw e;
  }

  const child = spawn(exe, ['--state', statePath, '--port', '0', ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const baseUrl = await new Promise((resolve, reject) => {
    let stdout = '';
    const onData = (d) => {
      stdout += d;
      const m = LISTENING.exec(stdout);
      if (m) {
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`box-sandbox exited (${code}) before listening: ${stderr}`)),
    );
  });

  return {
    baseUrl,
    port: Number(new URL(baseUrl).port),
    configs,
    tmpDir,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      cleanup();
    },
  };
}

// Plain HTTP helper for control calls and raw Box calls: returns { status, headers, text, json }.
async function http(url, init = {}) {
  const res = await fetch(url, { redirect: 'manual', ...init });
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

// Credentials of every seeded app, from the loopback-only control surface.
async function sandboxApps(baseUrl) {
  const r = await http(`${baseUrl}/_sandbox/apps`);
  if (r.status !== 200) throw new Error(`GET /_sandbox/apps: ${r.status}`);
  return r.json;
}

module.exports = { startSandbox, http, sandboxApps };
