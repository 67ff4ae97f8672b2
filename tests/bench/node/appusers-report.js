'use strict';
// Gathers the parts of the App Users benchmark (packaging/bench-app-users.sh) into one JSON
// file and prints two tables: the figures of each scenario, and every goal (issues 6 and 14)
// with what was measured and whether it is met.
//
//   node appusers-report.js --parts DIR --out FILE --users N --bulk N --limit L
//                           [--latency-ms MS --latency-limit L --connections C]
//                           [--total-seconds S] [--load-before "1m 5m 15m"]
//                           [--load-after "1m 5m 15m"]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) args[argv[i].replace(/^--/, '')] = argv[i + 1];
  return args;
}

const args = parseArgs(process.argv.slice(2));
const parts = args.parts;

function part(name) {
  const file = path.join(parts, name);
  if (!fs.existsSync(file)) return undefined;
  const text = fs.readFileSync(file, 'utf8').trim();
  return text ? JSON.parse(text.split('\n').pop()) : undefined;
}

function ratio(a, b) {
  return a > 0 && b > 0 ? a / b : null;
}

function median(values) {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

// What the sandbox saw between two counter snapshots.
function counterDelta(before, after) {
  if (!before || !after) return undefined;
  const req = (c, key) => (c.requests && c.requests[key]) || 0;
  return {
    usersCreated: after.users_created - before.users_created,
    postUsersRequests: req(after, 'POST /2.0/users') - req(before, 'POST /2.0/users'),
    // The import's own listing requests (its duplicate check: a count and the pages).
    getUsersRequests: req(after, 'GET /2.0/users') - req(before, 'GET /2.0/users'),
  };
}

function mb(kb) {
  return kb > 0 ? kb / 1024 : null;
}

// --- Gather -------------------------------------------------------------------------------
const users = Number(args.users);
const bulkRows = Number(args.bulk);
const limit = Number(args.limit);
const limitedRows = 2 * limit;
const floorSeconds = (limitedRows / limit) * 60;

const rounds = Number(args.rounds || 1);
const listRounds = Number(args['list-rounds'] || rounds);

// Bulk create against Box-like latency: the sandbox's limiter admits L requests a minute
// (fixed windows that start at a window's first request), every POST /2.0/users answers after
// latencyMs, and Qt sends at most C requests at once to one host (its HTTP/1.1 connections).
// The floor: the first L rows go at once, C at a time, the next L a minute after the first
// (or once the first L are done, when that takes longer than a minute), and so on:
//   (ceil(N/L) - 1) * max(60, ceil(L/C) * latency) + ceil(lastBatch/C) * latency
// where lastBatch = N - (ceil(N/L) - 1) * L.
const latencyMs = Number(args['latency-ms'] || 150);
const latencyLimit = Number(args['latency-limit'] || 1000);
const connections = Number(args.connections || 6);
function latencyFloor(n, perMinute, seconds, c) {
  const batches = Math.ceil(n / perMinute);
  const batchSeconds = (rows) => Math.ceil(rows / c) * seconds;
  const period = Math.max(60, batchSeconds(perMinute));
  const lastBatch = n - (batches - 1) * perMinute;
  return (batches - 1) * period + batchSeconds(lastBatch);
}
const latencyFloorSeconds = latencyFloor(bulkRows, latencyLimit, latencyMs / 1000, connections);
const latencyFloorFormula =
  `(ceil(N/L) - 1) x max(60 s, ceil(L/C) x latency) + ceil(lastBatch/C) x latency with ` +
  `N = ${bulkRows}, L = ${latencyLimit}/min, C = ${connections} connections, latency = ${latencyMs} ms: ` +
  `${latencyFloorSeconds.toFixed(2)} s`;
// GET /2.0/users/me latency while creating in the seeded --state world.
const meDuringBulk = part('me-during-bulk.json');
const meProbe = meDuringBulk && meDuringBulk.meProbe;

// The sandbox's CPU seconds between two snapshots (clock ticks / ticks per second).
function cpuSeconds(before, after) {
  const read = (name) => {
    const file = path.join(parts, `${name}.cpu`);
    if (!fs.existsSync(file)) return undefined;
    const [ticks, hz] = fs.readFileSync(file, 'utf8').trim().split(/\s+/).map(Number);
    return ticks / hz;
  };
  const a = read(before);
  const b = read(after);
  return a === undefined || b === undefined ? undefined : b - a;
}

// One run of a create scenario with what the sandbox saw and the listing check.
function createRun(name) {
  const run = part(`${name}.json`);
  if (!run) return undefined;
  run.sandbox = counterDelta(part(`${name}.before.json`), part(`${name}.after.json`));
  if (run.sandbox) run.sandbox.cpuSeconds = cpuSeconds(`${name}.before`, `${name}.after`);
  const verify = part(`${name}.verify.json`);
  if (verify) run.verify = verify.prefixes[name];
  return run;
}

// Every round of one side, and the round with the median time (the figures in the table).
function sideOf(runs) {
  const done = runs.filter(Boolean);
  if (done.length === 0) return undefined;
  const bySeconds = [...done].sort((a, b) => a.seconds - b.seconds);
  const m = bySeconds[Math.floor((bySeconds.length - 1) / 2)];
  return { ...m, rounds: done };
}

const roundNames = (base, count = rounds) =>
  Array.from({ length: count }, (_, i) => `${base}.r${i + 1}`);
const listNames = (base) => roundNames(base, listRounds);
const listOurs = sideOf(listNames('list-ours').map((n) => part(`${n}.json`)));
const listSdk = sideOf(listNames('list-sdk').map((n) => part(`${n}.json`)));
// The default pacer runs in every round (an older run had one list-ours-paced.json).
const listPaced =
  sideOf(listNames('list-ours-paced').map((n) => part(`${n}.json`))) || part('list-ours-paced.json');
const listView = sideOf(listNames('list-ours-view').map((n) => part(`${n}.json`)));
const listFloor = sideOf(listNames('list-floor').map((n) => part(`${n}.json`)));
// The median of a side's seconds (or another figure) over its rounds.
const medianOf = (side, key = 'seconds') =>
  side ? median((side.rounds || [side]).map((r) => r[key]).filter((v) => typeof v === 'number')) : null;
const maxOf = (side, key) => {
  const v = side ? (side.rounds || [side]).map((r) => r[key]).filter((x) => typeof x === 'number') : [];
  return v.length ? Math.max(...v) : null;
};
const latencyOurs = createRun('latency-ours');
const latencySdk = createRun('latency-sdk');
for (const side of [latencyOurs, latencySdk]) {
  if (side) side.ratioToFloor = side.seconds / latencyFloorSeconds;
}
// Every request the import sent counts against the same per-user limit: Box Companion's
// importer first checks which external IDs exist (a count and a listing page, 2 requests
// here), and those push as many creates into a third minute. The floor for the requests it
// actually sent, next to the floor for the creates alone.
const latencyRequestsSent =
  latencyOurs && latencyOurs.sandbox
    ? latencyOurs.sandbox.postUsersRequests + latencyOurs.sandbox.getUsersRequests
    : null;
const latencyFloorForRequestsSent = latencyRequestsSent
  ? latencyFloor(latencyRequestsSent, latencyLimit, latencyMs / 1000, connections)
  : null;
const bulkOurs = sideOf(roundNames('bulk-ours').map(createRun));
const bulkSdk = sideOf(roundNames('bulk-sdk').map(createRun));
const limitedOurs = createRun('limited-ours');
const limitedSdk = createRun('limited-sdk');
for (const side of [limitedOurs, limitedSdk]) {
  if (side) side.ratioToFloor = side.seconds / floorSeconds;
}

// Over every round of a create side: rows that failed, are missing or exist twice.
function createTotals(side) {
  if (!side) return undefined;
  const runs = side.rounds || [side];
  const sum = (f) => runs.reduce((acc, r) => acc + (f(r) || 0), 0);
  return {
    runs: runs.length,
    rows: sum((r) => r.rows),
    failed: sum((r) => r.failed),
    verified: runs.every((r) => r.verify),
    missing: sum((r) => r.verify && r.verify.missing),
    duplicated: sum((r) => r.verify && r.verify.duplicated),
  };
}
for (const side of [bulkOurs, bulkSdk, limitedOurs, limitedSdk, latencyOurs, latencySdk]) {
  if (side) side.totals = createTotals(side);
}

const starts = { 'box-companion': [], 'box-hello-widget': [] };
const coldFile = path.join(parts, 'coldstart.txt');
if (fs.existsSync(coldFile)) {
  for (const line of fs.readFileSync(coldFile, 'utf8').split('\n')) {
    const [name, inside, launched] = line.trim().split(/\s+/);
    if (starts[name]) starts[name].push({ inProcessMs: Number(inside), fromLaunchMs: Number(launched) });
  }
}
function startStats(list) {
  if (list.length === 0) return undefined;
  const inside = list.map((s) => s.inProcessMs);
  const launched = list.map((s) => s.fromLaunchMs);
  return {
    runs: list.length,
    medianMs: median(launched),
    maxMs: Math.max(...launched),
    inProcessMedianMs: median(inside),
    inProcessMaxMs: Math.max(...inside),
    samples: list,
  };
}
const coldOurs = startStats(starts['box-companion']);
const coldHello = startStats(starts['box-hello-widget']);

const report = {
  generated: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    loadAverageBefore: args['load-before'] || undefined,
    loadAverageAfter: args['load-after'] || os.loadavg().map((v) => v.toFixed(2)).join(' '),
  },
  settings: {
    users,
    bulkRows,
    rounds,
    listRounds,
    rateLimitPerMinute: limit,
    limitedRows,
    floorSeconds,
    latencyMs,
    latencyRateLimitPerMinute: latencyLimit,
    connections,
  },
  listing: {
    ours: listOurs,
    sdk: listSdk,
    oursDefaultPacer: listPaced,
    rateRatio: ratio(listOurs && listOurs.rowsPerSecond, listSdk && listSdk.rowsPerSecond),
    rateRatioDefaultPacer: ratio(listPaced && listPaced.rowsPerSecond, listSdk && listSdk.rowsPerSecond),
    // Issue 14: the medians of the same run's rounds.
    defaultPacerRatio: ratio(medianOf(listPaced), medianOf(listOurs)),
    oursView: listView,
    floor: listFloor,
    floorSeconds: medianOf(listFloor),
    floorRatio: ratio(medianOf(listOurs), medianOf(listFloor)),
    // With the App Users pane's table attached: the longest stall of every round, the median
    // sort. The model-only rounds' figures next to them.
    longestStallMs: maxOf(listView, 'longestStallMs'),
    sortMs: medianOf(listView, 'sortMs'),
    longestStallMsModelOnly: maxOf(listOurs, 'longestStallMs'),
    sortMsModelOnly: medianOf(listOurs, 'sortMs'),
    goal: {
      rateRatioAtLeast: 1.5, // issue 14
      issue6RateRatioAtLeast: 3, // the older, stricter goal: still reported
      peakRssMbBelow: 150,
      defaultPacerRatioAtMost: 1.2,
      floorRatioAtMost: 1.25,
      longestStallMsBelow: 50,
      sortMsBelow: 200,
    },
  },
  responsiveness: {
    endpoint: 'GET /2.0/users/me',
    during: `Box Companion creating ${bulkRows} app users in the ${users}-user --state world`,
    probe: meProbe,
    create: meDuringBulk && { created: meDuringBulk.created, failed: meDuringBulk.failed, seconds: meDuringBulk.seconds },
    goal: { p99MsBelow: 20 },
  },
  bulk: {
    ours: bulkOurs,
    sdk: bulkSdk,
    speedRatio: ratio(bulkSdk && bulkSdk.seconds, bulkOurs && bulkOurs.seconds),
    goal: { speedRatioAtLeast: 5 },
  },
  rateLimited: {
    ours: limitedOurs,
    sdk: limitedSdk,
    goal: { ratioToFloorAtMost: 1.1, failed: 0, duplicated: 0 },
  },
  bulkLatency: {
    latencyMs,
    rateLimitPerMinute: latencyLimit,
    connections,
    rows: bulkRows,
    ours: latencyOurs,
    sdk: latencySdk,
    speedRatio: ratio(latencySdk && latencySdk.seconds, latencyOurs && latencyOurs.seconds),
    floorSeconds: latencyFloorSeconds,
    floorFormula: latencyFloorFormula,
    ratioToFloor: latencyOurs ? latencyOurs.ratioToFloor : null,
    requestsSent: latencyRequestsSent,
    floorSecondsForRequestsSent: latencyFloorForRequestsSent,
    ratioToFloorForRequestsSent: ratio(latencyOurs && latencyOurs.seconds, latencyFloorForRequestsSent),
    verify: {
      ours: latencyOurs && latencyOurs.totals,
      sdk: latencySdk && latencySdk.totals,
    },
    goal: { ratioToFloorAtMost: 1.1, failed: 0, missing: 0, duplicated: 0 },
  },
  coldStart: {
    ours: coldOurs,
    helloWidget: coldHello,
    medianRatioToHelloWidget: ratio(coldOurs && coldOurs.medianMs, coldHello && coldHello.medianMs),
    goal: { medianMsBelow: 400 },
    note: 'fromLaunchMs: fork/exec by the bench to the first flushed paint; inProcessMs: the process\'s own figure from its start time in /proc/self/stat (10 ms resolution)',
  },
  totalSeconds: args['total-seconds'] ? Number(args['total-seconds']) : undefined,
};
const L = report.listing;
const atMost = (v, goal) => v !== null && v !== undefined && v <= goal;
const below = (v, goal) => v !== null && v !== undefined && v < goal;
L.goalsMet = {
  rate: L.rateRatio !== null && L.rateRatio >= L.goal.rateRatioAtLeast,
  memory: !!listOurs && below(mb(listOurs.peakRssKb), L.goal.peakRssMbBelow),
  defaultPacer: atMost(L.defaultPacerRatio, L.goal.defaultPacerRatioAtMost),
  floor: atMost(L.floorRatio, L.goal.floorRatioAtMost),
  longestStall: below(L.longestStallMs, L.goal.longestStallMsBelow),
  sort: below(L.sortMs, L.goal.sortMsBelow) && !!listView && listView.rounds.every((r) => r.sortedByName),
};
L.goalMet = L.goalsMet.rate && L.goalsMet.memory;
// Every row exactly once: created, none failed, none missing from the listing, none twice.
const exactlyOnce = (side, n) =>
  !!side &&
  side.failed === 0 &&
  side.created === n &&
  !!side.verify &&
  side.verify.once === n &&
  side.verify.missing === 0 &&
  side.verify.duplicated === 0;
report.bulkLatency.exactlyOnce = exactlyOnce(latencyOurs, bulkRows);
report.bulkLatency.goalMet =
  atMost(report.bulkLatency.ratioToFloor, report.bulkLatency.goal.ratioToFloorAtMost) &&
  report.bulkLatency.exactlyOnce;
report.responsiveness.goalMet = !!meProbe && meProbe.count > 0 && meProbe.errors === 0 && meProbe.p99Ms < 20;
report.bulk.goalMet = report.bulk.speedRatio !== null && report.bulk.speedRatio >= 5;
report.rateLimited.goalMet =
  !!limitedOurs &&
  limitedOurs.ratioToFloor <= 1.1 &&
  limitedOurs.failed === 0 &&
  limitedOurs.created === limitedRows &&
  !!limitedOurs.verify &&
  limitedOurs.verify.once === limitedRows &&
  limitedOurs.verify.duplicated === 0;
report.coldStart.goalMet = !!coldOurs && coldOurs.medianMs < 400;

fs.mkdirSync(path.dirname(args.out), { recursive: true });
fs.writeFileSync(args.out, `${JSON.stringify(report, null, 2)}\n`);

// --- Table --------------------------------------------------------------------------------
const n0 = (v) => (v === null || v === undefined || Number.isNaN(v) ? '-' : Math.round(v).toLocaleString('en-US'));
const n1 = (v) => (v === null || v === undefined || Number.isNaN(v) ? '-' : v.toFixed(1));
const n2 = (v) => (v === null || v === undefined || Number.isNaN(v) ? '-' : v.toFixed(2));
const x = (v) => (v === null || v === undefined ? '-' : `${v.toFixed(2)}x`);
const met = (ok) => (ok ? 'met' : 'NOT met');
const ms = (v) => (v === null || v === undefined ? '-' : `${v.toFixed(1)} ms`);

const rows = [];
const row = (...cells) => rows.push(cells.map((c) => String(c)));
row('scenario', 'client', 'time s', 'rows/s', 'peak RSS MB', 'result');
const sdkName = (listSdk && listSdk.client) || 'Box Node SDK';
if (listOurs && listSdk) {
  row(`list ${n0(listOurs.rows)} users`, 'Box Companion (pacer off)', n2(listOurs.seconds),
    n0(listOurs.rowsPerSecond), n1(mb(listOurs.peakRssKb)),
    `${x(report.listing.rateRatio)} SDK rate; ${x(L.floorRatio)} the floor; ` +
      `stall ${ms(maxOf(listOurs, 'longestStallMs'))}, model sort ${ms(L.sortMsModelOnly)}`);
  if (listPaced)
    row('', 'Box Companion (default pacer)', n2(listPaced.seconds), n0(listPaced.rowsPerSecond),
      n1(mb(listPaced.peakRssKb)),
      `${x(report.listing.rateRatioDefaultPacer)} SDK rate; ${x(L.defaultPacerRatio)} pacer off`);
  if (listView)
    row('', 'Box Companion (pacer off, table view)', n2(listView.seconds), n0(listView.rowsPerSecond),
      n1(mb(listView.peakRssKb)), `longest stall ${ms(L.longestStallMs)}, view sort by name ${ms(L.sortMs)}`);
  if (listFloor)
    row('', 'floor: same requests, no parsing', n2(listFloor.seconds),
      n0(listFloor.seconds > 0 ? listOurs.rows / listFloor.seconds : null), '',
      `${listFloor.pages} pages, ${n1(listFloor.bytes / 1048576)} MB`);
  row(`list ${n0(listSdk.rows)} users`, sdkName, n2(listSdk.seconds), n0(listSdk.rowsPerSecond),
    n1(mb(listSdk.peakRssKb)), '');
}
if (meProbe) {
  row('GET /2.0/users/me during create', `${n0(meProbe.count)} probes`, `p50 ${n1(meProbe.p50Ms)} ms`,
    `p99 ${n1(meProbe.p99Ms)} ms`, '',
    `max ${n1(meProbe.maxMs)} ms, ${meProbe.errors} errors (goal p99 < 20 ms: ${met(report.responsiveness.goalMet)})`);
}
// Over every round of a side: rows that failed, are missing from the listing or in it twice.
const checked = (s) => {
  const t = s.totals;
  if (!t) return '';
  const where = t.runs > 1 ? `${t.runs} rounds, ${t.rows} rows` : `${t.rows} rows`;
  return `${where}: failed ${t.failed}, ${t.verified ? `missing ${t.missing}, twice ${t.duplicated}` : 'not verified'}`;
};
const cpu = (s) =>
  s.sandbox && s.sandbox.cpuSeconds !== undefined ? `; sandbox CPU ${n1(s.sandbox.cpuSeconds)} s` : '';
if (bulkOurs && bulkSdk) {
  row(`create ${bulkRows}, no limit`, 'Box Companion (pacer off)', n2(bulkOurs.seconds),
    n0(bulkOurs.rowsPerSecond), n1(mb(bulkOurs.peakRssKb)),
    `${x(report.bulk.speedRatio)} faster (goal >= 5x: ${met(report.bulk.goalMet)}); ${checked(bulkOurs)}${cpu(bulkOurs)}`);
  row('', sdkName, n2(bulkSdk.seconds), n0(bulkSdk.rowsPerSecond), n1(mb(bulkSdk.peakRssKb)),
    `${checked(bulkSdk)}${cpu(bulkSdk)}`);
}
if (limitedOurs) {
  row(`create ${limitedRows} at ${limit}/min`, `Box Companion (pacer ${limit})`, n2(limitedOurs.seconds),
    n0(limitedOurs.rowsPerSecond), n1(mb(limitedOurs.peakRssKb)),
    `${x(limitedOurs.ratioToFloor)} the ${floorSeconds} s floor (goal <= 1.1x, none failed or twice: ${met(report.rateLimited.goalMet)}); ${checked(limitedOurs)}${cpu(limitedOurs)}`);
  if (limitedSdk)
    row('', sdkName, n2(limitedSdk.seconds), n0(limitedSdk.rowsPerSecond), n1(mb(limitedSdk.peakRssKb)),
      `${x(limitedSdk.ratioToFloor)} the floor; ${checked(limitedSdk)}${cpu(limitedSdk)}`);
}
if (latencyOurs) {
  row(`create ${bulkRows}, ${latencyMs} ms latency, ${latencyLimit}/min`, 'Box Companion (defaults)',
    n2(latencyOurs.seconds), n0(latencyOurs.rowsPerSecond), n1(mb(latencyOurs.peakRssKb)),
    `${x(latencyOurs.ratioToFloor)} the ${n1(latencyFloorSeconds)} s floor; ` +
      `${latencySdk ? `${x(report.bulkLatency.speedRatio)} faster than the SDK; ` : ''}${checked(latencyOurs)}${cpu(latencyOurs)}`);
  if (latencySdk)
    row('', `${sdkName}, one after another`, n2(latencySdk.seconds), n0(latencySdk.rowsPerSecond),
      n1(mb(latencySdk.peakRssKb)), `${x(latencySdk.ratioToFloor)} the floor; ${checked(latencySdk)}${cpu(latencySdk)}`);
}
if (coldOurs) {
  row('cold start to first paint', 'box-companion', `median ${n0(coldOurs.medianMs)} ms`,
    `max ${n0(coldOurs.maxMs)} ms`, '',
    `${coldOurs.runs} runs (goal median < 400 ms: ${met(report.coldStart.goalMet)}); ${x(report.coldStart.medianRatioToHelloWidget)} hello widget`);
  if (coldHello)
    row('', 'hello-world QWidget', `median ${n0(coldHello.medianMs)} ms`, `max ${n0(coldHello.maxMs)} ms`, '',
      `${coldHello.runs} runs`);
}
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (c === 5 ? 0 : r[c].length))));
const line = (r) =>
  r
    .map((cell, c) => (c === 5 ? cell : c >= 2 && c <= 4 ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
    .join('  ');
process.stdout.write(
  `\nApp Users benchmark: box-sandbox with ${n0(users)} app users; ${report.machine.cpus} CPUs, ` +
    `load average ${report.machine.loadAverageBefore || '?'} before, ${report.machine.loadAverageAfter} after\n`,
);
for (const r of rows) process.stdout.write(`${line(r)}\n`);

// Every goal: what was measured, the goal, met or not.
const goals = [['goal', 'measured', 'goal', 'result']];
const goal = (what, measured, target, ok) => goals.push([what, measured, target, ok === null ? '-' : met(ok)]);
if (listOurs && listSdk) {
  goal('listing, pacer off: rows/s vs the SDK', x(L.rateRatio), '>= 1.5x', L.goalsMet.rate);
  goal('  the same, against issue 6\'s goal', x(L.rateRatio), '>= 3x',
    L.rateRatio !== null && L.rateRatio >= L.goal.issue6RateRatioAtLeast);
  goal('listing, pacer off: peak RSS', `${n1(mb(listOurs.peakRssKb))} MB`, '< 150 MB', L.goalsMet.memory);
}
if (listPaced && listOurs) goal('listing: default pacer / pacer off', x(L.defaultPacerRatio), '<= 1.2x', L.goalsMet.defaultPacer);
if (listFloor && listOurs)
  goal(`listing: pacer off / floor (${n2(L.floorSeconds)} s)`, x(L.floorRatio), '<= 1.25x', L.goalsMet.floor);
if (listView) {
  goal('listing: longest GUI-thread stall (table view)', ms(L.longestStallMs), '< 50 ms', L.goalsMet.longestStall);
  goal(`sort ${n0(listView.rows)} rows by name (table view)`, ms(L.sortMs), '< 200 ms', L.goalsMet.sort);
}
if (latencyOurs) {
  goal(`create ${bulkRows} at ${latencyMs} ms: ours / floor (${n1(latencyFloorSeconds)} s)`, x(report.bulkLatency.ratioToFloor),
    '<= 1.1x', atMost(report.bulkLatency.ratioToFloor, 1.1));
  if (latencyFloorForRequestsSent) {
    goal(`  the same / floor of the ${latencyRequestsSent} requests it sent (${n1(latencyFloorForRequestsSent)} s)`,
      x(report.bulkLatency.ratioToFloorForRequestsSent), '<= 1.1x',
      atMost(report.bulkLatency.ratioToFloorForRequestsSent, 1.1));
  }
  const t = latencyOurs.totals;
  goal(`create ${bulkRows} at ${latencyMs} ms: every row once`,
    `${t.failed} failed, ${t.verified ? `${t.missing} missing, ${t.duplicated} twice` : 'not verified'}`, 'none',
    report.bulkLatency.exactlyOnce);
  goal(`create ${bulkRows} at ${latencyMs} ms: SDK seconds / ours`, x(report.bulkLatency.speedRatio), 'reported', null);
}
if (bulkOurs && bulkSdk) goal(`create ${bulkRows}, no limit: SDK seconds / ours`, x(report.bulk.speedRatio), '>= 5x', report.bulk.goalMet);
if (limitedOurs)
  goal(`create ${limitedRows} at ${limit}/min: ours / floor, none lost or twice`, x(limitedOurs.ratioToFloor), '<= 1.1x', report.rateLimited.goalMet);
if (meProbe) goal('GET /2.0/users/me p99 during create', ms(meProbe.p99Ms), '< 20 ms', report.responsiveness.goalMet);
if (coldOurs) goal('cold start to first paint, median', `${n0(coldOurs.medianMs)} ms`, '< 400 ms', report.coldStart.goalMet);
const gw = goals[0].map((_, c) => Math.max(...goals.map((r) => r[c].length)));
process.stdout.write('\n');
for (const r of goals) process.stdout.write(`${r.map((cell, c) => (c === 3 ? cell : cell.padEnd(gw[c]))).join('  ')}\n`);
if (latencyOurs) process.stdout.write(`\nBulk latency floor: ${latencyFloorFormula}\n`);
process.stdout.write(
  `\nTimes and rates: the median of ${listRounds} rounds for listing (pacer off, default ` +
    `pacer, table view, floor, SDK) and of ${rounds} for the unlimited create; ratios from ` +
    `those medians; the longest stall ` +
    `is the worst of the table view's rounds.\n`,
);
process.stdout.write(`Figures: ${args.out}${report.totalSeconds ? ` (whole bench ${report.totalSeconds} s)` : ''}\n`);
