'use strict';
// Webhooks v2 through the official Box Node SDK (create, list, get, update, delete) and the
// SDK's own signature check, WebhooksManager.validateMessage, on the sandbox's real deliveries
// received by a local HTTP server: valid ones pass, tampered, wrongly keyed and expired ones
// fail (issue 17).
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { WebhooksManager } = require('box-node-sdk/lib/managers/webhooks');
const { startSandbox } = require('./lib/sandbox.js');
const { clientFor, jwtAuth } = require('./lib/box.js');

const JWT_APP = 'Sandbox JWT App';

// A receiver on 127.0.0.1 that keeps each delivery's raw body and (lower-cased) headers.
function startReceiver() {
  const deliveries = [];
  const waiters = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      deliveries.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end();
      while (waiters.length && waiters[0].count <= deliveries.length) waiters.shift().resolve();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        address: `http://127.0.0.1:${server.address().port}/hook`,
        deliveries,
        waitFor(count) {
          if (deliveries.length >= count) return Promise.resolve();
          return new Promise((res, rej) => {
            const t = setTimeout(() => rej(new Error(`no delivery ${count}`)), 10000);
            waiters.push({ count, resolve: () => (clearTimeout(t), res()) });
          });
        },
        close: () => new Promise((r) => server.close(r)),
      });
    });
  });
}

describe('Box Node SDK webhooks', () => {
  let sb;
  let client;
  let keys;
  let receiver;
  let folder;
  let webhook;

  const control = async (method, path, body) => {
    const res = await fetch(`${sb.baseUrl}/_sandbox${path}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    assert.equal(res.status, 200, `${method} ${path}`);
    return res.json();
  };

  before(async () => {
    sb = await startSandbox({ apps: [JWT_APP] });
    client = clientFor(sb.baseUrl, jwtAuth(sb.configs[JWT_APP]));
    const clientId = JSON.parse(sb.configs[JWT_APP]).boxAppSettings.clientID;
    keys = await control('GET', `/apps/${clientId}/webhook-keys`);
    receiver = await startReceiver();
    folder = await client.folders.createFolder({ name: 'Watched', parent: { id: '0' } });
  });
  after(async () => {
    if (receiver) await receiver.close();
    if (sb) await sb.stop();
  });

  test('create, list, get and update a webhook', async () => {
    webhook = await client.webhooks.createWebhook({
      target: { id: folder.id, type: 'folder' },
      address: receiver.address,
      triggers: ['FOLDER.CREATED'],
    });
    assert.equal(webhook.type, 'webhook');
    assert.equal(webhook.target.id, folder.id);
    assert.equal(webhook.address, receiver.address);
    assert.deepEqual(webhook.triggers, ['FOLDER.CREATED']);
    const list = await client.webhooks.getWebhooks();
    assert.deepEqual(
      list.entries.map((w) => w.id),
      [webhook.id],
    );
    const got = await client.webhooks.getWebhookById(webhook.id);
    assert.equal(got.address, receiver.address);
    const updated = await client.webhooks.updateWebhookById(webhook.id, {
      requestBody: { triggers: ['FOLDER.CREATED', 'FOLDER.RENAMED'] },
    });
    assert.deepEqual(updated.triggers, ['FOLDER.CREATED', 'FOLDER.RENAMED']);
  });

  test("the SDK's validateMessage accepts real deliveries and rejects tampered ones", async () => {
    await client.folders.createFolder({ name: 'Inside', parent: { id: folder.id } });
    await receiver.waitFor(1);
    const { headers, body } = receiver.deliveries[0];
    const payload = JSON.parse(body);
    assert.equal(payload.type, 'webhook_event');
    assert.equal(payload.trigger, 'FOLDER.CREATED');
    assert.equal(payload.webhook.id, webhook.id);
    assert.equal(payload.source.name, 'Inside');

    const primary = keys.primary_key;
    const secondary = keys.secondary_key;
    assert.equal(await WebhooksManager.validateMessage(body, headers, primary), true);
    assert.equal(
      await WebhooksManager.validateMessage(body, headers, 'wrong-primary-key', {
        secondaryKey: secondary,
      }),
      true,
      'the secondary signature alone is valid',
    );
    assert.equal(await WebhooksManager.validateMessage(body, headers, 'wrong-key'), false);
    const tampered = body.replace('"Inside"', '"Outside"');
    assert.notEqual(tampered, body);
    assert.equal(
      await WebhooksManager.validateMessage(tampered, headers, primary, { secondaryKey: secondary }),
      false,
    );
    const otherTime = { ...headers, 'box-delivery-timestamp': new Date().toISOString() };
    assert.equal(await WebhooksManager.validateMessage(body, otherTime, primary), false);
  });

  test('a delivery older than ten minutes is refused as expired', async () => {
    // The sandbox's clock 15 minutes behind: its delivery timestamps are that old.
    await control('PUT', '/clock', { skew_seconds: -900 });
    try {
      await client.folders.createFolder({ name: 'Late', parent: { id: folder.id } });
      await receiver.waitFor(2);
    } finally {
      await control('PUT', '/clock', { skew_seconds: 0 });
    }
    const { headers, body } = receiver.deliveries[1];
    assert.equal(JSON.parse(body).source.name, 'Late');
    assert.equal(await WebhooksManager.validateMessage(body, headers, keys.primary_key), false);
    // The same delivery judged with a longer maximum age is correctly signed.
    assert.equal(
      await WebhooksManager.validateMessage(body, headers, keys.primary_key, { maxAge: 3600 }),
      true,
    );
  });

  test('validateMessage checks a delivery whose item name is non-ASCII and has a slash', async () => {
    // Box escapes neither in its bodies; the SDK also tries an escaped form of the body, so the
    // raw bytes must be what the signature covers.
    const me = await client.users.getUserMe();
    const name = 'Übersicht/2026 — café ✓ 見積';
    await control('POST', '/events/trigger', {
      trigger: 'FOLDER.CREATED',
      user_id: me.id,
      source: { type: 'folder', id: '987654321', name, parent: { type: 'folder', id: folder.id } },
    });
    await receiver.waitFor(3);
    const { headers, body } = receiver.deliveries[2];
    assert.equal(JSON.parse(body).source.name, name);
    assert.ok(body.includes(name), 'the name is in the body unescaped');
    assert.equal(
      await WebhooksManager.validateMessage(body, headers, keys.primary_key, {
        secondaryKey: keys.secondary_key,
      }),
      true,
    );
    const tampered = body.replace('café', 'cafe');
    assert.notEqual(tampered, body);
    assert.equal(await WebhooksManager.validateMessage(tampered, headers, keys.primary_key), false);
  });

  test('delete the webhook', async () => {
    await client.webhooks.deleteWebhookById(webhook.id);
    const list = await client.webhooks.getWebhooks();
    assert.deepEqual(list.entries, []);
  });
});
