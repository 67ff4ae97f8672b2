'use strict';
// Contract test: drives every operation the sandbox covers over raw HTTP and validates each
// response body against the response schema Box's OpenAPI document gives for that path,
// method and status (exact status, else `default`). A response the spec documents no schema
// for fails; a response documented without a body must be empty. Properties the schema does
// not document fail too. Prints a summary of the operations validated.
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startSandbox, http, sandboxApps } = require('./lib/sandbox.js');
const { OpenApiContract } = require('./lib/openapi.js');
const {
  EXTRA_CLIENT_ERROR_CODES,
  EMPTY_401,
  EMPTY_403_SCOPE,
  ALLOWED_VIOLATIONS,
  EVENT_SOURCE_ONE_OF,
} = require('./lib/documented.js');
const { jwtAssertion } = require('./lib/jwt.js');
const { authorize } = require('./lib/oauthflow.js');
const nodeHttp = require('node:http');

const JWT_APP = 'Sandbox JWT App';
const CCG_APP = 'Sandbox CCG App';
const OAUTH_APP = 'Sandbox OAuth App';
const LIMITED_APP = 'Sandbox Limited Access App';
const UNAUTHORIZED_APP = 'Sandbox Unauthorized JWT App';

const specPath = process.env.BOX_OPENAPI_SPEC;
if (!specPath) throw new Error("BOX_OPENAPI_SPEC must name Box's openapi.json (set by CMake)");
const contract = new OpenApiContract(specPath, { extraClientErrorCodes: EXTRA_CLIENT_ERROR_CODES });

// Every (spec path, method, status) this test must validate.
const REQUIRED = [
  'POST /oauth2/token 200',
  'POST /oauth2/token 400',
  'POST /oauth2/revoke 200',
  'POST /oauth2/revoke 400',
  'GET /users 200',
  'POST /users 201',
  'GET /users/me 200',
  'GET /users/{user_id} 200',
  'PUT /users/{user_id} 200',
  'DELETE /users/{user_id} 204',
  'GET /folders/{folder_id} 200',
  'GET /folders/{folder_id}/items 200',
  'POST /folders 201',
  'POST /collaborations 201',
  'GET /users/me 401',
  'GET /users 403',
  'POST /users 403',
  'GET /users/me 403',
  'GET /users/{user_id} 404',
  'GET /folders/{folder_id} 404',
  'GET /folders/{folder_id} 405',
  'GET /folders/{folder_id}/items 405',
  'POST /users 400',
  'GET /users 400',
  'POST /collaborations 400',
  'POST /users 409',
  'POST /folders 409',
  'GET /users/me 429',
  'GET /users/{user_id}/email_aliases 200',
  'POST /users/{user_id}/email_aliases 201',
  'POST /users/{user_id}/email_aliases 400',
  'DELETE /users/{user_id}/email_aliases/{email_alias_id} 204',
  'GET /events 200',
  'GET /events 403',
  'GET /webhooks 200',
  'GET /webhooks 403',
  'POST /webhooks 201',
  'POST /webhooks 400',
  'POST /webhooks 404',
  'POST /webhooks 409',
  'GET /webhooks/{webhook_id} 200',
  'GET /webhooks/{webhook_id} 404',
  'PUT /webhooks/{webhook_id} 200',
  'DELETE /webhooks/{webhook_id} 204',
  'OPTIONS /events 200',
  'POST /files/content 201',
  'OPTIONS /files/content 200',
  'OPTIONS /files/content 409',
  'POST /files/content 409',
  'POST /files/{file_id}/content 200',
  'GET /files/{file_id} 200',
  'GET /files/{file_id} 404',
  'PUT /files/{file_id} 200',
  'PUT /files/{file_id} 412',
  'GET /files/{file_id}/content 302',
  'DELETE /files/{file_id} 204',
  'PUT /folders/{folder_id} 200',
  'PUT /folders/{folder_id} 409',
  'PUT /folders/{folder_id} 412',
  'POST /folders/{folder_id}/copy 201',
  'DELETE /folders/{folder_id} 400',
  'DELETE /folders/{folder_id} 204',
  'GET /folders/{folder_id}/collaborations 200',
  'GET /collaborations/{collaboration_id} 200',
  'PUT /collaborations/{collaboration_id} 200',
  'PUT /collaborations/{collaboration_id} 204',
  'DELETE /collaborations/{collaboration_id} 204',
  // Box Skills (issue 18).
  'PUT /skill_invocations/{skill_id} 200',
  'PUT /skill_invocations/{skill_id} 400',
  'PUT /skill_invocations/{skill_id} 404',
  'GET /files/{file_id}/metadata/global/boxSkillsCards 200',
  'POST /files/{file_id}/metadata/global/boxSkillsCards 201',
  'POST /files/{file_id}/metadata/global/boxSkillsCards 400',
  'POST /files/{file_id}/metadata/global/boxSkillsCards 409',
  'PUT /files/{file_id}/metadata/global/boxSkillsCards 200',
  'DELETE /files/{file_id}/metadata/global/boxSkillsCards 204',
  'DELETE /files/{file_id}/metadata/global/boxSkillsCards 404',
];

const results = []; // { op, status, documentedAs, schema, outcome }

// Collects the body's properties that the schema (following $ref/allOf/anyOf/oneOf) does not
// document, as JSON pointers.
function undocumented(schemaRef, body, at = '') {
  const found = [];
  const walk = (schema, value, where) => {
    const props = {};
    const items = [];
    const collect = (s) => {
      if (!s || typeof s !== 'object') return;
      if (s.$ref) return collect(contract.resolve(s.$ref));
      for (const k of ['allOf', 'anyOf', 'oneOf']) (s[k] || []).forEach(collect);
      Object.assign(props, s.properties || {});
      if (s.items) items.push(s.items);
      if (s.additionalProperties && typeof s.additionalProperties === 'object')
        props['*'] = s.additionalProperties;
      if (s.additionalProperties === true || (s.type === 'object' && !s.properties && !s.allOf))
        props['*'] = {};
    };
    collect(schema);
    if (Array.isArray(value)) {
      value.forEach((v, i) => items.forEach((it) => walk(it, v, `${where}/${i}`)));
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const p = props[k] || props['*'];
        if (!p) found.push(`${where}/${k}`);
        else walk(p, v, `${where}/${k}`);
      }
    }
  };
  walk({ $ref: schemaRef }, body, at);
  return [...new Set(found)];
}

// Validates one response; returns the parsed JSON body (if any).
function checkResponse(method, specPath, res, expectedStatus) {
  const op = `${method} ${specPath}`;
  assert.equal(res.status, expectedStatus, `${op}: HTTP status`);
  const spec = contract.responseSpec(specPath, method, res.status);
  const record = { op, status: res.status, documentedAs: spec && spec.documentedAs };
  results.push(record);
  assert.ok(spec, `${op} ${res.status}: the spec documents no response for this status`);
  if (res.status === EMPTY_401.status && spec.kind === 'json') {
    record.schema = 'empty (Box sends no body on 401; box-api.md §1.8)';
    assert.equal(res.text, '', `${op} 401: Box sends an empty body`);
    assert.equal(res.headers.get('www-authenticate'), EMPTY_401.wwwAuthenticate);
    record.outcome = 'ok';
    return undefined;
  }
  if (
    res.status === EMPTY_403_SCOPE.status &&
    spec.kind === 'json' &&
    res.headers.get('www-authenticate')
  ) {
    record.schema = 'empty (Box sends no body for a missing scope; box-api-content.md §7 form A)';
    assert.equal(res.text, '', `${op} 403: Box sends an empty body for a missing scope`);
    assert.equal(res.headers.get('www-authenticate'), EMPTY_403_SCOPE.wwwAuthenticate);
    record.outcome = 'ok';
    return undefined;
  }
  if (spec.kind === 'empty') {
    record.schema = '(no body)';
    assert.equal(res.text, '', `${op} ${res.status}: the spec documents no body`);
    record.outcome = 'ok';
    return undefined;
  }
  assert.equal(
    spec.kind,
    'json',
    `${op} ${res.status}: documented as ${spec.contentTypes}, not JSON`,
  );
  record.schema = spec.ref.split('/').pop();
  assert.match(res.headers.get('content-type') || '', /^application\/json/, `${op}: Content-Type`);
  assert.ok(res.json !== undefined, `${op} ${res.status}: the body is not JSON`);
  const { errors } = contract.validate(spec.ref, res.json);
  // Event sources that matched GenericSource and exactly one real schema (documented.js).
  const s = EVENT_SOURCE_ONE_OF;
  const doubleMatched =
    op === s.op
      ? errors
          .filter(
            (e) =>
              e.keyword === 'oneOf' &&
              s.at.test(e.instancePath) &&
              e.params.passingSchemas &&
              e.params.passingSchemas.length === 2 &&
              e.params.passingSchemas.includes(s.genericSourceIndex),
          )
          .map((e) => e.instancePath)
      : [];
  const remaining = errors.filter((e) => {
    if (doubleMatched.some((p) => e.instancePath === p || e.instancePath.startsWith(`${p}/`))) {
      record.note = s.why;
      return false;
    }
    const allowed = ALLOWED_VIOLATIONS.find(
      (a) =>
        a.op === op &&
        a.when(res.json) &&
        a.instancePath === e.instancePath &&
        a.keyword === e.keyword &&
        (typeof a.value === 'function' ? a.value(e) : e.data === a.value),
    );
    if (allowed) record.note = allowed.why;
    return !allowed;
  });
  assert.deepEqual(
    remaining.map((e) => e.text),
    [],
    `${op} ${res.status} vs ${record.schema}`,
  );
  if (record.schema === 'ClientError' && !contract.specClientErrorCodes.includes(res.json.code)) {
    record.note = `code ${res.json.code} is Box's, not in the spec's enum (box-api.md §4.4)`;
  }
  const extra = undocumented(spec.ref, res.json);
  assert.deepEqual(extra, [], `${op} ${res.status}: properties ${record.schema} does not document`);
  record.outcome = 'ok';
  return res.json;
}

describe('OpenAPI contract', () => {
  let sb;
  let base;
  const creds = {};
  let enterpriseId;
  let demoUser;
  const tokens = {};
  const ids = {};

  const form = (fields) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  const token = (fields, status) =>
    http(`${base}/oauth2/token`, form(fields)).then((r) =>
      checkResponse('POST', '/oauth2/token', r, status),
    );
  const api = async (
    method,
    specPath,
    path,
    { bearer, body, rawBody, headers = {} } = {},
    status,
  ) => {
    const init = { method, headers: { ...headers } };
    if (bearer) init.headers.authorization = `Bearer ${bearer}`;
    if (body !== undefined || rawBody !== undefined) {
      init.headers['content-type'] = 'application/json';
      init.body = rawBody !== undefined ? rawBody : JSON.stringify(body);
    }
    return checkResponse(method, specPath, await http(`${base}/2.0${path}`, init), status);
  };
  const jwt = (app, sub, subType) => ({
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    client_id: creds[app].client_id,
    client_secret: creds[app].client_secret,
    assertion: jwtAssertion(sb.configs[app], { sub, subType }),
  });

  before(async () => {
    sb = await startSandbox({ apps: [JWT_APP, UNAUTHORIZED_APP], args: ['--users', '3'] });
    base = sb.baseUrl;
    const apps = await sandboxApps(base);
    enterpriseId = apps.enterprise_id;
    for (const a of apps.apps) {
      creds[a.name] = (await http(`${base}/_sandbox/apps/${a.client_id}/credentials`)).json;
      creds[a.name].service_account_id = a.service_account_id;
    }
    demoUser = (await http(`${base}/_sandbox/demo-user`)).json;
  });

  after(async () => {
    if (sb) await sb.stop();
    // One line per operation/status/schema, with how many responses were checked.
    const groups = new Map();
    for (const r of results) {
      const line =
        `${r.op} ${r.status} -> ${r.schema || '(none)'}` +
        (r.documentedAs && r.documentedAs !== String(r.status)
          ? ` (spec: ${r.documentedAs})`
          : '') +
        (r.note ? ` [allowed: ${r.note}]` : '');
      const g = groups.get(line) || { ok: 0, failed: 0 };
      g[r.outcome === 'ok' ? 'ok' : 'failed'] += 1;
      groups.set(line, g);
    }
    const lines = [...groups].map(
      ([line, g]) => `  ${g.failed ? 'FAIL' : 'ok  '} ${line}  x${g.ok + g.failed}`,
    );
    const passed = results.filter((r) => r.outcome === 'ok').length;
    process.stdout.write(
      `\nOpenAPI contract: ${passed}/${results.length} responses validated against ` +
        `${groups.size} operation/status/schema combinations\n${lines.join('\n')}\n`,
    );
  });

  test('the validator rejects wrong types, unknown enum values and undocumented properties', () => {
    const ref = '#/components/schemas/User--Full';
    assert.equal(contract.validate(ref, { type: 'user', id: '1', name: 'A' }).errors.length, 0);
    assert.ok(
      contract.validate(ref, { type: 'user', id: 1 }).errors.length > 0,
      'id must be a string',
    );
    assert.ok(contract.validate(ref, { type: 'user', id: '1', status: 'gone' }).errors.length > 0);
    assert.ok(contract.validate(ref, { id: '1' }).errors.length > 0, 'type is required');
    assert.deepEqual(undocumented(ref, { type: 'user', id: '1', nickname: 'x' }), ['/nickname']);
    const err = '#/components/schemas/ClientError';
    assert.ok(contract.validate(err, { type: 'error', code: 'made_up_code' }).errors.length > 0);
    assert.deepEqual(contract.responseSpec('/users/me', 'get', 401), {
      kind: 'json',
      ref: err,
      documentedAs: 'default',
    });
    assert.throws(() => contract.responseSpec('/users/me', 'post', 405), /no operation/);
  });

  describe('token endpoint', () => {
    test('JWT grant, enterprise and user subjects', async () => {
      const t = await token(jwt(JWT_APP, enterpriseId, 'enterprise'), 200);
      assert.equal(t.token_type, 'bearer');
      assert.equal('refresh_token' in t, false, 'server auth gets no refresh token');
      tokens.jwt = t.access_token;
      const users = await api('GET', '/users', '/users?limit=1000', { bearer: tokens.jwt }, 200);
      ids.appUser = users.entries.find((u) => u.login.startsWith('AppUser_')).id;
      const u = await token(jwt(JWT_APP, ids.appUser, 'user'), 200);
      tokens.appUser = u.access_token;
    });

    test('client credentials grant, enterprise and user subjects', async () => {
      const base = {
        grant_type: 'client_credentials',
        client_id: creds[CCG_APP].client_id,
        client_secret: creds[CCG_APP].client_secret,
      };
      const t = await token(
        { ...base, box_subject_type: 'enterprise', box_subject_id: enterpriseId },
        200,
      );
      tokens.ccg = t.access_token;
      const users = await api('GET', '/users', '/users', { bearer: tokens.ccg }, 200);
      await token({ ...base, box_subject_type: 'user', box_subject_id: users.entries[0].id }, 200);
    });

    test('authorization code and refresh token grants', async () => {
      const c = creds[OAUTH_APP];
      const q = new URLSearchParams({
        response_type: 'code',
        client_id: c.client_id,
        redirect_uri: c.redirect_uri,
        state: 's1',
      });
      const { code } = await authorize(`${base}/api/oauth2/authorize?${q}`, demoUser);
      const client = { client_id: c.client_id, client_secret: c.client_secret };
      const first = await token({ ...client, grant_type: 'authorization_code', code }, 200);
      assert.ok(first.refresh_token);
      const second = await token(
        { ...client, grant_type: 'refresh_token', refresh_token: first.refresh_token },
        200,
      );
      assert.ok(second.refresh_token !== first.refresh_token, 'the refresh token rotated');
      tokens.oauth = second.access_token;
      tokens.oauthRefresh = second.refresh_token;
      const stale = await token(
        { ...client, grant_type: 'refresh_token', refresh_token: first.refresh_token },
        400,
      );
      assert.equal(stale.error, 'invalid_grant');
    });

    test('token exchange (downscoping)', async () => {
      const t = await token(
        {
          grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
          subject_token: tokens.jwt,
          subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
          scope: 'item_preview item_read',
          resource: `https://api.box.com/2.0/folders/0`,
        },
        200,
      );
      assert.equal(t.issued_token_type, 'urn:ietf:params:oauth:token-type:access_token');
      tokens.downscoped = t.access_token;
    });

    test('error replies', async () => {
      const ccg = creds[CCG_APP];
      let e = await token(
        {
          grant_type: 'client_credentials',
          client_id: ccg.client_id,
          client_secret: 'wrong',
          box_subject_type: 'enterprise',
          box_subject_id: enterpriseId,
        },
        400,
      );
      assert.equal(e.error, 'invalid_grant');
      e = await token(jwt(UNAUTHORIZED_APP, enterpriseId, 'enterprise'), 400);
      assert.equal(e.error, 'unauthorized_client');
      const reused = jwt(JWT_APP, enterpriseId, 'enterprise');
      await token(reused, 200);
      e = await token(reused, 400);
      assert.equal(e.error, 'invalid_grant');
      e = await token(
        { grant_type: 'password', client_id: ccg.client_id, client_secret: ccg.client_secret },
        400,
      );
      assert.equal(e.error, 'invalid_request');
      assert.equal(e.error_description, 'Invalid grant_type parameter or parameter missing.');
      e = await token({ client_id: ccg.client_id }, 400);
      assert.equal(e.error, 'invalid_request');
      e = await token(
        {
          grant_type: 'authorization_code',
          client_id: creds[OAUTH_APP].client_id,
          client_secret: 'wrong',
          code: 'x',
        },
        400,
      );
      assert.equal(e.error, 'invalid_client');
    });

    test('revoke', async () => {
      // A session of its own, so the tokens the other tests use stay valid.
      const c = creds[OAUTH_APP];
      const q = new URLSearchParams({
        response_type: 'code',
        client_id: c.client_id,
        redirect_uri: c.redirect_uri,
      });
      const { code } = await authorize(`${base}/api/oauth2/authorize?${q}`, demoUser);
      const session = await token(
        {
          client_id: c.client_id,
          client_secret: c.client_secret,
          grant_type: 'authorization_code',
          code,
        },
        200,
      );
      const r = await http(
        `${base}/oauth2/revoke`,
        form({
          client_id: c.client_id,
          client_secret: c.client_secret,
          token: session.refresh_token,
        }),
      );
      checkResponse('POST', '/oauth2/revoke', r, 200);
      const bad = await http(
        `${base}/oauth2/revoke`,
        form({ client_id: c.client_id, client_secret: 'wrong', token: tokens.oauth }),
      );
      const e = checkResponse('POST', '/oauth2/revoke', bad, 400);
      assert.equal(e.error, 'invalid_client');
    });
  });

  describe('users', () => {
    test('list with offset, marker and fields', async () => {
      const offset = await api(
        'GET',
        '/users',
        '/users?limit=2&offset=1',
        { bearer: tokens.jwt },
        200,
      );
      assert.equal(offset.entries.length, 2);
      const marker = await api(
        'GET',
        '/users',
        '/users?usemarker=true&limit=2',
        { bearer: tokens.jwt },
        200,
      );
      assert.ok(marker.next_marker);
      await api(
        'GET',
        '/users',
        `/users?usemarker=true&limit=2&marker=${encodeURIComponent(marker.next_marker)}`,
        { bearer: tokens.jwt },
        200,
      );
      await api(
        'GET',
        '/users',
        '/users?fields=name,login,is_platform_access_only,external_app_user_id,enterprise,role',
        { bearer: tokens.jwt },
        200,
      );
      await api(
        'GET',
        '/users',
        '/users?filter_term=App&user_type=managed',
        { bearer: tokens.jwt },
        200,
      );
    });

    test('me, get, create, update, delete', async () => {
      await api('GET', '/users/me', '/users/me', { bearer: tokens.jwt }, 200);
      await api(
        'GET',
        '/users/me',
        '/users/me?fields=enterprise,role,is_platform_access_only,my_tags,hostname,tracking_codes,notification_email',
        { bearer: tokens.jwt },
        200,
      );
      await api('GET', '/users/me', '/users/me', { bearer: tokens.oauth }, 200);
      await api('GET', '/users/me', '/users/me', { bearer: tokens.appUser }, 200);
      await api('GET', '/users/{user_id}', `/users/${ids.appUser}`, { bearer: tokens.jwt }, 200);
      const created = await api(
        'POST',
        '/users',
        '/users',
        {
          bearer: tokens.jwt,
          body: {
            name: 'Contract User',
            is_platform_access_only: true,
            external_app_user_id: 'contract-1',
          },
        },
        201,
      );
      const managed = await api(
        'POST',
        '/users',
        '/users',
        {
          bearer: tokens.jwt,
          body: { name: 'Contract Managed', login: 'contract.managed@sandbox.example.com' },
        },
        201,
      );
      await api(
        'PUT',
        '/users/{user_id}',
        `/users/${created.id}`,
        {
          bearer: tokens.jwt,
          body: { name: 'Contract User 2', job_title: 'Tester', space_amount: -1 },
        },
        200,
      );
      await api(
        'GET',
        '/users/{user_id}',
        `/users/${created.id}?fields=name,space_amount,external_app_user_id`,
        { bearer: tokens.jwt },
        200,
      );
      await api(
        'DELETE',
        '/users/{user_id}',
        `/users/${created.id}?force=true`,
        { bearer: tokens.jwt },
        204,
      );
      await api('DELETE', '/users/{user_id}', `/users/${managed.id}`, { bearer: tokens.jwt }, 204);
    });
  });

  describe('folders and collaborations', () => {
    test('get, items, create, collaborate', async () => {
      await api('GET', '/folders/{folder_id}', '/folders/0', { bearer: tokens.appUser }, 200);
      const items = await api(
        'GET',
        '/folders/{folder_id}/items',
        '/folders/0/items',
        { bearer: tokens.appUser },
        200,
      );
      const docs = items.entries[0];
      const f = await api(
        'POST',
        '/folders',
        '/folders',
        { bearer: tokens.appUser, body: { name: 'Contract', parent: { id: '0' } } },
        201,
      );
      ids.folder = f.id;
      await api(
        'POST',
        '/folders',
        '/folders',
        { bearer: tokens.appUser, body: { name: 'Inner', parent: { id: f.id } } },
        201,
      );
      await api('GET', '/folders/{folder_id}', `/folders/${f.id}`, { bearer: tokens.appUser }, 200);
      await api(
        'GET',
        '/folders/{folder_id}',
        `/folders/${docs.id}?fields=name,parent,path_collection,item_collection`,
        { bearer: tokens.appUser },
        200,
      );
      await api(
        'GET',
        '/folders/{folder_id}/items',
        `/folders/${f.id}/items?usemarker=true&limit=1`,
        { bearer: tokens.appUser },
        200,
      );
      await api(
        'GET',
        '/folders/{folder_id}/items',
        `/folders/${f.id}/items?offset=0&limit=10&fields=name,modified_at`,
        { bearer: tokens.appUser },
        200,
      );
      const collab = await api(
        'POST',
        '/collaborations',
        '/collaborations',
        {
          bearer: tokens.appUser,
          body: {
            item: { type: 'folder', id: f.id },
            accessible_by: { type: 'user', login: demoUser.login },
            role: 'viewer',
          },
        },
        201,
      );
      assert.equal(collab.accessible_by.login, demoUser.login);
      await api(
        'POST',
        '/collaborations',
        '/collaborations',
        {
          bearer: tokens.appUser,
          body: {
            item: { type: 'folder', id: docs.id },
            accessible_by: { type: 'user', id: creds[JWT_APP].service_account_id },
            role: 'editor',
          },
        },
        201,
      );
    });
  });

  describe('folder edits and collaborations (issue 17)', () => {
    test('update, copy, delete; list, get, update, transfer, remove collaborations', async () => {
      const as = { bearer: tokens.appUser };
      const make = (name, parent) =>
        api('POST', '/folders', '/folders', { ...as, body: { name, parent: { id: parent } } }, 201);
      const a = await make('Contract Edit A', '0');
      const b = await make('Contract Edit B', '0');
      await make('Inside A', a.id);
      const updated = await api(
        'PUT',
        '/folders/{folder_id}',
        `/folders/${a.id}`,
        { ...as, body: { name: 'Contract Edit A2', description: 'Edited' } },
        200,
      );
      await api(
        'PUT',
        '/folders/{folder_id}',
        `/folders/${a.id}`,
        { ...as, body: { name: 'Contract Edit B' } },
        409,
      );
      await api(
        'PUT',
        '/folders/{folder_id}',
        `/folders/${a.id}`,
        { ...as, headers: { 'if-match': '0' }, body: { name: 'Stale' } },
        412,
      );
      await api(
        'PUT',
        '/folders/{folder_id}',
        `/folders/${a.id}`,
        { ...as, headers: { 'if-match': updated.etag }, body: { parent: { id: b.id } } },
        200,
      );
      await api(
        'POST',
        '/folders/{folder_id}/copy',
        `/folders/${b.id}/copy`,
        { ...as, body: { parent: { id: '0' }, name: 'Contract Edit Copy' } },
        201,
      );
      await api('DELETE', '/folders/{folder_id}', `/folders/${b.id}`, as, 400);
      await api('DELETE', '/folders/{folder_id}', `/folders/${b.id}?recursive=true`, as, 204);

      const c = await make('Contract Collaborated', '0');
      const collab = await api(
        'POST',
        '/collaborations',
        '/collaborations',
        {
          ...as,
          body: {
            item: { type: 'folder', id: c.id },
            accessible_by: { type: 'user', login: demoUser.login },
            role: 'viewer',
          },
        },
        201,
      );
      await api(
        'GET',
        '/folders/{folder_id}/collaborations',
        `/folders/${c.id}/collaborations`,
        as,
        200,
      );
      await api(
        'GET',
        '/collaborations/{collaboration_id}',
        `/collaborations/${collab.id}`,
        as,
        200,
      );
      await api(
        'PUT',
        '/collaborations/{collaboration_id}',
        `/collaborations/${collab.id}`,
        { ...as, body: { role: 'editor' } },
        200,
      );
      await api(
        'PUT',
        '/collaborations/{collaboration_id}',
        `/collaborations/${collab.id}`,
        { ...as, body: { role: 'owner' } },
        204,
      );
      const list = await api(
        'GET',
        '/folders/{folder_id}/collaborations',
        `/folders/${c.id}/collaborations`,
        as,
        200,
      );
      assert.equal(list.entries.length, 1);
      assert.equal(list.entries[0].role, 'co-owner');
      await api(
        'DELETE',
        '/collaborations/{collaboration_id}',
        `/collaborations/${list.entries[0].id}`,
        as,
        204,
      );
    });
  });

  describe('files (issue 17)', () => {
    // Box's single upload: multipart to the upload base (origin + /api).
    const upload = async (path, attributes, bytes, status, headers = {}) => {
      const body = new FormData();
      body.append('attributes', JSON.stringify(attributes));
      body.append('file', new Blob([bytes]), 'contract.txt');
      const res = await http(`${base}/api/2.0${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.appUser}`, ...headers },
        body,
      });
      const specPath = path === '/files/content' ? '/files/content' : '/files/{file_id}/content';
      return checkResponse('POST', specPath, res, status);
    };

    test('upload, conflict, new version, get, items, update, share, download, delete', async () => {
      const files = await upload(
        '/files/content',
        { name: 'Contract.txt', parent: { id: '0' } },
        'contract bytes',
        201,
      );
      const file = files.entries[0];
      const conflict = await upload(
        '/files/content',
        { name: 'contract.TXT', parent: { id: '0' } },
        'other bytes',
        409,
      );
      assert.equal(conflict.context_info.conflicts[0].id, file.id);
      const versions = await upload(
        `/files/${file.id}/content`,
        { name: 'Contract.txt' },
        'version two',
        200,
      );
      assert.equal(versions.entries[0].id, file.id);
      const bearer = tokens.appUser;
      await api(
        'OPTIONS',
        '/files/content',
        '/files/content',
        { bearer, body: { name: 'Preflight.txt', size: 3, parent: { id: '0' } } },
        200,
      );
      await api(
        'OPTIONS',
        '/files/content',
        '/files/content',
        { bearer, body: { name: 'Contract.txt', size: 3, parent: { id: '0' } } },
        409,
      );
      await api('GET', '/files/{file_id}', `/files/${file.id}`, { bearer }, 200);
      await api(
        'GET',
        '/files/{file_id}',
        `/files/${file.id}?fields=name,size,permissions,version_number,extension`,
        { bearer },
        200,
      );
      await api(
        'GET',
        '/folders/{folder_id}/items',
        '/folders/0/items?fields=name,size,modified_at,sha1',
        { bearer },
        200,
      );
      await api('GET', '/folders/{folder_id}/items', '/folders/0/items', { bearer }, 200);
      await api(
        'PUT',
        '/files/{file_id}',
        `/files/${file.id}`,
        { bearer, body: { name: 'Contract renamed.txt', description: 'Described' } },
        200,
      );
      const shared = await api(
        'PUT',
        '/files/{file_id}',
        `/files/${file.id}?fields=shared_link`,
        { bearer, body: { shared_link: { access: 'open' } } },
        200,
      );
      assert.equal(shared.shared_link.access, 'open');
      await api('GET', '/files/{file_id}', `/files/${file.id}`, { bearer }, 200);
      await api(
        'PUT',
        '/files/{file_id}',
        `/files/${file.id}`,
        { bearer, body: { name: 'Stale.txt' }, headers: { 'if-match': '999' } },
        412,
      );
      const redirect = await http(`${base}/2.0/files/${file.id}/content`, {
        headers: { authorization: `Bearer ${bearer}` },
      });
      checkResponse('GET', '/files/{file_id}/content', redirect, 302);
      const bytes = await http(redirect.headers.get('location'));
      assert.equal(bytes.text, 'version two');
      await api('DELETE', '/files/{file_id}', `/files/${file.id}`, { bearer }, 204);
      await api('GET', '/files/{file_id}', `/files/${file.id}`, { bearer }, 404);
    });
  });

  describe('enterprise: email aliases, events, webhooks', () => {
    const saId = () => creds[JWT_APP].service_account_id;

    test('email aliases: list, add, refuse, remove', async () => {
      const path = `/users/${saId()}/email_aliases`;
      const specPath = '/users/{user_id}/email_aliases';
      const a = await api(
        'POST',
        specPath,
        path,
        { bearer: tokens.jwt, body: { email: 'contract@sandbox.example.com' } },
        201,
      );
      assert.equal(a.type, 'email_alias');
      assert.equal(a.is_confirmed, true);
      const list = await api('GET', specPath, path, { bearer: tokens.jwt }, 200);
      assert.equal(list.total_count, 1);
      assert.deepEqual(list.entries, [a]);
      const e = await api(
        'POST',
        specPath,
        path,
        { bearer: tokens.jwt, body: { email: 'contract@example.org' } },
        400,
      );
      assert.equal(e.context_info.errors[0].name, 'email');
      await api(
        'DELETE',
        '/users/{user_id}/email_aliases/{email_alias_id}',
        `${path}/${a.id}`,
        { bearer: tokens.jwt },
        204,
      );
    });

    test('admin events and webhooks, and their missing scopes', async () => {
      await api(
        'POST',
        '/users',
        '/users',
        { bearer: tokens.jwt, body: { name: 'Evented', is_platform_access_only: true } },
        201,
      );
      const ev = await api(
        'GET',
        '/events',
        '/events?stream_type=admin_logs&limit=500',
        { bearer: tokens.jwt },
        200,
      );
      assert.ok(ev.entries.some((x) => x.event_type === 'NEW_USER'));
      const hooks = await api('GET', '/webhooks', '/webhooks', { bearer: tokens.jwt }, 200);
      assert.deepEqual(hooks.entries, []);
      // Scopes no longer enforced once the admin re-authorizes the changed settings.
      const ccgApp = `${base}/_sandbox/apps/${creds[CCG_APP].client_id}`;
      const setScopes = async (scopes) => {
        const put = await http(`${ccgApp}/settings`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ scopes }),
        });
        assert.equal(put.status, 200);
        const authorized = await http(`${ccgApp}/authorize`, { method: 'POST' });
        assert.equal(authorized.status, 200);
      };
      const apps = (await http(`${base}/_sandbox/apps`)).json.apps;
      const scopesBefore = apps.find((a) => a.client_id === creds[CCG_APP].client_id).scopes;
      await setScopes(['root_readwrite', 'manage_app_users']);
      try {
        const t = await token(
          {
            grant_type: 'client_credentials',
            client_id: creds[CCG_APP].client_id,
            client_secret: creds[CCG_APP].client_secret,
            box_subject_type: 'enterprise',
            box_subject_id: enterpriseId,
          },
          200,
        );
        const ccg = { bearer: t.access_token };
        await api('GET', '/events', '/events?stream_type=admin_logs', ccg, 403);
        await api('GET', '/webhooks', '/webhooks', ccg, 403);
      } finally {
        // Later tests use the CCG app as seeded.
        await setScopes(scopesBefore);
      }
    });
  });

  describe('webhooks and user events (issue 17)', () => {
    test('webhooks: create, refuse, get, update, list, delete', async () => {
      const auth = { bearer: tokens.jwt };
      const folder = await api(
        'POST',
        '/folders',
        '/folders',
        { ...auth, body: { name: 'Contract hooks', parent: { id: '0' } } },
        201,
      );
      const body = {
        target: { id: folder.id, type: 'folder' },
        address: 'https://hooks.example.com/contract',
        triggers: ['FILE.UPLOADED', 'FOLDER.CREATED'],
      };
      const hook = await api('POST', '/webhooks', '/webhooks', { ...auth, body }, 201);
      assert.equal(hook.type, 'webhook');
      await api('POST', '/webhooks', '/webhooks', { ...auth, body }, 409);
      await api(
        'POST',
        '/webhooks',
        '/webhooks',
        { ...auth, body: { ...body, triggers: ['NOT.A_TRIGGER'] } },
        400,
      );
      await api(
        'POST',
        '/webhooks',
        '/webhooks',
        { ...auth, body: { ...body, target: { id: '999999999', type: 'folder' } } },
        404,
      );
      const path = `/webhooks/${hook.id}`;
      await api('GET', '/webhooks/{webhook_id}', path, auth, 200);
      const updated = await api(
        'PUT',
        '/webhooks/{webhook_id}',
        path,
        { ...auth, body: { address: 'http://127.0.0.1:9/contract' } },
        200,
      );
      assert.equal(updated.address, 'http://127.0.0.1:9/contract');
      const list = await api('GET', '/webhooks', '/webhooks?limit=1', auth, 200);
      assert.deepEqual(
        list.entries.map((w) => w.id),
        [hook.id],
      );
      await api('DELETE', '/webhooks/{webhook_id}', path, auth, 204);
      await api('GET', '/webhooks/{webhook_id}', path, auth, 404);
    });

    test('user events and the realtime server', async () => {
      const auth = { bearer: tokens.jwt };
      const now = await api('GET', '/events', '/events?stream_position=now', auth, 200);
      await api(
        'POST',
        '/folders',
        '/folders',
        { ...auth, body: { name: 'Contract event', parent: { id: '0' } } },
        201,
      );
      const ev = await api(
        'GET',
        '/events',
        `/events?stream_type=all&stream_position=${now.next_stream_position}`,
        auth,
        200,
      );
      assert.deepEqual(
        ev.entries.map((e) => e.event_type),
        ['ITEM_CREATE'],
      );
      const servers = await api('OPTIONS', '/events', '/events', auth, 200);
      assert.equal(servers.entries[0].type, 'realtime_server');
    });
  });

  describe('error replies', () => {
    test('401 without or with a bad token', async () => {
      await api('GET', '/users/me', '/users/me', {}, 401);
      await api('GET', '/users/me', '/users/me', { bearer: 'not-a-token' }, 401);
    });

    test('403 for an app token, a missing permission and a downscoped token', async () => {
      const e = await api('GET', '/users', '/users', { bearer: creds[LIMITED_APP].app_token }, 403);
      assert.equal(e.code, 'access_denied_insufficient_permissions');
      // The CCG app has App Only access and no manage_managed_users: no managed users.
      const s = await api(
        'POST',
        '/users',
        '/users',
        { bearer: tokens.ccg, body: { name: 'No Scope', login: 'noscope@sandbox.example.com' } },
        403,
      );
      assert.equal(s.code, 'access_denied_insufficient_permissions');
      // A missing scope: no body, the reason in WWW-Authenticate (checked by checkResponse).
      const d = await api('GET', '/users/me', '/users/me', { bearer: tokens.downscoped }, 403);
      assert.equal(d, undefined);
    });

    test('404, 405', async () => {
      let e = await api('GET', '/users/{user_id}', '/users/1', { bearer: tokens.jwt }, 404);
      assert.equal(e.code, 'not_found');
      e = await api(
        'GET',
        '/folders/{folder_id}',
        '/folders/999999999',
        { bearer: tokens.appUser },
        404,
      );
      assert.equal(e.code, 'not_found');
      // 405 is what the spec documents for a folder ID in an unrecognized format. (A wrong
      // method, e.g. POST /users/me, is a 405 too, but the spec has no such operation.)
      e = await api('GET', '/folders/{folder_id}', '/folders/abc', { bearer: tokens.appUser }, 405);
      assert.equal(e.code, 'method_not_allowed');
      e = await api(
        'GET',
        '/folders/{folder_id}/items',
        '/folders/abc/items',
        { bearer: tokens.appUser },
        405,
      );
      assert.equal(e.code, 'method_not_allowed');
    });

    test('400 for malformed JSON, bad values, paging limits and the root folder', async () => {
      let e = await api(
        'POST',
        '/users',
        '/users',
        { bearer: tokens.jwt, rawBody: '{"name": ' },
        400,
      );
      assert.equal(e.code, 'bad_request');
      assert.ok(e.context_info);
      e = await api(
        'POST',
        '/users',
        '/users',
        { bearer: tokens.jwt, body: { name: 'x'.repeat(51), is_platform_access_only: true } },
        400,
      );
      e = await api('GET', '/users', '/users?offset=10001', { bearer: tokens.jwt }, 400);
      e = await api(
        'POST',
        '/collaborations',
        '/collaborations',
        {
          bearer: tokens.appUser,
          body: {
            item: { type: 'folder', id: '0' },
            accessible_by: { type: 'user', login: demoUser.login },
            role: 'viewer',
          },
        },
        400,
      );
    });

    test('409 for a used login and a used folder name', async () => {
      let e = await api(
        'POST',
        '/users',
        '/users',
        { bearer: tokens.jwt, body: { name: 'Dup', login: demoUser.login } },
        409,
      );
      assert.equal(e.code, 'user_login_already_used');
      e = await api(
        'POST',
        '/folders',
        '/folders',
        { bearer: tokens.appUser, body: { name: 'Contract', parent: { id: '0' } } },
        409,
      );
      assert.equal(e.code, 'item_name_in_use');
    });

    test('429 when over the rate limit', async () => {
      await http(`${base}/_sandbox/rate-limit`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ per_minute: 2 }),
      });
      try {
        let res;
        for (let i = 0; i < 5; ++i) {
          res = await http(`${base}/2.0/users/me`, {
            headers: { authorization: `Bearer ${tokens.jwt}` },
          });
          if (res.status === 429) break;
        }
        const e = checkResponse('GET', '/users/me', res, 429);
        assert.equal(e.code, 'rate_limit_exceeded');
        assert.ok(Number(res.headers.get('retry-after')) > 0);
      } finally {
        await http(`${base}/_sandbox/rate-limit`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ per_minute: 0 }),
        });
      }
    });
  });

  describe('Box Skills (issue 18)', () => {
    test('skill invocation status and the boxSkillsCards metadata', async () => {
      // The Skill's service: receives the sandbox's Skill event.
      let resolveEvent;
      const event = new Promise((resolve) => {
        resolveEvent = resolve;
      });
      const receiver = nodeHttp.createServer((req, res) => {
        let body = '';
        req.on('data', (d) => {
          body += d;
        });
        req.on('end', () => {
          res.writeHead(200).end();
          resolveEvent(JSON.parse(body));
        });
      });
      await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      try {
        const auth = { bearer: tokens.jwt };
        const folder = await api(
          'POST',
          '/folders',
          '/folders',
          { ...auth, body: { name: 'Contract skills', parent: { id: '0' } } },
          201,
        );
        const created = await http(`${base}/_sandbox/skills`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            name: 'Contract Skill',
            client_id: creds[JWT_APP].client_id,
            invocation_url: `http://127.0.0.1:${receiver.address().port}/skill`,
            folder_ids: [folder.id],
          }),
        });
        assert.equal(created.status, 201);
        const form = new FormData();
        form.append('attributes', JSON.stringify({ name: 'talk.mp3', parent: { id: folder.id } }));
        form.append('file', new Blob(['spoken words']), 'talk.mp3');
        const uploaded = await http(`${base}/api/2.0/files/content`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens.jwt}` },
          body: form,
        });
        assert.equal(uploaded.status, 201);
        const payload = await event;
        const fileId = payload.source.id;
        const write = { bearer: payload.token.write.access_token };
        const skillPath = `/skill_invocations/${payload.skill.id}`;
        const spec = '/skill_invocations/{skill_id}';
        const card = {
          type: 'skill_card',
          skill_card_type: 'keyword',
          skill_card_title: { code: 'skills_topics', message: 'Topics' },
          skill: { type: 'service', id: 'contract-skill' },
          invocation: { type: 'skill_invocation', id: payload.id },
          entries: [{ text: 'spoken' }, { text: 'words' }],
        };
        const status = (state, cards, id = fileId) => ({
          status: state,
          metadata: { cards },
          file: { type: 'file', id },
          usage: { unit: 'file', value: 1 },
        });
        await api('PUT', spec, skillPath, { ...write, body: status('success', [card]) }, 200);
        let e = await api(
          'PUT',
          spec,
          skillPath,
          { ...write, body: status('success', [{ ...card, entries: [{ txt: 'x' }] }]) },
          400,
        );
        assert.equal(e.code, 'schema_validation_failed');
        assert.equal(e.context_info.errors[0].name, 'metadata.cards[0].entries[0].text');
        e = await api(
          'PUT',
          spec,
          '/skill_invocations/1',
          { ...write, body: status('success', []) },
          404,
        );
        assert.equal(e.code, 'not_found');

        const cardsSpec = '/files/{file_id}/metadata/global/boxSkillsCards';
        const cardsPath = `/files/${fileId}/metadata/global/boxSkillsCards`;
        const got = await api('GET', cardsSpec, cardsPath, auth, 200);
        assert.deepEqual(got.cards, [card]);
        e = await api('POST', cardsSpec, cardsPath, { ...auth, body: { cards: [card] } }, 409);
        assert.equal(e.code, 'tuple_already_exists');
        const patched = await http(`${base}/2.0${cardsPath}`, {
          method: 'PUT',
          headers: {
            authorization: `Bearer ${tokens.jwt}`,
            'content-type': 'application/json-patch+json',
          },
          body: JSON.stringify([
            { op: 'replace', path: '/cards/0', value: { ...card, entries: [{ text: 'new' }] } },
          ]),
        });
        const after = checkResponse('PUT', cardsSpec, patched, 200);
        assert.equal(after.cards[0].entries[0].text, 'new');
        await api('DELETE', cardsSpec, cardsPath, auth, 204);
        e = await api('DELETE', cardsSpec, cardsPath, auth, 404);
        assert.equal(e.code, 'instance_not_found');
        const invalid = { ...auth, body: { cards: [{ type: 'x' }] } };
        e = await api('POST', cardsSpec, cardsPath, invalid, 400);
        assert.equal(e.code, 'schema_validation_failed');
        await api('POST', cardsSpec, cardsPath, { ...auth, body: { cards: [card] } }, 201);
      } finally {
        receiver.close();
      }
    });
  });

  test('every covered operation was validated', () => {
    const seen = new Set(
      results.filter((r) => r.outcome === 'ok').map((r) => `${r.op} ${r.status}`),
    );
    const missing = REQUIRED.filter((k) => !seen.has(k));
    assert.deepEqual(missing, [], 'operations not validated');
    assert.ok(
      results.every((r) => r.outcome === 'ok'),
      'every response matched its schema',
    );
  });
});
