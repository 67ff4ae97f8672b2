'use strict';
// The official Box Node SDK's side of the App Users benchmark (packaging/bench-app-users.sh):
// the same work as box-app-users-bench, against the same sandbox, as the JWT app's Service
// Account. Prints one JSON object on stdout (figures only, never a secret).
//
//   node appusers-sdk.js list   --api URL --config FILE [--page 1000]
//   node appusers-sdk.js create --api URL --config FILE --count N --prefix P
//   node appusers-sdk.js verify --api URL --config FILE --expect P1:N1,P2:N2,...
//   node appusers-sdk.js counters --api URL
//   node appusers-sdk.js rate-limit --api URL --per-minute L
//
// list: every user with marker paging (limit --page), as `box users` would page them.
// create: N app users one after another (what Box CLI's bulk mode does: rows run
// sequentially), external IDs "<prefix>-<n>"; the SDK's own retry strategy handles 429s.
// verify: lists every user and counts, per prefix, the external IDs "<prefix>-1".."<prefix>-N"
// found once, missing and found more than once (created twice).
// counters, rate-limit: the sandbox's loopback-only control surface (/_sandbox/...).
const fs = require('node:fs');
const path = require('node:path');
const { BoxClient, BoxJwtAuth, JwtConfig } = require('box-node-sdk');

const SETTLE_MS = 1100; // as SettleMs in tests/bench/appusersbenchscenarios.h

function parseArgs(argv) {
  const args = { mode: argv[0], page: 1000 };
  for (let i = 1; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (argv[i + 1] === undefined) throw new Error(`--${key} needs a value`);
    args[key] = argv[i + 1];
  }
  const needs = ['counters', 'rate-limit'].includes(args.mode) ? ['api'] : ['api', 'config'];
  for (const needed of needs) {
    if (!args[needed]) throw new Error(`--${needed} is required`);
  }
  return args;
}

function clientFor(base, configPath) {
  const json = fs.readFileSync(configPath, 'utf8');
  const auth = new BoxJwtAuth({ config: JwtConfig.fromConfigJsonString(json) });
  return new BoxClient({ auth }).withCustomBaseUrls({
    baseUrl: base,
    uploadUrl: `${base}/api`,
    oauth2Url: `${base}/api/oauth2`,
  });
}

function sdkVersion() {
  // The package's "exports" hide package.json; read it next to the resolved entry point.
  let dir = path.dirname(require.resolve('box-node-sdk'));
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
}

function peakRssKb() {
  return process.resourceUsage().maxRSS; // kilobytes
}

// The fields Box Companion's users model asks for (AppUserRow::listFields), so both
// sides move the same bytes.
const LIST_FIELDS = [
  'name',
  'login',
  'external_app_user_id',
  'status',
  'space_used',
  'space_amount',
  'created_at',
  'is_platform_access_only',
];

async function list(client, pageSize, fields = LIST_FIELDS) {
  const started = process.hrtime.bigint();
  let rows = 0;
  let pages = 0;
  let marker;
  for (;;) {
    const page = await client.users.getUsers({ usemarker: true, limit: pageSize, marker, fields });
    rows += page.entries.length;
    ++pages;
    if (!page.nextMarker) break;
    marker = page.nextMarker;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { rows, pages, seconds };
}

async function create(client, count, prefix) {
  const started = process.hrtime.bigint();
  let created = 0;
  const failures = [];
  for (let i = 1; i <= count; ++i) {
    try {
      await client.users.createUser({
        name: `Bench SDK User ${i}`,
        isPlatformAccessOnly: true,
        externalAppUserId: `${prefix}-${i}`,
      });
      ++created;
    } catch (e) {
      failures.push({ row: i, error: String(e && e.message ? e.message : e).slice(0, 200) });
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { rows: count, created, failed: failures.length, failures: failures.slice(0, 5), seconds };
}

async function verify(client, expect) {
  const expected = new Map(); // prefix -> N
  for (const item of expect.split(',').filter(Boolean)) {
    const colon = item.lastIndexOf(':');
    expected.set(item.slice(0, colon), Number(item.slice(colon + 1)));
  }
  const seen = new Map(); // external ID -> times
  let marker;
  for (;;) {
    const page = await client.users.getUsers({
      usemarker: true,
      limit: 1000,
      marker,
      fields: ['external_app_user_id'],
    });
    for (const u of page.entries) {
      const id = u.externalAppUserId;
      if (id) seen.set(id, (seen.get(id) || 0) + 1);
    }
    if (!page.nextMarker) break;
    marker = page.nextMarker;
  }
  const prefixes = {};
  for (const [prefix, n] of expected) {
    const r = { expected: n, once: 0, missing: 0, duplicated: 0, extra: 0 };
    for (let i = 1; i <= n; ++i) {
      const times = seen.get(`${prefix}-${i}`) || 0;
      if (times === 0) ++r.missing;
      else if (times === 1) ++r.once;
      else ++r.duplicated;
    }
    for (const id of seen.keys()) {
      if (!id.startsWith(`${prefix}-`)) continue;
      const k = Number(id.slice(prefix.length + 1));
      if (!Number.isInteger(k) || k < 1 || k > n) ++r.extra;
    }
    prefixes[prefix] = r;
  }
  return { prefixes, externalIdsListed: seen.size };
}

async function control(base, method, path, body) {
  const res = await fetch(`${base}/_sandbox${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} /_sandbox${path}: HTTP ${res.status}`);
  return res.json();
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.mode === 'counters') {
    const c = await control(args.api, 'GET', '/counters');
    process.stdout.write(`${JSON.stringify(c)}\n`);
    return;
  }
  if (args.mode === 'rate-limit') {
    const r = await control(args.api, 'PUT', '/rate-limit', {
      per_minute: Number(args['per-minute']),
    });
    process.stdout.write(`${JSON.stringify(r)}\n`);
    return;
  }
  const client = clientFor(args.api, args.config);
  // The token grant is not part of the figures: both sides authenticate before timing, and
  // wait until box-sandbox --state has saved the grant on its next one-second tick (seconds
  // with 100,000 users, the server answering nothing meanwhile), as box-app-users-bench does.
  await client.users.getUserMe();
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  await client.users.getUserMe();
  let result;
  if (args.mode === 'list') {
    result = await list(client, Number(args.page));
  } else if (args.mode === 'create') {
    if (!args.count || !args.prefix) throw new Error('create needs --count and --prefix');
    result = await create(client, Number(args.count), args.prefix);
  } else if (args.mode === 'verify') {
    result = await verify(client, args.expect || '');
    result.peakRssKb = peakRssKb();
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  } else {
    throw new Error(`unknown mode "${args.mode}" (list | create)`);
  }
  result.rowsPerSecond = result.seconds > 0 ? result.rows / result.seconds : 0;
  result.peakRssKb = peakRssKb();
  result.client = `box-node-sdk ${sdkVersion()}`;
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((e) => {
  process.stderr.write(`appusers-sdk: ${e && e.message ? e.message : e}\n`);
  process.exit(1);
});
