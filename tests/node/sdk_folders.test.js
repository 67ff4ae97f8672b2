'use strict';
// Folders through the official Box Node SDK, as an app user (JWT user subject): the seeded
// tree, creating folders, listing folder items with offset and marker paging, and sharing a
// folder with another user.
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
