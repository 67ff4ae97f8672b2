'use strict';
// Response-schema lookup and validation against Box's official OpenAPI 3.0 document.
// For a response (spec path, method, status) the schema is the one documented for that exact
// status, else the operation's `default` response, as OpenAPI defines. $refs resolve into
// components; OpenAPI 3.0 specifics are translated to JSON Schema for Ajv: `nullable`,
// `example` and the `x-box-*` extensions.
const fs = require('node:fs');
const Ajv = require('ajv');
const addFormats = require('ajv-formats');

const SPEC_ID = 'box-openapi.json';

// Box's spec uses these as free-form string formats with no defined syntax.
const FREE_FORM_FORMATS = [
  'token',
  'urn',
  'digest',
  'jwt',
  'space_delimited_list',
  'timezone',
  '<width>x<height>',
];

// Schema keywords whose value is a map of name -> schema.
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions']);
// Keywords whose value is a schema or a list of schemas.
const SCHEMA_VALUES = new Set(['items', 'additionalProperties', 'not', 'allOf', 'anyOf', 'oneOf']);

function toJsonSchema(schema) {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'example' || key === 'nullable' || key.startsWith('x-')) continue;
    if (SCHEMA_MAPS.has(key)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSchema(v)]));
    } else if (SCHEMA_VALUES.has(key)) {
      out[key] = typeof value === 'boolean' ? value : toJsonSchema(value);
    } else if (key === '$ref') {
      out[key] = value.replace('#/components/schemas/', '#/definitions/');
    } else {
      out[key] = value;
    }
  }
  if (schema.nullable === true) {
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
      return out;
    }
    return { anyOf: [{ type: 'null' }, out] };
  }
  return out;
}

class OpenApiContract {
  // extraClientErrorCodes: codes added to ClientError's `code` enum (see lib/documented.js).
  constructor(specPath, { extraClientErrorCodes = [] } = {}) {
    this.spec = JSON.parse(fs.readFileSync(specPath, 'utf8'));
    const schemas = {};
    for (const [name, s] of Object.entries(this.spec.components.schemas)) {
      schemas[name] = toJsonSchema(s);
    }
    const codes = schemas.ClientError.properties.code;
    this.specClientErrorCodes = [...codes.enum];
    codes.enum = [...new Set([...codes.enum, ...extraClientErrorCodes])];
    this.ajv = new Ajv({
      allErrors: true,
      verbose: true,
      strict: true,
      strictTypes: false,
      strictRequired: false,
    });
    addFormats(this.ajv);
    for (const f of FREE_FORM_FORMATS) this.ajv.addFormat(f, true);
    this.ajv.addSchema({ $id: SPEC_ID, definitions: schemas });
    this.validators = new Map();
  }

  // { kind: 'json', ref, contentType } | { kind: 'empty' } | { kind: 'other', contentTypes }
  // | null when the spec documents nothing for this status (no exact entry and no default).
  responseSpec(path, method, status) {
    const op = this.spec.paths[path] && this.spec.paths[path][method.toLowerCase()];
    if (!op) throw new Error(`the spec has no operation ${method} ${path}`);
    const responses = op.responses || {};
    const key =
      String(status) in responses ? String(status) : 'default' in responses ? 'default' : null;
    if (!key) return null;
    let r = responses[key];
    if (r.$ref) r = this.resolve(r.$ref);
    if (!r.content) return { kind: 'empty', documentedAs: key };
    const json = r.content['application/json'];
    if (!json) return { kind: 'other', contentTypes: Object.keys(r.content), documentedAs: key };
    if (!json.schema || !json.schema.$ref) {
      throw new Error(`${method} ${path} ${key}: inline schemas are not supported`);
    }
    return { kind: 'json', ref: json.schema.$ref, documentedAs: key };
  }

  resolve(ref) {
    let node = this.spec;
    for (const part of ref.replace(/^#\//, '').split('/')) node = node[part];
    return node;
  }

  validate(ref, body) {
    let v = this.validators.get(ref);
    if (!v) {
      v = this.ajv.getSchema(`${SPEC_ID}${ref.replace('#/components/schemas/', '#/definitions/')}`);
      if (!v) throw new Error(`cannot compile ${ref}`);
      this.validators.set(ref, v);
    }
    const ok = v(body);
    return {
      ok,
      errors: ok
        ? []
        : v.errors.map((e) => ({ ...e, text: `${e.instancePath || '/'} ${e.message}` })),
    };
  }
}

module.exports = { OpenApiContract };
