'use strict';
// The official Box Node SDK gets the same errors from the sandbox as Box gives for the same
// app settings: an app the admin disabled, Developer Console changes that are not enforced
// until the admin re-authorizes the app, no As-User, no user tokens, App Access Only with a
// managed user, missing scopes for events and webhooks, and a config.json with the wrong key.
// Also the email alias endpoints through the SDK.
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startSandbox, http, sandboxApps } = require('./lib/sandbox.js');
const { clientFor, jwtAuth, ccgAuth } = require('./lib/box.js');
const { apiError } = require('./lib/expect.js');

const JWT_APP = 'Sandbox JWT App';
const CCG_APP = 'Sandbox CCG App';
const STALE_APP = 'Sandbox Stale Settings JWT App';
const WRONG_KEY_APP = 'Sandbox Wrong Key JWT App';
const USER_TOKEN_REFUSED =
  'Cannot obtain user token based on the enterprise configuration for your app.';
const APP_USER_LOGIN = /@boxdevedition\.com$/;

// Box's missing-scope answer: 403, no body, the reason in WWW-Authenticate.
function assertInsufficientScope(e) {
  assert.equal(e.status, 403);
  const www = e.headers['www-authenticate'] || e.headers['WWW-Authenticate'];
  assert.match(www, /error="insufficient_scope"/);
}

function assertAccessDenied(e) {
  assert.equal(e.status, 403);
  assert.equal(e.body.code, 'access_denied_insufficient_permissions');
  assert.equal(e.body.message, 'Access denied - insufficient permission');
}

describe('Box Node SDK and the app settings Box enforces', () => {
  let sb;
  let apps;
  const app = (name) => apps.apps.find((a) => a.name === name);
  const control = async (method, path, body) => {
    const init = { method };
    if (body !== undefined) {
      init.headers = { 'content-type': 'application/json' };
      init.body = JSON.stringify(body);
    }
    const r = await http(`${sb.baseUrl}/_sandbox${path}`, init);
    assert.equal(r.status, 200, `${method} ${path}: ${r.text}`);
    return r.json;
  };
  const settings = (name, body) => control('PUT', `/apps/${app(name).client_id}/settings`, body);
  const authorize = (name) => control('POST', `/apps/${app(name).client_id}/authorize`);
  const deauthorize = (name) => control('POST', `/apps/${app(name).client_id}/deauthorize`);
  const jwtClient = (name) => clientFor(sb.baseUrl, jwtAuth(sb.configs[name]));
  const ccgClient = (subject) => clientFor(sb.baseUrl, ccgAuth(sb.configs[CCG_APP], subject));
  const usersOf = async (client) => (await client.users.getUsers({ limit: 1000 })).entries;

  before(async () => {
    sb = await startSandbox({ apps: [JWT_APP, CCG_APP, STALE_APP, WRONG_KEY_APP] });
    apps = await sandboxApps(sb.baseUrl);
  });
  after(async () => {
    if (sb) await sb.stop();
  });

  test('a disabled app gets unauthorized_client until it is authorized again', async () => {
    const client = jwtClient(JWT_APP);
    assert.equal((await client.users.getUserMe()).id, app(JWT_APP).service_account_id);
    await deauthorize(JWT_APP);
    try {
      // Its token stopped working; the SDK asks for a new one and Box refuses the grant.
      for (const c of [client, jwtClient(JWT_APP)]) {
        const e = await apiError(c.users.getUserMe());
        assert.equal(e.status, 400);
        assert.equal(e.body.error, 'unauthorized_client');
        assert.equal(
          e.body.error_description,
          'This app is not authorized by the enterprise admin',
        );
      }
    } finally {
      await authorize(JWT_APP); // later tests use the JWT app
    }
    const summary = await authorize(JWT_APP);
    assert.equal(summary.authorized, true);
    assert.equal((await jwtClient(JWT_APP).users.getUserMe()).id, summary.service_account_id);
  });

  test('console changes are enforced only after the admin re-authorizes the app', async () => {
    assert.equal(app(STALE_APP).needs_reauthorization, true);
    const sa = jwtClient(STALE_APP);
    const appUser = (await usersOf(sa)).find((u) => APP_USER_LOGIN.test(u.login));
    assert.ok(appUser, 'the stale app has app users');
    // App Access Only is enforced: no managed users.
    assert.ok((await usersOf(sa)).every((u) => APP_USER_LOGIN.test(u.login)));
    assertInsufficientScope(await apiError(sa.events.getEvents({ streamType: 'admin_logs' })));
    assertInsufficientScope(await apiError(sa.webhooks.getWebhooks()));
    assertAccessDenied(await apiError(sa.withAsUserHeader(appUser.id).users.getUserMe()));
    const userAuth = jwtAuth(sb.configs[STALE_APP]).withUserSubject(appUser.id);
    let e = await apiError(clientFor(sb.baseUrl, userAuth).users.getUserMe());
    assert.equal(e.status, 400);
    assert.equal(e.body.error, 'invalid_request');
    assert.equal(e.body.error_description, USER_TOKEN_REFUSED);

    const summary = await authorize(STALE_APP);
    assert.equal(summary.needs_reauthorization, false);
    assert.deepEqual([...summary.scopes].sort(), [...summary.console.scopes].sort());
    const now = jwtClient(STALE_APP);
    const events = await now.events.getEvents({ streamType: 'admin_logs' });
    assert.ok(events.entries.some((x) => x.eventType === 'ENTERPRISE_APP_AUTHORIZATION_UPDATE'));
    assert.deepEqual((await now.webhooks.getWebhooks()).entries, []);
    assert.equal((await now.withAsUserHeader(appUser.id).users.getUserMe()).id, appUser.id);
    const userNow = jwtAuth(sb.configs[STALE_APP]).withUserSubject(appUser.id);
    assert.equal((await clientFor(sb.baseUrl, userNow).users.getUserMe()).id, appUser.id);
    assert.ok((await usersOf(now)).some((u) => !APP_USER_LOGIN.test(u.login)));
  });

  test('App Access Only: no As-User and no user tokens for a managed user', async () => {
    const managed = (await usersOf(jwtClient(JWT_APP))).find(
      (u) => u.login === 'alex.rivera@sandbox.example.com',
    );
    assert.ok(managed);
    await settings(JWT_APP, { enterprise_access: false });
    // Changed in the console only: still allowed.
    assert.equal(
      (await jwtClient(JWT_APP).withAsUserHeader(managed.id).users.getUserMe()).id,
      managed.id,
    );
    await authorize(JWT_APP);
    try {
      assertAccessDenied(
        await apiError(jwtClient(JWT_APP).withAsUserHeader(managed.id).users.getUserMe()),
      );
      const userAuth = jwtAuth(sb.configs[JWT_APP]).withUserSubject(managed.id);
      const e = await apiError(clientFor(sb.baseUrl, userAuth).users.getUserMe());
      assert.equal(e.status, 400);
      assert.equal(e.body.error_description, USER_TOKEN_REFUSED);
      // CCG (App Access Only from the start) and a managed user.
      const c = await apiError(ccgClient({ userId: managed.id }).users.getUserMe());
      assert.equal(c.status, 400);
      assert.equal(c.body.error, 'invalid_grant');
      assert.equal(c.body.error_description, 'Grant credentials are invalid');
    } finally {
      await settings(JWT_APP, { enterprise_access: true });
      await authorize(JWT_APP);
    }
  });

  test('no "Perform Actions as Users" and no "Generate User Access Tokens"', async () => {
    const sa = ccgClient();
    const appUser = (await usersOf(sa)).find((u) => APP_USER_LOGIN.test(u.login));
    assert.ok(appUser);
    await settings(CCG_APP, { perform_as_users: false, generate_user_tokens: false });
    await authorize(CCG_APP);
    try {
      assertAccessDenied(await apiError(sa.withAsUserHeader(appUser.id).users.getUserMe()));
      const e = await apiError(ccgClient({ userId: appUser.id }).users.getUserMe());
      assert.equal(e.status, 400);
      assert.equal(e.body.error, 'invalid_grant');
      assert.equal(e.body.error_description, 'Grant credentials are invalid');
    } finally {
      await settings(CCG_APP, { perform_as_users: true, generate_user_tokens: true });
      await authorize(CCG_APP);
    }
    assert.equal((await ccgClient({ userId: appUser.id }).users.getUserMe()).id, appUser.id);
  });

  test('a config.json whose key is not the registered one', async () => {
    const e = await apiError(jwtClient(WRONG_KEY_APP).users.getUserMe());
    assert.equal(e.status, 400);
    assert.equal(e.body.error, 'invalid_grant');
    assert.equal(
      e.body.error_description,
      "Signature verification error. The public key identified by 'kid' must correspond to the " +
        'private key used for signing.',
    );
  });

  test('email aliases: add, list, refuse and remove', async () => {
    const client = jwtClient(JWT_APP);
    const saId = app(JWT_APP).service_account_id;
    const alias = await client.emailAliases.createUserEmailAlias(saId, {
      email: 'sdk.automation@sandbox.example.com',
    });
    assert.equal(alias.type, 'email_alias');
    assert.equal(alias.email, 'sdk.automation@sandbox.example.com');
    assert.equal(alias.isConfirmed, true);
    const list = await client.emailAliases.getUserEmailAliases(saId);
    assert.equal(list.totalCount, 1);
    assert.equal(list.entries[0].id, alias.id);
    const e = await apiError(
      client.emailAliases.createUserEmailAlias(saId, { email: 'sdk@example.org' }),
    );
    assert.equal(e.status, 400);
    assert.equal(e.body.code, 'bad_request');
    assert.match(
      e.body.context_info.errors[0].message,
      /confirmed domains \(sandbox\.example\.com\)/,
    );
    await client.emailAliases.deleteUserEmailAliasById(saId, alias.id);
    assert.equal((await client.emailAliases.getUserEmailAliases(saId)).totalCount, 0);
  });
});
