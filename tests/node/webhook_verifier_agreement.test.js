'use strict';
// Proof across implementations (issue 17): the official Box Node SDK's webhook signature
// validation (WebhooksManager.validateMessage) accepts the sandbox's real signed deliveries,
// and Box Companion's verifier (boxcore, through the test-only webhook_verify tool) gives the
// same verdict on valid, tampered, wrong-key, secondary-key-only, expired and future
// deliveries.
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const crypto = require('node:crypto');
const fs = require('node:fs');
const { spawnSync } = require('node:child_process');
const path = require('node:path');
// WebhooksManager is not exported by the package root; its module sits next to it (lib/).
const { WebhooksManager } = require(
  path.join(path.dirname(require.resolve('box-node-sdk')), 'managers', 'webhooks.js'),
);
const { startSandbox, http: plainHttp } = require('./lib/sandbox.js');
const { clientFor, jwtAuth } = require('./lib/box.js');

const JWT_APP = 'Sandbox JWT App';

function verifierExecutable() {
  const exe = process.env.BOX_WEBHOOK_VERIFY_EXE;
  if (!exe || !fs.existsSync(exe)) {
    throw new Error('BOX_WEBHOOK_VERIFY_EXE must name the webhook_verify tool (set by CMake)');
  }
  return exe;
}

// Box Companion's verdict: { valid, reason, text }.
function ours(headers, body, keys) {
  const r = spawnSync(verifierExecutable(), [], {
    input: JSON.stringify({ headers, body, primaryKey: keys.primary, secondaryKey: keys.secondary }),
    encoding: 'utf8',
  });
  assert.notEqual(r.status, 2, `webhook_verify refused its input: ${r.stderr}`);
  const verdict = JSON.parse(r.stdout);
  assert.equal(r.status, verdict.valid ? 0 : 1);
  return verdict;
}

// The SDK's verdict on the headers exactly as given (it reads lower-case names only, which is
// what Node's http server hands a receiver).
async function sdk(headers, body, keys) {
  return WebhooksManager.validateMessage(body, headers, keys.primary, {
    secondaryKey: keys.secondary,
  });
}

function sign(key, body, timestamp) {
  return crypto.createHmac('sha256', key).update(body).update(timestamp).digest('base64');
}

// RFC 3339 with a -08:00 offset, like the sandbox's dates, `offsetSeconds` from now.
function timestamp(offsetSeconds) {
  const t = new Date(Date.now() + offsetSeconds * 1000 - 8 * 3600 * 1000);
  return t.toISOString().replace(/\.\d{3}Z$/, '-08:00');
}

describe('webhook signatures: Box Node SDK and Box Companion agree', () => {
  let sb;
  let receiver;
  let keys;
  const deliveries = [];
  let delivery; // { headers, body } as the sandbox sent it

  before(async () => {
    sb = await startSandbox({ apps: [JWT_APP] });
    // A receiver that keeps the raw body and headers of each delivery.
    receiver = http.createServer((req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        deliveries.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('ok');
      });
    });
    await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const address = `http://127.0.0.1:${receiver.address().port}/box`;

    const clientId = JSON.parse(sb.configs[JWT_APP]).boxAppSettings.clientID;
    const k = await plainHttp(`${sb.baseUrl}/_sandbox/apps/${clientId}/webhook-keys`);
    assert.equal(k.status, 200);
    keys = { primary: k.json.primary_key, secondary: k.json.secondary_key };
    assert.ok(keys.primary && keys.secondary);

    const sa = clientFor(sb.baseUrl, jwtAuth(sb.configs[JWT_APP]));
    const folder = await sa.folders.createFolder({ name: 'Hooked', parent: { id: '0' } });
    await sa.webhooks.createWebhook({
      target: { id: folder.id, type: 'folder' },
      address,
      triggers: ['FILE.UPLOADED'],
    });
    const { Readable } = require('node:stream');
    await sa.uploads.uploadFile({
      attributes: { name: 'agreement.txt', parent: { id: folder.id } },
      file: Readable.from([Buffer.from('signed and delivered\n')]),
    });
    const deadline = Date.now() + 30000;
    while (deliveries.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(deliveries.length, 1, 'the sandbox delivered the FILE.UPLOADED event');
    delivery = deliveries[0];
  });

  after(async () => {
    if (receiver) await new Promise((r) => receiver.close(r));
    if (sb) await sb.stop();
  });

  test("the sandbox's delivery has Box's headers and payload", () => {
    const h = delivery.headers;
    for (const name of [
      'box-delivery-id',
      'box-delivery-timestamp',
      'box-signature-primary',
      'box-signature-secondary',
    ]) {
      assert.ok(h[name], `${name} present`);
    }
    assert.equal(h['box-signature-version'], '1');
    assert.equal(h['box-signature-algorithm'], 'HmacSHA256');
    const event = JSON.parse(delivery.body);
    assert.equal(event.type, 'webhook_event');
    assert.equal(event.trigger, 'FILE.UPLOADED');
    assert.equal(event.source.name, 'agreement.txt');
  });

  test('valid as delivered: both accept', async () => {
    assert.equal(await sdk(delivery.headers, delivery.body, keys), true);
    const v = ours(delivery.headers, delivery.body, keys);
    assert.equal(v.valid, true, v.text);
    assert.equal(v.reason, 'valid');
  });

  test('header names as a receiver gets them: Node lower-cases them, the SDK relies on it', async () => {
    // As received through Node's http server (what a receiver hands the SDK): all lower case.
    for (const name of Object.keys(delivery.headers)) assert.equal(name, name.toLowerCase());
    assert.equal(await sdk(delivery.headers, delivery.body, keys), true);
    // Upper-case names, as Box sends them on the wire (pasted from a log, say): the SDK, given
    // them as they are, finds no header (it reads lower-case keys only) and refuses; HTTP
    // header names are case-insensitive (RFC 9110 §5.1), so ours accepts. A documented
    // difference, not an agreement.
    const upper = {};
    for (const [k, v] of Object.entries(delivery.headers)) upper[k.toUpperCase()] = v;
    assert.equal(await sdk(upper, delivery.body, keys), false);
    assert.equal(ours(upper, delivery.body, keys).valid, true);
  });

  test('no BOX-SIGNATURE-VERSION or BOX-SIGNATURE-ALGORITHM: both refuse', async () => {
    for (const dropped of [
      ['box-signature-version'],
      ['box-signature-algorithm'],
      ['box-signature-version', 'box-signature-algorithm'],
    ]) {
      const headers = { ...delivery.headers };
      for (const name of dropped) delete headers[name];
      const theirs = await sdk(headers, delivery.body, keys);
      const v = ours(headers, delivery.body, keys);
      assert.equal(v.valid, theirs, `without ${dropped}: ours ${v.text}`);
      assert.equal(theirs, false);
      assert.equal(v.reason, 'missing-header');
      for (const name of dropped) assert.ok(v.text.includes(name.toUpperCase()), v.text);
    }
  });

  test('tampered body: both refuse', async () => {
    const tampered = delivery.body.replace('agreement.txt', 'agreement.exe');
    assert.notEqual(tampered, delivery.body);
    assert.equal(await sdk(delivery.headers, tampered, keys), false);
    const v = ours(delivery.headers, tampered, keys);
    assert.equal(v.valid, false);
    assert.equal(v.reason, 'mismatch'); // without the original, body or key may be at fault
  });

  test('wrong keys: both refuse; the secondary key alone still validates', async () => {
    const wrong = { primary: 'not-the-primary-key', secondary: 'not-the-secondary-key' };
    assert.equal(await sdk(delivery.headers, delivery.body, wrong), false);
    assert.equal(ours(delivery.headers, delivery.body, wrong).valid, false);
    const rotated = { primary: 'a-newly-rotated-primary', secondary: keys.secondary };
    assert.equal(await sdk(delivery.headers, delivery.body, rotated), true);
    const v = ours(delivery.headers, delivery.body, rotated);
    assert.equal(v.valid, true, v.text);
  });

  test('expired (older than 10 minutes) and future timestamps: both refuse', async () => {
    for (const [offset, reason] of [
      [-11 * 60, 'expired'],
      [-9 * 60, 'valid'],
      [120, 'future'],
    ]) {
      const ts = timestamp(offset);
      const headers = {
        ...delivery.headers,
        'box-delivery-timestamp': ts,
        'box-signature-primary': sign(keys.primary, delivery.body, ts),
        'box-signature-secondary': sign(keys.secondary, delivery.body, ts),
      };
      const expected = reason === 'valid';
      assert.equal(await sdk(headers, delivery.body, keys), expected, `SDK at ${offset} s`);
      const v = ours(headers, delivery.body, keys);
      assert.equal(v.valid, expected, `ours at ${offset} s: ${v.text}`);
      assert.equal(v.reason, reason);
    }
  });

  test('the delivered timestamp changed after signing: both refuse', async () => {
    // One second earlier than Box's timestamp, same offset: still fresh, but not what was signed.
    const sent = new Date(delivery.headers['box-delivery-timestamp']);
    const earlier = new Date(sent.getTime() - 1000 - 8 * 3600 * 1000)
      .toISOString()
      .replace(/\.\d{3}Z$/, '-08:00');
    const headers = { ...delivery.headers, 'box-delivery-timestamp': earlier };
    assert.equal(await sdk(headers, delivery.body, keys), false);
    assert.equal(ours(headers, delivery.body, keys).valid, false);
  });
});
