'use strict';
// App-user lifecycle through the official Box Node SDK as the JWT app's Service Account:
// create, list every page with offset paging and with marker paging, update, delete.
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startSandbox, http, sandboxApps } = require('./lib/sandbox.js');
const { clientFor, jwtAuth } = require('./lib/box.js');
const { apiError } = require('./lib/expect.js');

const JWT_APP = 'Sandbox JWT App';
const SEEDED = 23; // --users 23: a page size of 5 leaves a partial last page
const PAGE = 5;
const MANAGED = 4; // the demo seed's managed users (Demo Admin and three colleagues)
const APP_USER_LOGIN = /^AppUser_\d+_[A-Za-z0-9]{10}@boxdevedition\.com$/;

async function listByOffset(client) {
  const pages = [];
  let offset = 0;
  for (;;) {
    const page = await client.users.getUsers({ userType: 'all', limit: PAGE, offset });
    pages.push(page);
    assert.equal(page.limit, PAGE);
    assert.equal(page.offset, offset);
    offset += page.entries.length;
    if (page.entries.length === 0 || offset >= page.totalCount) return pages;
    assert.ok(pages.length < 100, 'offset paging terminates');
  }
}

async function listByMarker(client) {
  const pages = [];
  let marker;
  for (;;) {
    const page = await client.users.getUsers({ usemarker: true, limit: PAGE, marker });
    pages.push(page);
    assert.equal(page.totalCount, undefined, 'marker pages carry no total_count');
    if (!page.nextMarker) return pages;
    marker = page.nextMarker;
    assert.ok(pages.length < 100, 'marker paging terminates');
  }
}

describe('Box Node SDK app users', () => {
  let sb;
  let client;
  let serviceAccountId;
  const created = [];

  before(async () => {
    sb = await startSandbox({ apps: [JWT_APP], args: ['--users', String(SEEDED)] });
    client = clientFor(sb.baseUrl, jwtAuth(sb.configs[JWT_APP]));
    const apps = await sandboxApps(sb.baseUrl);
    serviceAccountId = apps.apps.find((a) => a.name === JWT_APP).service_account_id;
  });
  after(async () => {
    if (sb) await sb.stop();
  });

  test('create app users', async () => {
    const countersBefore = (await http(`${sb.baseUrl}/_sandbox/counters`)).json.users_created;
    for (let i = 1; i <= 3; ++i) {
      const user = await client.users.createUser(
        {
          name: `Node SDK User ${i}`,
          isPlatformAccessOnly: true,
          externalAppUserId: `node-sdk-${i}`,
          spaceAmount: 1073741824,
        },
        {
          queryParams: {
            fields: [
              'name',
              'login',
              'is_platform_access_only',
              'external_app_user_id',
              'space_amount',
              'status',
            ],
          },
        },
      );
      assert.equal(user.type, 'user');
      assert.equal(user.name, `Node SDK User ${i}`);
      assert.match(user.login, APP_USER_LOGIN);
      assert.equal(user.isPlatformAccessOnly, true);
      assert.equal(user.externalAppUserId, `node-sdk-${i}`);
      assert.equal(user.spaceAmount, 1073741824);
      assert.equal(user.status, 'active');
      created.push(user);
    }
    const counters = (await http(`${sb.baseUrl}/_sandbox/counters`)).json;
    assert.equal(counters.users_created, countersBefore + 3);

    const found = await client.users.getUsers({ externalAppUserId: 'node-sdk-2' });
    assert.deepEqual(
      found.entries.map((u) => u.id),
      [created[1].id],
    );
  });

  // The app has App + Enterprise access with manage_managed_users: it lists the enterprise's
  // managed users and its own app users, never its Service Account.
  test('offset paging and marker paging each return every user exactly once', async () => {
    const expected = SEEDED + created.length + MANAGED;
    const offsetPages = await listByOffset(client);
    const offsetIds = offsetPages.flatMap((p) => p.entries.map((u) => u.id));
    assert.equal(offsetPages[0].totalCount, expected);
    assert.equal(offsetPages.length, Math.ceil(expected / PAGE));
    assert.equal(offsetIds.length, expected);
    assert.equal(new Set(offsetIds).size, expected, 'no user twice with offset paging');

    const markerPages = await listByMarker(client);
    const markerIds = markerPages.flatMap((p) => p.entries.map((u) => u.id));
    assert.equal(markerPages.length, Math.ceil(expected / PAGE));
    assert.equal(markerIds.length, expected);
    assert.equal(new Set(markerIds).size, expected, 'no user twice with marker paging');

    assert.deepEqual(
      [...markerIds].sort(),
      [...offsetIds].sort(),
      'both modes list the same users',
    );
    const appUsers = offsetPages
      .flatMap((p) => p.entries)
      .filter((u) => APP_USER_LOGIN.test(u.login));
    assert.equal(appUsers.length, SEEDED + created.length);
    for (const u of created) assert.ok(offsetIds.includes(u.id), `${u.name} is listed`);
    assert.ok(!offsetIds.includes(serviceAccountId), 'the Service Account is not listed');
  });

  test('update an app user', async () => {
    const target = created[0];
    const updated = await client.users.updateUserById(target.id, {
      requestBody: { name: 'Renamed By Node SDK', status: 'inactive', spaceAmount: 2147483648 },
    });
    assert.equal(updated.id, target.id);
    assert.equal(updated.name, 'Renamed By Node SDK');
    assert.equal(updated.status, 'inactive');
    assert.equal(updated.spaceAmount, 2147483648);
    const fetched = await client.users.getUserById(target.id);
    assert.equal(fetched.name, 'Renamed By Node SDK');
    assert.equal(fetched.status, 'inactive');
  });

  test('delete an app user', async () => {
    const target = created[2];
    await client.users.deleteUserById(target.id, { queryParams: { force: true } });
    const gone = await apiError(client.users.getUserById(target.id));
    assert.equal(gone.status, 404);
    assert.equal(gone.body.code, 'not_found');
    const again = await apiError(client.users.deleteUserById(target.id));
    assert.equal(again.status, 404);
    const counters = (await http(`${sb.baseUrl}/_sandbox/counters`)).json;
    assert.equal(counters.users_deleted, 1);
    const all = await listByOffset(client);
    assert.equal(all[0].totalCount, SEEDED + created.length + MANAGED - 1);
  });
});
