'use strict';
// Files through the official Box Node SDK, unchanged, as an app user (JWT user subject): the
// SDK's single upload (multipart to the upload base), download (it follows the sandbox's 302
// itself), the item_name_in_use conflict and a new version, rename, folder items with files,
// a shared link and delete. A 3 MB file shows uploads are no longer cut at ~1 MB.
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { Readable } = require('node:stream');
const { startSandbox } = require('./lib/sandbox.js');
const { clientFor, jwtAuth } = require('./lib/box.js');
const { apiError } = require('./lib/expect.js');

const JWT_APP = 'Sandbox JWT App';

function sha1(buffer) {
  return crypto.createHash('sha1').update(buffer).digest('hex');
}

async function bytesOf(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

describe('Box Node SDK files', () => {
  let sb;
  let client;
  let file;
  const first = Buffer.from('Hello from the Box Node SDK\n');
  const second = Buffer.from('Second version, a little longer than the first\n');

  before(async () => {
    sb = await startSandbox({ apps: [JWT_APP], args: ['--users', '1'] });
    const auth = jwtAuth(sb.configs[JWT_APP]);
    const sa = clientFor(sb.baseUrl, auth);
    const users = await sa.users.getUsers({ filterTerm: 'App User' });
    client = clientFor(sb.baseUrl, auth.withUserSubject(users.entries[0].id));
  });
  after(async () => {
    if (sb) await sb.stop();
  });

  test('upload a file and download identical bytes', async () => {
    const files = await client.uploads.uploadFile({
      attributes: { name: 'hello.txt', parent: { id: '0' } },
      file: Readable.from(first),
    });
    assert.equal(files.totalCount, 1);
    file = files.entries[0];
    assert.equal(file.type, 'file');
    assert.equal(file.name, 'hello.txt');
    assert.equal(file.size, first.length);
    assert.equal(file.sha1, sha1(first));
    assert.equal(file.fileVersion.sha1, sha1(first));
    assert.equal(file.parent.id, '0');

    const downloaded = await bytesOf(await client.downloads.downloadFile(file.id));
    assert.deepEqual(downloaded, first);
    const url = await client.downloads.getDownloadFileUrl(file.id);
    assert.ok(url.startsWith(`${sb.baseUrl}/d/1/`), 'a download URL on the sandbox');
  });

  test('a name in use is a 409 naming the file; a new version replaces its bytes', async () => {
    const e = await apiError(
      client.uploads.uploadFile({
        attributes: { name: 'HELLO.txt', parent: { id: '0' } },
        file: Readable.from(second),
      }),
    );
    assert.equal(e.status, 409);
    assert.equal(e.body.code, 'item_name_in_use');
    const conflict = e.body.context_info.conflicts[0];
    assert.equal(conflict.id, file.id);
    assert.equal(conflict.sha1, sha1(first));

    const stale = await apiError(
      client.uploads.uploadFileVersion(
        file.id,
        { attributes: { name: 'hello.txt' }, file: Readable.from(second) },
        { headers: { ifMatch: '999' } },
      ),
    );
    assert.equal(stale.status, 412);
    assert.equal(stale.body.code, 'precondition_failed');

    const versions = await client.uploads.uploadFileVersion(
      file.id,
      { attributes: { name: 'hello.txt' }, file: Readable.from(second) },
      { headers: { ifMatch: file.etag } },
    );
    const updated = versions.entries[0];
    assert.equal(updated.id, file.id);
    assert.equal(updated.sha1, sha1(second));
    assert.notEqual(updated.fileVersion.id, file.fileVersion.id);
    assert.deepEqual(await bytesOf(await client.downloads.downloadFile(file.id)), second);
    file = updated;
  });

  test("the SDK's upload with a preflight check", async () => {
    const checked = Buffer.from('checked first');
    const files = await client.uploads.uploadWithPreflightCheck({
      attributes: { name: 'preflight.txt', size: checked.length, parent: { id: '0' } },
      file: Readable.from(checked),
    });
    assert.equal(files.entries[0].sha1, sha1(checked));
    const e = await apiError(
      client.uploads.preflightFileUploadCheck({
        name: 'preflight.txt',
        size: 1,
        parent: { id: '0' },
      }),
    );
    assert.equal(e.status, 409);
    assert.equal(e.body.code, 'item_name_in_use');
    await client.files.deleteFileById(files.entries[0].id);
  });

  test('a 3 MB file goes up and comes back whole', async () => {
    const big = crypto.randomBytes(3 * 1024 * 1024);
    const files = await client.uploads.uploadFile({
      attributes: { name: 'big.bin', parent: { id: '0' } },
      file: Readable.from(big),
    });
    const entry = files.entries[0];
    assert.equal(entry.size, big.length);
    assert.equal(entry.sha1, sha1(big));
    const back = await bytesOf(await client.downloads.downloadFile(entry.id));
    assert.equal(sha1(back), sha1(big));
  });

  test('rename, list with the folders first, share and delete', async () => {
    const renamed = await client.files.updateFileById(file.id, {
      requestBody: { name: 'renamed.txt', description: 'From the SDK' },
    });
    assert.equal(renamed.name, 'renamed.txt');
    assert.equal(renamed.description, 'From the SDK');

    const items = await client.folders.getFolderItems('0', {
      queryParams: { fields: ['name', 'size', 'sha1', 'modified_at'] },
    });
    // Documents, then big.bin and renamed.txt: folders first, then files.
    assert.deepEqual(
      items.entries.map((e) => e.type),
      ['folder', 'file', 'file'],
    );
    assert.equal(items.entries[0].name, 'Documents');
    const listed = items.entries.find((e) => e.id === file.id);
    assert.equal(listed.name, 'renamed.txt');
    assert.equal(listed.size, second.length);
    assert.equal(listed.sha1, sha1(second));
    assert.ok(listed.modifiedAt);

    const shared = await client.sharedLinksFiles.addShareLinkToFile(
      file.id,
      { sharedLink: { access: 'open' } },
      { fields: 'shared_link' },
    );
    assert.equal(shared.sharedLink.access, 'open');
    assert.equal(shared.sharedLink.effectiveAccess, 'open');
    assert.ok(shared.sharedLink.url.startsWith(sb.baseUrl));
    const removed = await client.sharedLinksFiles.removeSharedLinkFromFile(
      file.id,
      { sharedLink: null },
      { fields: 'shared_link' },
    );
    assert.ok(!removed.sharedLink, 'the shared link is gone');

    await client.files.deleteFileById(file.id);
    const gone = await apiError(client.files.getFileById(file.id));
    assert.equal(gone.status, 404);
    assert.equal(gone.body.code, 'not_found');
  });
});
