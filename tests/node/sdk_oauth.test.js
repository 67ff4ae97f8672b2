'use strict';
// OAuth 2.0 with the official Box Node SDK: a browser-style sign-in and consent on the
// sandbox's authorize pages yields a code; the SDK's BoxOAuth exchanges it, calls the API,
// refreshes (the refresh token rotates and the old one stops working) and revokes.
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startSandbox, http } = require('./lib/sandbox.js');
const { clientFor, oauthAuth } = require('./lib/box.js');
const { authorize } = require('./lib/oauthflow.js');
const { apiError } = require('./lib/expect.js');

const OAUTH_APP = 'Sandbox OAuth App';
// Registered as http://127.0.0.1/callback: for loopback Box ignores the port.
const REDIRECT_URI = 'http://127.0.0.1:53682/callback';

describe('Box Node SDK OAuth 2.0', () => {
  let sb;
  let creds;
  let demoUser;

  // The SDK builds the authorize URL for account.box.com; send the same query to the sandbox.
  const sandboxAuthorizeUrl = (auth, state) => {
    const sdkUrl = new URL(auth.getAuthorizeUrl({ redirectUri: REDIRECT_URI, state }));
    assert.equal(sdkUrl.searchParams.get('response_type'), 'code');
    return `${sb.baseUrl}/api/oauth2/authorize${sdkUrl.search}`;
  };
  const counters = async () => (await http(`${sb.baseUrl}/_sandbox/counters`)).json;

  before(async () => {
    sb = await startSandbox();
    const apps = (await http(`${sb.baseUrl}/_sandbox/apps`)).json.apps;
    const app = apps.find((a) => a.name === OAUTH_APP);
    creds = (await http(`${sb.baseUrl}/_sandbox/apps/${app.client_id}/credentials`)).json;
    demoUser = (await http(`${sb.baseUrl}/_sandbox/demo-user`)).json;
  });
  after(async () => {
    if (sb) await sb.stop();
  });

  test('authorization code exchange, API call, refresh with rotation, revoke', async () => {
    const auth = oauthAuth(creds.client_id, creds.client_secret);
    const client = clientFor(sb.baseUrl, auth);
    const state = 'st-' + Date.now();
    const redirect = await authorize(sandboxAuthorizeUrl(auth, state), demoUser);
    assert.equal(redirect.error, null);
    assert.equal(redirect.state, state, 'the state is echoed');
    assert.equal(redirect.location.origin + redirect.location.pathname, REDIRECT_URI);
    assert.ok(redirect.code && redirect.code.length >= 16, 'a code is issued');

    const first = await auth.getTokensAuthorizationCodeGrant(redirect.code, client.networkSession);
    assert.equal(first.tokenType, 'bearer');
    assert.equal(typeof first.expiresIn, 'number');
    assert.ok(first.refreshToken, 'user auth gets a refresh token');

    const me = await client.users.getUserMe();
    assert.equal(me.id, demoUser.id);
    assert.equal(me.login, demoUser.login);

    // The code is single use.
    const reuse = await apiError(
      oauthAuth(creds.client_id, creds.client_secret).getTokensAuthorizationCodeGrant(
        redirect.code,
        client.networkSession,
      ),
    );
    assert.equal(reuse.status, 400);
    assert.equal(reuse.body.error, 'invalid_grant');

    const refreshesBefore = (await counters()).refreshes;
    const second = await auth.refreshToken(client.networkSession);
    assert.ok(second.refreshToken, 'a new refresh token is issued');
    // Booleans only: a failing assertion must not print a token.
    assert.ok(second.refreshToken !== first.refreshToken, 'the refresh token rotated');
    assert.ok(second.accessToken !== first.accessToken, 'a new access token is issued');
    assert.equal((await counters()).refreshes, refreshesBefore + 1);
    assert.equal((await client.users.getUserMe()).id, demoUser.id, 'the new token works');

    // The used refresh token is spent: a plain refresh with it fails the way Box fails.
    const stale = await http(`${sb.baseUrl}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: first.refreshToken,
        client_id: creds.client_id,
        client_secret: creds.client_secret,
      }).toString(),
    });
    assert.equal(stale.status, 400);
    assert.equal(stale.json.error, 'invalid_grant');
    assert.equal(stale.json.error_description, 'Invalid refresh token');

    // Revoking ends the session: the access token no longer works.
    const revokedToken = second.accessToken;
    await auth.revokeToken(client.networkSession);
    const after = await http(`${sb.baseUrl}/2.0/users/me`, {
      headers: { authorization: `Bearer ${revokedToken}` },
    });
    assert.equal(after.status, 401);
  });

  test('"Deny" on the consent page redirects with access_denied', async () => {
    const auth = oauthAuth(creds.client_id, creds.client_secret);
    const redirect = await authorize(sandboxAuthorizeUrl(auth, 'deny-1'), demoUser, 'Deny');
    assert.equal(redirect.code, null);
    assert.equal(redirect.error, 'access_denied');
    assert.equal(redirect.state, 'deny-1');
  });
});
