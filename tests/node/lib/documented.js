'use strict';
// Where Box's OpenAPI document is narrower than what Box's servers actually send, and the
// sandbox follows the servers. Every entry cites /work/shared/reference/box-api.md (the
// project's sourced facts). The contract test applies nothing else.

// ClientError.code's enum in the spec is "non-exhaustive in practice" (box-api.md §4.4).
// Codes the sandbox sends that Box documents in its common-errors guide (box-api.md §4.4
// "Common codes by status"), added to the enum for validation:
const EXTRA_CLIENT_ERROR_CODES = [
  'access_denied_insufficient_permissions', // 403
  'user_login_already_used', // 409
  'item_name_in_use', // 409
  'rate_limit_exceeded', // 429
  'collaborations_not_available_on_root_folder', // 400
  'invalid_parameter', // 400 (PUT /users in the spec's own text)
  'invalid_request_parameters', // 400
  'request_entity_too_large', // 413
  'bad_gateway', // 502
  'user_already_collaborator', // 400
  'invalid_collaboration_item', // 400
  // Issue 17 (box-api.md §4.4 "Common codes by status": 400 and 412).
  'folder_not_empty', // 400
  'cyclical_folder_structure', // 400
  'precondition_failed', // 412
  // Issue 18: the Skills endpoints' documented codes (box-api-content.md §4.4 "400
  // schema_validation_failed", §4.5 "409 tuple_already_exists", "404 instance_not_found").
  'schema_validation_failed', // 400
  'tuple_already_exists', // 409
  'instance_not_found', // 404
];

// 401 from the REST API: the spec only has `default` -> ClientError, but Box answers with an
// empty body and a WWW-Authenticate header (box-api.md §1.8 "Observed 401 response: empty body
// (Content-Length: 0) with header WWW-Authenticate: Bearer realm="Service",
// error="invalid_token" ..."). The contract test asserts exactly that instead.
const EMPTY_401 = {
  status: 401,
  wwwAuthenticate:
    'Bearer realm="Service", error="invalid_token", error_description="The access token provided is invalid."',
};

// 403 for a missing scope: the spec only has `default` -> ClientError, but Box answers with an
// empty body and the reason in WWW-Authenticate (box-api-content.md §0.2 and §7 "form A":
// "403, empty body, WWW-Authenticate: Bearer realm="Service", error="insufficient_scope",
// error_description="The request requires higher privileges than provided by the access
// token.""). The contract test asserts exactly that instead.
const EMPTY_403_SCOPE = {
  status: 403,
  wwwAuthenticate:
    'Bearer realm="Service", error="insufficient_scope", error_description="The request requires higher privileges than provided by the access token."',
};

// Schema violations Box's own servers produce, allowed only exactly where listed:
// the root folder's `created_by` is an empty user ({"type":"user","id":"","name":"",
// "login":""}), so its `login` is not an email. Captured GET /2.0/folders/0 response in
// ServiceNow KB0718030 ("How to configure Outbound Rest Message with oAuth 2.0 JWT Bearer
// grant flow?", https://support.servicenow.com/kb?id=kb_article_view&sysparm_article=KB0718030).
const ALLOWED_VIOLATIONS = [
  {
    op: 'GET /folders/{folder_id}',
    when: (body) => body.id === '0',
    instancePath: '/created_by/login',
    keyword: 'format',
    value: '',
    why: 'root folder created_by is an empty user (real Box response, ServiceNow KB0718030)',
  },
  // Issue 17: File.shared_link is `null` when the file has no link (the spec's own description
  // says so), but the spec puts that `nullable` inside an allOf, which a JSON Schema validator
  // does not apply to the object branch; and the spec's SharedLink requires `accessed`, a
  // misspelling of `access` that neither Box's responses nor the spec's examples carry
  // (box-api-content.md §1.11).
  ...[
    ['POST /files/content', '/entries/0/shared_link'],
    ['POST /files/{file_id}/content', '/entries/0/shared_link'],
    ['GET /files/{file_id}', '/shared_link'],
    ['PUT /files/{file_id}', '/shared_link'],
  ].flatMap(([op, instancePath]) => [
    {
      op,
      when: () => true,
      instancePath,
      keyword: 'type',
      value: null,
      why: 'File.shared_link is null without a link (nullable inside allOf in the spec)',
    },
    {
      op,
      when: () => true,
      instancePath,
      keyword: 'required',
      value: (e) => e.params.missingProperty === 'accessed',
      why: "SharedLink's required `accessed` is a misspelling of `access` (box-api-content.md §1.11)",
    },
    ...['url', 'download_url'].map((name) => ({
      op,
      when: () => true,
      instancePath: `${instancePath}/${name}`,
      keyword: 'format',
      value: (e) => /^http:\/\/127\.0\.0\.1:\d+\//.test(e.data),
      why: "the sandbox's links are on its loopback origin, which ajv-formats' url format refuses",
    })),
  ]),
  // Issue 17: user events carry `"additional_details": null` as Box's own sample does
  // (box-api-content.md §3.2); the spec types the field as an object (details are for the
  // enterprise streams). One entry per possible index (limit ≤ 500).
  ...Array.from({ length: 500 }, (_, i) => ({
    op: 'GET /events',
    when: () => true,
    instancePath: `/entries/${i}/additional_details`,
    keyword: 'type',
    value: null,
    why: 'user events show additional_details null, as Box\'s sample (box-api-content.md §3.2)',
  })),
];

// Event.source is oneOf [User, EventSource, File, Folder, GenericSource, AppItemEventSource] in
// the spec, but GenericSource is a free-form object, so every object source matches it as well
// as its own schema and no event with a source can match "exactly one". Box documents the
// sources (box-api-content.md §3.2: a User for user-management events, an EventSource for item
// events on the enterprise streams). Allowed: a source that matched GenericSource and exactly
// one other schema (the errors of the branches it did not match go with it).
const EVENT_SOURCE_ONE_OF = {
  op: 'GET /events',
  at: /^\/entries\/\d+\/source$/,
  genericSourceIndex: 4,
  why: "Event.source also matches the spec's free-form GenericSource (box-api-content.md §3.2)",
};

module.exports = {
  EXTRA_CLIENT_ERROR_CODES,
  EMPTY_401,
  EMPTY_403_SCOPE,
  ALLOWED_VIOLATIONS,
  EVENT_SOURCE_ONE_OF,
};
