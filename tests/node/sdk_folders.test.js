'use strict';
// Folders through the official Box Node SDK, as an app user (JWT user subject): the seeded
// tree, creating folders, listing folder items with offset and marker paging, sharing a
// folder with another user; updating (rename, description, move), copying and deleting
// folders, and getting, changing (including the transfer of ownership) and removing
// collaborations, as Box's own SDK integration tests do (issue 17).
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startSandbox } = require('./lib/sandbox.js');
const { clientFor, jwtAuth } = require('./lib/box.js');
const { apiError } = require('./lib/expect.js');

const JWT_APP = 'Sandbox JWT App';
const CHILDREN = 12;
const PAGE = 5;

describe('Box Node SDK folders', () => {
  let sb;
  let sa;
  let owner;
  let other;
  let client;
  let parent;

  before(async () => {
    sb = await startSandbox({ apps: [JWT_APP], args: ['--users', '2'] });
    const auth = jwtAuth(sb.configs[JWT_APP]);
    sa = clientFor(sb.baseUrl, auth);
    const users = await sa.users.getUsers({ filterTerm: 'App User' });
    [owner, other] = users.entries;
    client = clientFor(sb.baseUrl, auth.withUserSubject(owner.id));
  });
  after(async () => {
    if (sb) await sb.stop();
  });

  test("an app user's root holds the seeded Documents folder", async () => {
    const root = await client.folders.getFolderById('0');
    assert.equal(root.id, '0');
    assert.equal(root.type, 'folder');
    assert.equal(root.name, 'All Files');
    const items = await client.folders.getFolderItems('0');
    assert.equal(items.totalCount, 1);
    assert.equal(items.entries[0].type, 'folder');
    assert.equal(items.entries[0].name, 'Documents');
  });

  test('create folders and page through their items with offset and marker', async () => {
    parent = await client.folders.createFolder({ name: 'Node SDK', parent: { id: '0' } });
    assert.equal(parent.type, 'folder');
    assert.equal(parent.name, 'Node SDK');
    assert.equal(parent.parent.id, '0');
    assert.equal(parent.ownedBy.id, owner.id);
    const names = [];
    for (let i = 1; i <= CHILDREN; ++i) {
      const name = `Child ${String(i).padStart(2, '0')}`;
      const child = await client.folders.createFolder({ name, parent: { id: parent.id } });
      assert.equal(child.parent.id, parent.id);
      names.push(name);
    }

    const byOffset = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await client.folders.getFolderItems(parent.id, {
        queryParams: { limit: PAGE, offset },
      });
      assert.equal(page.totalCount, CHILDREN);
      assert.equal(page.offset, offset);
      byOffset.push(...page.entries.map((e) => e.name));
      if (offset + PAGE >= page.totalCount) break;
    }
    assert.deepEqual([...byOffset].sort(), names);

    const byMarker = [];
    let marker;
    let pages = 0;
    do {
      const page = await client.folders.getFolderItems(parent.id, {
        queryParams: { usemarker: true, limit: PAGE, marker },
      });
      byMarker.push(...page.entries.map((e) => e.name));
      marker = page.nextMarker || undefined;
      assert.ok(++pages <= Math.ceil(CHILDREN / PAGE), 'marker paging ends after the last page');
    } while (marker);
    assert.equal(pages, Math.ceil(CHILDREN / PAGE));
    assert.deepEqual([...byMarker].sort(), names);

    const fetched = await client.folders.getFolderById(parent.id);
    assert.equal(fetched.itemCollection.totalCount, CHILDREN);
  });

  test('a duplicate folder name is a 409 conflict', async () => {
    const e = await apiError(
      client.folders.createFolder({ name: 'Child 01', parent: { id: parent.id } }),
    );
    assert.equal(e.status, 409);
    assert.equal(e.body.code, 'item_name_in_use');
  });

  test('share a folder with another app user, who then sees it', async () => {
    const collab = await client.userCollaborations.createCollaboration({
      item: { type: 'folder', id: parent.id },
      accessibleBy: { type: 'user', id: other.id },
      role: 'editor',
    });
    assert.equal(collab.type, 'collaboration');
    assert.equal(collab.item.id, parent.id);
    assert.equal(collab.accessibleBy.id, other.id);
    assert.equal(collab.role, 'editor');

    const asOther = sa.withAsUserHeader(other.id);
    const shared = await asOther.folders.getFolderById(parent.id);
    assert.equal(shared.name, 'Node SDK');
    const items = await asOther.folders.getFolderItems(parent.id);
    assert.equal(items.totalCount, CHILDREN);
  });

  test('rename, describe, copy, move and delete folders', async () => {
    const origin = await client.folders.createFolder({ name: 'SDK Origin', parent: { id: '0' } });
    const updated = await client.folders.updateFolderById(origin.id, {
      requestBody: { name: 'SDK Origin Renamed', description: 'Updated description' },
    });
    assert.equal(updated.name, 'SDK Origin Renamed');
    assert.equal(updated.description, 'Updated description');

    const copied = await client.folders.copyFolder(origin.id, {
      parent: { id: '0' },
      name: 'SDK Copy',
    });
    assert.equal(copied.name, 'SDK Copy');
    assert.notEqual(copied.id, origin.id);
    assert.equal(copied.parent.id, '0');

    const moved = await client.folders.updateFolderById(copied.id, {
      requestBody: { parent: { id: origin.id } },
    });
    assert.equal(moved.parent.id, origin.id);
    const items = await client.folders.getFolderItems(origin.id);
    assert.deepEqual(
      items.entries.map((e) => e.name),
      ['SDK Copy'],
    );

    const cyclic = await apiError(
      client.folders.updateFolderById(origin.id, { requestBody: { parent: { id: moved.id } } }),
    );
    assert.equal(cyclic.status, 400);
    assert.equal(cyclic.body.code, 'cyclical_folder_structure');
    // DELETE answers no content on success, so the SDK does not read an error's body: only
    // the status reaches it (tst_sandbox_folderedits checks Box's folder_not_empty body).
    const notEmpty = await client.folders.deleteFolderById(origin.id).then(
      () => assert.fail('a folder with content was deleted without recursive'),
      (e) => e.responseInfo,
    );
    assert.equal(notEmpty.statusCode, 400);

    await client.folders.deleteFolderById(origin.id, { queryParams: { recursive: true } });
    for (const id of [origin.id, moved.id]) {
      const gone = await apiError(client.folders.getFolderById(id));
      assert.equal(gone.status, 404);
    }
  });

  test('get, change and remove a collaboration', async () => {
    const folder = await client.folders.createFolder({ name: 'SDK Team', parent: { id: '0' } });
    const created = await client.userCollaborations.createCollaboration({
      item: { type: 'folder', id: folder.id },
      accessibleBy: { type: 'user', id: other.id },
      role: 'editor',
    });
    const fromApi = await client.userCollaborations.getCollaborationById(created.id);
    assert.equal(fromApi.id, created.id);
    assert.equal(fromApi.status, 'accepted');
    assert.equal(fromApi.type, 'collaboration');
    assert.equal(fromApi.inviteEmail, undefined);
    const listed = await client.listCollaborations.getFolderCollaborations(folder.id);
    assert.deepEqual(
      listed.entries.map((c) => c.id),
      [created.id],
    );

    const updated = await client.userCollaborations.updateCollaborationById(created.id, {
      requestBody: { role: 'viewer' },
    });
    assert.equal(updated.role, 'viewer');
    await client.userCollaborations.deleteCollaborationById(created.id);
    const gone = await apiError(client.userCollaborations.getCollaborationById(created.id));
    assert.equal(gone.status, 404);
    await client.folders.deleteFolderById(folder.id);
  });

  test('role owner transfers the folder; the old owner becomes a co-owner', async () => {
    const folder = await client.folders.createFolder({ name: 'SDK Handover', parent: { id: '0' } });
    const collaboration = await client.userCollaborations.createCollaboration({
      item: { type: 'folder', id: folder.id },
      accessibleBy: { type: 'user', id: other.id },
      role: 'editor',
    });
    const ownerCollaboration = await client.userCollaborations.updateCollaborationById(
      collaboration.id,
      { requestBody: { role: 'owner' } },
    );
    assert.equal(ownerCollaboration, undefined);
    const collaborations = await client.listCollaborations.getFolderCollaborations(folder.id);
    assert.equal(collaborations.entries.length, 1);
    const coOwner = collaborations.entries[0];
    assert.equal(coOwner.role, 'co-owner');
    assert.equal(coOwner.accessibleBy.id, owner.id);
    // The old owner leaves; the new owner keeps the folder.
    await client.userCollaborations.deleteCollaborationById(coOwner.id);
    const asOther = sa.withAsUserHeader(other.id);
    const handed = await asOther.folders.getFolderById(folder.id);
    assert.equal(handed.ownedBy.id, other.id);
    const lost = await apiError(client.folders.getFolderById(folder.id));
    assert.equal(lost.status, 404);
    await asOther.folders.deleteFolderById(folder.id);
  });

  test('the root folder cannot be shared', async () => {
    const e = await apiError(
      client.userCollaborations.createCollaboration({
        item: { type: 'folder', id: '0' },
        accessibleBy: { type: 'user', id: other.id },
        role: 'editor',
      }),
    );
    assert.equal(e.status, 400);
  });
});
