'use strict';
// The official Box Node SDK authenticates against the sandbox: JWT as the enterprise (the
// Service Account) and as an app user, and Client Credentials Grant with both subject types.
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startSandbox, http, sandboxApps } = require('./lib/sandbox.js');
const { clientFor, jwtAuth, ccgAuth } = require('./lib/box.js');
const { apiError } = require('./lib/expect.js');

const JWT_APP = 'Sandbox JWT App';
const CCG_APP = 'Sandbox CCG App';
const UNAUTHORIZED_APP = 'Sandbox Unauthorized JWT App';
const SA_LOGIN = /^AutomationUser_\d+_[A-Za-z0-9]{10}@boxdevedition\.com$/;
// is_platform_access_only and enterprise are not in the standard representation: ask for them.
const FULL_FIELDS = ['name', 'login', 'space_amount', 'is_platform_access_only', 'enterprise'];
const APP_USER_LOGIN = /^AppUser_\d+_[A-Za-z0-9]{10}@boxdevedition\.com$/;

describe('Box Node SDK authentication', () => {
  let sb;
  let apps;
  const app = (name) => apps.apps.find((a) => a.name === name);
  const grants = async () => (await http(`${sb.baseUrl}/_sandbox/counters`)).json.grants;

  before(async () => {
    sb = await startSandbox({ apps: [JWT_APP, CCG_APP, UNAUTHORIZED_APP] });
    apps = await sandboxApps(sb.baseUrl);
  });
  after(async () => {
    if (sb) await sb.stop();
  });

  test('JWT with the enterprise subject acts as the Service Account', async () => {
    const before = (await grants())['jwt-bearer'] || 0;
    const auth = jwtAuth(sb.configs[JWT_APP]);
    const client = clientFor(sb.baseUrl, auth);
    const me = await client.users.getUserMe({ fields: FULL_FIELDS });
    assert.equal(me.id, app(JWT_APP).service_account_id);
    assert.match(me.login, SA_LOGIN);
    assert.equal(me.name, JWT_APP);
    assert.equal(me.spaceAmount, 10737418240);
    assert.equal(me.isPlatformAccessOnly, true);
    assert.equal(me.enterprise.id, apps.enterprise_id);

    const token = await auth.retrieveToken(client.networkSession);
    assert.equal(typeof token.expiresIn, 'number');
    assert.equal(token.tokenType, 'bearer');
    assert.ok(token.refreshToken === undefined, 'server auth gets no refresh token');
    // One JWT assertion for the first call; the SDK reused the token afterwards.
    assert.equal((await grants())['jwt-bearer'], before + 1);
  });

  test('JWT with a user subject acts as that app user', async () => {
    const auth = jwtAuth(sb.configs[JWT_APP]);
    const sa = clientFor(sb.baseUrl, auth);
    const users = await sa.users.getUsers({ limit: 1000 });
    const appUser = users.entries.find((u) => APP_USER_LOGIN.test(u.login));
    assert.ok(appUser, 'the JWT app lists its seeded app users');

    const userClient = clientFor(sb.baseUrl, auth.withUserSubject(appUser.id));
    const me = await userClient.users.getUserMe({ fields: FULL_FIELDS });
    assert.equal(me.id, appUser.id);
    assert.equal(me.login, appUser.login);
    assert.equal(me.isPlatformAccessOnly, true);

    // The same user through the As-User header on the Service Account's token.
    const asUser = await sa.withAsUserHeader(appUser.id).users.getUserMe();
    assert.equal(asUser.id, appUser.id);
  });

  test('JWT of an app the admin has not authorized is refused', async () => {
    const client = clientFor(sb.baseUrl, jwtAuth(sb.configs[UNAUTHORIZED_APP]));
    const e = await apiError(client.users.getUserMe());
    assert.equal(e.status, 400);
    assert.equal(e.body.error, 'unauthorized_client');
    assert.equal(e.body.error_description, 'This app is not authorized by the enterprise admin');
  });

  test('CCG with the enterprise subject acts as the Service Account', async () => {
    const before = (await grants()).client_credentials || 0;
    const client = clientFor(sb.baseUrl, ccgAuth(sb.configs[CCG_APP]));
    const me = await client.users.getUserMe();
    assert.equal(me.id, app(CCG_APP).service_account_id);
    assert.match(me.login, SA_LOGIN);
    assert.equal(me.name, CCG_APP);
    assert.equal((await grants()).client_credentials, before + 1);
  });

  test('CCG with a user subject acts as that app user', async () => {
    const sa = clientFor(sb.baseUrl, ccgAuth(sb.configs[CCG_APP]));
    const users = await sa.users.getUsers({ filterTerm: 'CCG User' });
    assert.equal(users.totalCount, 3, 'the CCG app sees its own three app users');
    const target = users.entries[1];
    const client = clientFor(sb.baseUrl, ccgAuth(sb.configs[CCG_APP], { userId: target.id }));
    const me = await client.users.getUserMe();
    assert.equal(me.id, target.id);
    assert.equal(me.name, target.name);
    assert.match(me.login, APP_USER_LOGIN);
  });

  test('CCG with a wrong client secret is refused', async () => {
    const config = JSON.parse(sb.configs[CCG_APP]);
    config.boxAppSettings.clientSecret = 'x'.repeat(32);
    const client = clientFor(sb.baseUrl, ccgAuth(JSON.stringify(config)));
    const e = await apiError(client.users.getUserMe());
    assert.equal(e.status, 400);
    assert.equal(e.body.error, 'invalid_grant');
    assert.equal(e.body.error_description, 'Grant credentials are invalid');
  });
});
