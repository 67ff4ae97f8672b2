// Folders and collaborations completed (issue 17), over real sockets: PUT /folders/{id}
// (rename, move, description), DELETE /folders/{id} (recursive), POST /folders/{id}/copy,
// GET /folders/{id}/collaborations and GET/PUT/DELETE /collaborations/{id} (role changes and
// the transfer of ownership), with Box's errors; and the changes survive a crash (journal).
#include "boxerrortexts.h"
#include "sandboxauth.h"
#include "sandboxhttp.h"
#include "uploadfile.h"

#include "sandbox/sandboxserver.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace {

QStringList names(const QJsonArray &entries)
{
    QStringList out;
    for (const QJsonValue &v : entries)
        out << v.toObject().value(u"name"_s).toString();
    return out;
}

QJsonObject parentBody(const QString &id)
{
    return QJsonObject{{u"parent"_s, QJsonObject{{u"id"_s, id}}}};
}

} // namespace

class TestSandboxFolderEdits : public QObject
{
    Q_OBJECT

private:
    BoxSandbox m_sandbox;
    SandboxHttp m_http;
    QString m_sa;
    QString m_saId;

    RawHeaders sa() const { return SandboxHttp::bearer(m_sa); }
    RawHeaders asUser(const QString &id) const
    {
        return SandboxHttp::bearer(m_sa, {{"As-User"_ba, id.toLatin1()}});
    }
    RawHeaders asDemo() const { return asUser(m_sandbox.demoUser().id); }

    QString create(const QString &name, const QString &parentId, const RawHeaders &auth)
    {
        QJsonObject body = parentBody(parentId);
        body.insert(u"name"_s, name);
        const HttpResult r = m_http.postJson(u"/2.0/folders"_s, body, auth);
        if (r.status != 201)
            qWarning() << "create" << name << r.status << r.body;
        return r.jsonString(u"id"_s);
    }
    QStringList itemNames(const QString &folderId, const RawHeaders &auth)
    {
        return names(m_http.get(u"/2.0/folders/"_s + folderId + u"/items"_s, auth)
                         .json()
                         .value(u"entries"_s)
                         .toArray());
    }
    QString appUserId(const QString &name)
    {
        const HttpResult r = m_http.get(u"/2.0/users?filter_term="_s +
                                            QString::fromLatin1(QUrl::toPercentEncoding(name)),
                                        sa());
        return r.json().value(u"entries"_s).toArray().at(0).toObject().value(u"id"_s).toString();
    }
    HttpResult collaborate(const RawHeaders &auth, const QString &folderId, const QString &userId,
                           const QString &role)
    {
        return m_http.postJson(
            u"/2.0/collaborations"_s,
            QJsonObject{
                {u"item"_s, QJsonObject{{u"type"_s, u"folder"_s}, {u"id"_s, folderId}}},
                {u"accessible_by"_s, QJsonObject{{u"type"_s, u"user"_s}, {u"id"_s, userId}}},
                {u"role"_s, role}},
            auth);
    }

private slots:
    void initTestCase()
    {
        QString error;
        m_sa = SandboxAuth::startAndSignIn(m_sandbox, m_http, &error);
        QVERIFY2(!m_sa.isEmpty(), qPrintable(error));
        m_saId = m_sandbox.app(u"Sandbox JWT App"_s).serviceAccountId;
    }

    // --- PUT /folders/{id} ---------------------------------------------------------------
    void renameAndDescribe()
    {
        const QString id = create(u"Rename Me"_s, u"0"_s, sa());
        QVERIFY(!id.isEmpty());
        create(u"Taken"_s, u"0"_s, sa());
        const HttpResult before = m_http.get(u"/2.0/folders/"_s + id, sa());
        const QString etag = before.jsonString(u"etag"_s);

        HttpResult r = m_http.putJson(
            u"/2.0/folders/"_s + id,
            QJsonObject{{u"name"_s, u"Renamed"_s}, {u"description"_s, u"What it holds"_s}}, sa());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.jsonString(u"name"_s), u"Renamed"_s);
        QCOMPARE(r.jsonString(u"description"_s), u"What it holds"_s);
        QVERIFY(r.jsonString(u"etag"_s) != etag);
        QCOMPARE(m_http.get(u"/2.0/folders/"_s + id, sa()).jsonString(u"name"_s), u"Renamed"_s);
        QVERIFY(itemNames(u"0"_s, sa()).contains(u"Renamed"_s));

        // A name in use (case-insensitive) is Box's 409 naming the conflicting folder.
        r = m_http.putJson(u"/2.0/folders/"_s + id, QJsonObject{{u"name"_s, u"TAKEN"_s}}, sa());
        BoxErrorTexts::verify(r, 409, u"item_name_in_use"_s);
        const QJsonArray conflicts =
            r.json().value(u"context_info"_s).toObject().value(u"conflicts"_s).toArray();
        QCOMPARE(conflicts.size(), 1);
        QCOMPARE(conflicts.at(0).toObject().value(u"name"_s).toString(), u"Taken"_s);
        BoxErrorTexts::verify(
            m_http.putJson(u"/2.0/folders/"_s + id, QJsonObject{{u"name"_s, u"a/b"_s}}, sa()), 400,
            u"item_name_invalid"_s);
        BoxErrorTexts::verify(m_http.putJson(u"/2.0/folders/"_s + id,
                                             QJsonObject{{u"name"_s, QString(256, u'x')}}, sa()),
                              400, u"item_name_too_long"_s);
        // Box's folder description holds up to 256 characters (the spec's maxLength for
        // folders; the 255-and-truncate rule in box-api-content.md is the file's).
        r = m_http.putJson(u"/2.0/folders/"_s + id,
                           QJsonObject{{u"description"_s, QString(256, u'd')}}, sa());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.jsonString(u"description"_s).size(), 256);
        r = m_http.putJson(u"/2.0/folders/"_s + id,
                           QJsonObject{{u"description"_s, QString(257, u'd')}}, sa());
        BoxErrorTexts::verify(r, 400, u"bad_request"_s);
        QCOMPARE(BoxErrorTexts::firstContextError(r).value(u"name"_s).toString(), u"description"_s);
        QCOMPARE(m_http.get(u"/2.0/folders/"_s + id, sa()).jsonString(u"description"_s).size(),
                 256);
        // A stale If-Match is 412; the current etag passes.
        BoxErrorTexts::verify(m_http.putJson(u"/2.0/folders/"_s + id,
                                             QJsonObject{{u"name"_s, u"Stale"_s}},
                                             SandboxHttp::bearer(m_sa, {{"If-Match"_ba, "0"_ba}})),
                              412, u"precondition_failed"_s);
        const QByteArray current =
            m_http.get(u"/2.0/folders/"_s + id, sa()).jsonString(u"etag"_s).toLatin1();
        QCOMPARE(m_http
                     .putJson(u"/2.0/folders/"_s + id, QJsonObject{{u"name"_s, u"Renamed Again"_s}},
                              SandboxHttp::bearer(m_sa, {{"If-Match"_ba, current}}))
                     .status,
                 200);
        // The root cannot be renamed; an unknown folder is 404.
        BoxErrorTexts::verify(
            m_http.putJson(u"/2.0/folders/0"_s, QJsonObject{{u"name"_s, u"Root"_s}}, sa()), 403,
            u"access_denied_insufficient_permissions"_s);
        BoxErrorTexts::verify(
            m_http.putJson(u"/2.0/folders/123"_s, QJsonObject{{u"name"_s, u"X"_s}}, sa()), 404,
            u"not_found"_s);
    }

    void move()
    {
        const QString a = create(u"Move A"_s, u"0"_s, sa());
        const QString b = create(u"Move B"_s, u"0"_s, sa());
        const QString child = create(u"Child"_s, a, sa());
        QVERIFY(!a.isEmpty() && !b.isEmpty() && !child.isEmpty());

        HttpResult r = m_http.putJson(u"/2.0/folders/"_s + a, parentBody(b), sa());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"parent"_s).toObject().value(u"id"_s).toString(), b);
        const QJsonArray path =
            r.json().value(u"path_collection"_s).toObject().value(u"entries"_s).toArray();
        QCOMPARE(names(path), (QStringList{u"All Files"_s, u"Move B"_s}));
        QVERIFY(!itemNames(u"0"_s, sa()).contains(u"Move A"_s));
        QCOMPARE(itemNames(b, sa()), QStringList{u"Move A"_s});
        // Its content moved with it.
        QCOMPARE(itemNames(a, sa()), QStringList{u"Child"_s});

        // Into itself or below: Box's cyclical_folder_structure.
        BoxErrorTexts::verify(m_http.putJson(u"/2.0/folders/"_s + a, parentBody(a), sa()), 400,
                              u"cyclical_folder_structure"_s);
        BoxErrorTexts::verify(m_http.putJson(u"/2.0/folders/"_s + b, parentBody(child), sa()), 400,
                              u"cyclical_folder_structure"_s);
        // A destination with an item of that name: 409.
        create(u"Child"_s, b, sa());
        BoxErrorTexts::verify(m_http.putJson(u"/2.0/folders/"_s + child, parentBody(b), sa()), 409,
                              u"item_name_in_use"_s);
        // An unknown destination is 404 naming the parent; the root cannot move.
        r = m_http.putJson(u"/2.0/folders/"_s + child, parentBody(u"999"_s), sa());
        BoxErrorTexts::verify(r, 404, u"not_found"_s);
        QCOMPARE(BoxErrorTexts::firstContextError(r).value(u"name"_s).toString(), u"parent"_s);
        BoxErrorTexts::verify(m_http.putJson(u"/2.0/folders/0"_s, parentBody(b), sa()), 403,
                              u"access_denied_insufficient_permissions"_s);
        // If-Match cannot block a move (box-api-content.md §0.3): a stale one is ignored.
        r = m_http.putJson(u"/2.0/folders/"_s + child, parentBody(u"0"_s),
                           SandboxHttp::bearer(m_sa, {{"If-Match"_ba, "999"_ba}}));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"parent"_s).toObject().value(u"id"_s).toString(), u"0"_s);
        // Back to All Files.
        r = m_http.putJson(u"/2.0/folders/"_s + a, parentBody(u"0"_s), sa());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"parent"_s).toObject().value(u"id"_s).toString(), u"0"_s);
    }

    // A viewer cannot rename; an editor can, and a downscoped token needs item_rename.
    void editRightsFollowTheRole()
    {
        const QString folder = create(u"Shared Edits"_s, u"0"_s, asDemo());
        const QString viewer = appUserId(u"App User 00001"_s);
        const QString editor = appUserId(u"App User 00002"_s);
        QCOMPARE(collaborate(asDemo(), folder, viewer, u"viewer"_s).status, 201);
        QCOMPARE(collaborate(asDemo(), folder, editor, u"editor"_s).status, 201);
        BoxErrorTexts::verify(m_http.putJson(u"/2.0/folders/"_s + folder,
                                             QJsonObject{{u"name"_s, u"No"_s}}, asUser(viewer)),
                              403, u"access_denied_insufficient_permissions"_s);
        BoxErrorTexts::verify(m_http.del(u"/2.0/folders/"_s + folder, asUser(viewer)), 403,
                              u"access_denied_insufficient_permissions"_s);
        QCOMPARE(m_http
                     .putJson(u"/2.0/folders/"_s + folder,
                              QJsonObject{{u"name"_s, u"Edited By Editor"_s}}, asUser(editor))
                     .status,
                 200);
        QCOMPARE(m_http.get(u"/2.0/folders/"_s + folder, asDemo()).jsonString(u"name"_s),
                 u"Edited By Editor"_s);
    }

    // A downscoped token does what its scopes say: item_rename renames, nothing else.
    void downscopedTokensFollowTheirScopes()
    {
        const QString folder = create(u"Downscoped Edits"_s, u"0"_s, sa());
        const QString other = create(u"Downscoped Other"_s, u"0"_s, sa());
        QUrlQuery form;
        form.addQueryItem(u"grant_type"_s, u"urn:ietf:params:oauth:grant-type:token-exchange"_s);
        form.addQueryItem(u"subject_token"_s, m_sa);
        form.addQueryItem(u"subject_token_type"_s,
                          u"urn:ietf:params:oauth:token-type:access_token"_s);
        form.addQueryItem(u"scope"_s, u"item_rename"_s);
        form.addQueryItem(u"resource"_s,
                          m_sandbox.baseUrl().toString() + u"/2.0/folders/"_s + folder);
        const HttpResult token = m_http.postForm(u"/oauth2/token"_s, form);
        QCOMPARE(token.status, 200);
        const RawHeaders down = SandboxHttp::bearer(token.jsonString(u"access_token"_s));
        QCOMPARE(m_http
                     .putJson(u"/2.0/folders/"_s + folder,
                              QJsonObject{{u"name"_s, u"Downscoped Renamed"_s}}, down)
                     .status,
                 200);
        const auto refused = [](const HttpResult &r) {
            QCOMPARE(r.status, 403);
            QVERIFY(r.header("www-authenticate").contains("insufficient_scope"));
        };
        refused(
            m_http.putJson(u"/2.0/folders/"_s + other, QJsonObject{{u"name"_s, u"No"_s}}, down));
        refused(m_http.putJson(u"/2.0/folders/"_s + folder, parentBody(other), down));
        refused(m_http.del(u"/2.0/folders/"_s + folder, down));
        refused(
            m_http.postJson(u"/2.0/folders/"_s + folder + u"/copy"_s, parentBody(folder), down));
    }

    // --- DELETE /folders/{id} ------------------------------------------------------------
    void deleteFolder()
    {
        const QString parent = create(u"Delete Me"_s, u"0"_s, sa());
        const QString inner = create(u"Inner"_s, parent, sa());
        const QString deeper = create(u"Deeper"_s, inner, sa());
        QVERIFY(!deeper.isEmpty());
        BoxErrorTexts::verify(m_http.del(u"/2.0/folders/"_s + parent, sa()), 400,
                              u"folder_not_empty"_s);
        QCOMPARE(m_http.get(u"/2.0/folders/"_s + parent, sa()).status, 200);
        BoxErrorTexts::verify(m_http.del(u"/2.0/folders/"_s + parent + u"?recursive=true"_s,
                                         SandboxHttp::bearer(m_sa, {{"If-Match"_ba, "42"_ba}})),
                              412, u"precondition_failed"_s);
        const HttpResult r = m_http.del(u"/2.0/folders/"_s + parent + u"?recursive=true"_s, sa());
        QCOMPARE(r.status, 204);
        QVERIFY(r.body.isEmpty());
        for (const QString &id : {parent, inner, deeper})
            BoxErrorTexts::verify(m_http.get(u"/2.0/folders/"_s + id, sa()), 404, u"not_found"_s);
        QVERIFY(!itemNames(u"0"_s, sa()).contains(u"Delete Me"_s));
        // An empty folder goes without recursive; the root never.
        const QString empty = create(u"Empty"_s, u"0"_s, sa());
        QCOMPARE(m_http.del(u"/2.0/folders/"_s + empty, sa()).status, 204);
        BoxErrorTexts::verify(m_http.del(u"/2.0/folders/0?recursive=true"_s, sa()), 403,
                              u"access_denied_insufficient_permissions"_s);
        BoxErrorTexts::verify(m_http.del(u"/2.0/folders/"_s + parent, sa()), 404, u"not_found"_s);
    }

    // --- POST /folders/{id}/copy ---------------------------------------------------------
    void copyFolder()
    {
        const QString source = create(u"Copy Source"_s, u"0"_s, sa());
        create(u"Sub 1"_s, source, sa());
        const QString sub2 = create(u"Sub 2"_s, source, sa());
        create(u"Sub 2a"_s, sub2, sa());
        const QString target = create(u"Copy Target"_s, u"0"_s, sa());

        HttpResult r =
            m_http.postJson(u"/2.0/folders/"_s + source + u"/copy"_s, parentBody(target), sa());
        QCOMPARE(r.status, 201);
        const QString copy = r.jsonString(u"id"_s);
        QVERIFY(copy != source);
        QCOMPARE(r.jsonString(u"name"_s), u"Copy Source"_s);
        QCOMPARE(r.json().value(u"parent"_s).toObject().value(u"id"_s).toString(), target);
        QCOMPARE(itemNames(copy, sa()), (QStringList{u"Sub 1"_s, u"Sub 2"_s}));
        const QString copiedSub2 = m_http.get(u"/2.0/folders/"_s + copy + u"/items"_s, sa())
                                       .json()
                                       .value(u"entries"_s)
                                       .toArray()
                                       .at(1)
                                       .toObject()
                                       .value(u"id"_s)
                                       .toString();
        QVERIFY(copiedSub2 != sub2);
        QCOMPARE(itemNames(copiedSub2, sa()), QStringList{u"Sub 2a"_s});
        // The source is unchanged.
        QCOMPARE(itemNames(source, sa()), (QStringList{u"Sub 1"_s, u"Sub 2"_s}));

        // Again into the same folder: a conflict, unless it gets a new name.
        BoxErrorTexts::verify(
            m_http.postJson(u"/2.0/folders/"_s + source + u"/copy"_s, parentBody(target), sa()),
            409, u"item_name_in_use"_s);
        QJsonObject named = parentBody(target);
        named.insert(u"name"_s, u"Second Copy"_s);
        r = m_http.postJson(u"/2.0/folders/"_s + source + u"/copy"_s, named, sa());
        QCOMPARE(r.status, 201);
        QCOMPARE(r.jsonString(u"name"_s), u"Second Copy"_s);
        // Into itself or below it, without a parent, an invalid name, or to nowhere.
        BoxErrorTexts::verify(
            m_http.postJson(u"/2.0/folders/"_s + source + u"/copy"_s, parentBody(sub2), sa()), 400,
            u"cyclical_folder_structure"_s);
        r = m_http.postJson(u"/2.0/folders/"_s + source + u"/copy"_s, QJsonObject{}, sa());
        BoxErrorTexts::verify(r, 400, u"bad_request"_s);
        QCOMPARE(BoxErrorTexts::firstContextError(r).value(u"name"_s).toString(), u"parent"_s);
        named.insert(u"name"_s, u".."_s);
        BoxErrorTexts::verify(
            m_http.postJson(u"/2.0/folders/"_s + source + u"/copy"_s, named, sa()), 400,
            u"item_name_invalid"_s);
        BoxErrorTexts::verify(
            m_http.postJson(u"/2.0/folders/"_s + source + u"/copy"_s, parentBody(u"999"_s), sa()),
            404, u"not_found"_s);
    }

    // --- collaborations ------------------------------------------------------------------
    void listGetUpdateAndRemoveCollaborations()
    {
        const QString folder = create(u"Team Folder"_s, u"0"_s, asDemo());
        const QString user = appUserId(u"App User 00003"_s);
        HttpResult r = collaborate(asDemo(), folder, user, u"viewer"_s);
        QCOMPARE(r.status, 201);
        const QString collabId = r.jsonString(u"id"_s);

        r = m_http.get(u"/2.0/folders/"_s + folder + u"/collaborations"_s, asDemo());
        QCOMPARE(r.status, 200);
        QVERIFY(r.json().contains(u"next_marker"_s));
        QVERIFY(r.json().value(u"next_marker"_s).isNull());
        QJsonArray entries = r.json().value(u"entries"_s).toArray();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.at(0).toObject().value(u"id"_s).toString(), collabId);
        QCOMPARE(entries.at(0).toObject().value(u"role"_s).toString(), u"viewer"_s);
        QCOMPARE(entries.at(0).toObject().value(u"status"_s).toString(), u"accepted"_s);

        r = m_http.get(u"/2.0/collaborations/"_s + collabId, asUser(user));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"accessible_by"_s).toObject().value(u"id"_s).toString(), user);
        QCOMPARE(r.json().value(u"item"_s).toObject().value(u"id"_s).toString(), folder);

        // The viewer cannot change roles; the owner can.
        BoxErrorTexts::verify(m_http.putJson(u"/2.0/collaborations/"_s + collabId,
                                             QJsonObject{{u"role"_s, u"editor"_s}}, asUser(user)),
                              403, u"access_denied_insufficient_permissions"_s);
        r = m_http.putJson(u"/2.0/collaborations/"_s + collabId,
                           QJsonObject{{u"role"_s, u"editor"_s}}, asDemo());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.jsonString(u"role"_s), u"editor"_s);
        // Now an editor, the user can create folders in it.
        QVERIFY(!create(u"By The Editor"_s, folder, asUser(user)).isEmpty());
        r = m_http.putJson(u"/2.0/collaborations/"_s + collabId,
                           QJsonObject{{u"role"_s, u"boss"_s}}, asDemo());
        BoxErrorTexts::verify(r, 400, u"bad_request"_s);
        QCOMPARE(BoxErrorTexts::firstContextError(r).value(u"name"_s).toString(), u"role"_s);
        BoxErrorTexts::verify(m_http.putJson(u"/2.0/collaborations/"_s + collabId,
                                             QJsonObject{{u"status"_s, u"accepted"_s}}, asDemo()),
                              400, u"invalid_status"_s);

        // Removed: the user loses the folder.
        r = m_http.del(u"/2.0/collaborations/"_s + collabId, asDemo());
        QCOMPARE(r.status, 204);
        BoxErrorTexts::verify(m_http.get(u"/2.0/collaborations/"_s + collabId, asDemo()), 404,
                              u"not_found"_s);
        BoxErrorTexts::verify(m_http.get(u"/2.0/folders/"_s + folder, asUser(user)), 404,
                              u"not_found"_s);
        entries = m_http.get(u"/2.0/folders/"_s + folder + u"/collaborations"_s, asDemo())
                      .json()
                      .value(u"entries"_s)
                      .toArray();
        QVERIFY(entries.isEmpty());
        BoxErrorTexts::verify(m_http.del(u"/2.0/collaborations/"_s + collabId, asDemo()), 404,
                              u"not_found"_s);
        // Someone who cannot see the folder cannot see its collaborations.
        BoxErrorTexts::verify(
            m_http.get(u"/2.0/folders/"_s + folder + u"/collaborations"_s, asUser(user)), 404,
            u"not_found"_s);
    }

    // role=owner: the collaborator owns the folder, the old owner is a co-owner; 204.
    void transferOwnership()
    {
        const QString folder = create(u"Handed Over"_s, u"0"_s, asDemo());
        create(u"Inside"_s, folder, asDemo());
        const QString user = appUserId(u"App User 00004"_s);
        HttpResult r = collaborate(asDemo(), folder, user, u"editor"_s);
        QCOMPARE(r.status, 201);
        const QString collabId = r.jsonString(u"id"_s);
        // Only the owner may give the folder away.
        BoxErrorTexts::verify(m_http.putJson(u"/2.0/collaborations/"_s + collabId,
                                             QJsonObject{{u"role"_s, u"owner"_s}}, asUser(user)),
                              403, u"access_denied_insufficient_permissions"_s);
        r = m_http.putJson(u"/2.0/collaborations/"_s + collabId,
                           QJsonObject{{u"role"_s, u"owner"_s}}, asDemo());
        QCOMPARE(r.status, 204);
        QVERIFY(r.body.isEmpty());

        r = m_http.get(u"/2.0/folders/"_s + folder + u"?fields=owned_by"_s, asUser(user));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"owned_by"_s).toObject().value(u"id"_s).toString(), user);
        QVERIFY(itemNames(u"0"_s, asUser(user)).contains(u"Handed Over"_s));
        QCOMPARE(itemNames(folder, asUser(user)), QStringList{u"Inside"_s});
        BoxErrorTexts::verify(m_http.get(u"/2.0/collaborations/"_s + collabId, asDemo()), 404,
                              u"not_found"_s);
        const QJsonArray entries =
            m_http.get(u"/2.0/folders/"_s + folder + u"/collaborations"_s, asUser(user))
                .json()
                .value(u"entries"_s)
                .toArray();
        QCOMPARE(entries.size(), 1);
        const QJsonObject coOwner = entries.at(0).toObject();
        QCOMPARE(coOwner.value(u"role"_s).toString(), u"co-owner"_s);
        QCOMPARE(coOwner.value(u"accessible_by"_s).toObject().value(u"id"_s).toString(),
                 m_sandbox.demoUser().id);
        // The old owner still sees it (as a co-owner) and may rename it.
        QCOMPARE(m_http
                     .putJson(u"/2.0/folders/"_s + folder,
                              QJsonObject{{u"name"_s, u"Handed Over (renamed)"_s}}, asDemo())
                     .status,
                 200);
    }

    // A transfer of ownership keeps the new owner's All Files free of duplicate names, and a
    // subfolder is refused (it would silently leave its parent) instead of being moved.
    void transferNeedsAFreeNameAndATopFolder()
    {
        const QString user = appUserId(u"App User 00006"_s);
        QVERIFY(!create(u"Same Name"_s, u"0"_s, asUser(user)).isEmpty());
        const QString folder = create(u"same name"_s, u"0"_s, asDemo());
        HttpResult r = collaborate(asDemo(), folder, user, u"editor"_s);
        QCOMPARE(r.status, 201);
        r = m_http.putJson(u"/2.0/collaborations/"_s + r.jsonString(u"id"_s),
                           QJsonObject{{u"role"_s, u"owner"_s}}, asDemo());
        BoxErrorTexts::verify(r, 409, u"item_name_in_use"_s);
        QCOMPARE(r.json()
                     .value(u"context_info"_s)
                     .toObject()
                     .value(u"conflicts"_s)
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"name"_s)
                     .toString(),
                 u"Same Name"_s);
        r = m_http.get(u"/2.0/folders/"_s + folder + u"?fields=owned_by"_s, asDemo());
        QCOMPARE(r.json().value(u"owned_by"_s).toObject().value(u"id"_s).toString(),
                 m_sandbox.demoUser().id);

        const QString top = create(u"Transfer Top"_s, u"0"_s, asDemo());
        const QString sub = create(u"Transfer Sub"_s, top, asDemo());
        r = collaborate(asDemo(), sub, user, u"editor"_s);
        QCOMPARE(r.status, 201);
        r = m_http.putJson(u"/2.0/collaborations/"_s + r.jsonString(u"id"_s),
                           QJsonObject{{u"role"_s, u"owner"_s}}, asDemo());
        BoxErrorTexts::verify(r, 400, u"bad_request"_s);
        QCOMPARE(BoxErrorTexts::firstContextError(r).value(u"name"_s).toString(), u"role"_s);
        QCOMPARE(itemNames(top, asDemo()), QStringList{u"Transfer Sub"_s});
        r = m_http.get(u"/2.0/folders/"_s + sub + u"?fields=owned_by"_s, asDemo());
        QCOMPARE(r.json().value(u"owned_by"_s).toObject().value(u"id"_s).toString(),
                 m_sandbox.demoUser().id);
    }

    // A role change is reported once, and only when the role changes; a transfer of ownership
    // is one change too (COLLAB_ROLE_CHANGE), not a role change plus a new collaborator.
    void collaborationChangesAreReportedOnce()
    {
        const QString folder = create(u"Reported Once"_s, u"0"_s, sa());
        const QString user = appUserId(u"App User 00007"_s);
        const QString collab = collaborate(sa(), folder, user, u"viewer"_s).jsonString(u"id"_s);
        QVERIFY(!collab.isEmpty());
        const auto eventsSince = [this](const QString &position) {
            const HttpResult r = m_http.get(
                u"/2.0/events?stream_type=all&limit=500&stream_position="_s + position, sa());
            QStringList types;
            for (const QJsonValue &v : r.json().value(u"entries"_s).toArray())
                types << v.toObject().value(u"event_type"_s).toString();
            return types;
        };
        const auto now = [this] {
            return m_http.get(u"/2.0/events?stream_position=now"_s, sa())
                .jsonString(u"next_stream_position"_s);
        };
        QString position = now();
        HttpResult r = m_http.putJson(u"/2.0/collaborations/"_s + collab,
                                      QJsonObject{{u"role"_s, u"viewer"_s}}, sa());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.jsonString(u"role"_s), u"viewer"_s);
        QCOMPARE(eventsSince(position), QStringList{});
        r = m_http.putJson(u"/2.0/collaborations/"_s + collab,
                           QJsonObject{{u"role"_s, u"editor"_s}}, sa());
        QCOMPARE(r.status, 200);
        QCOMPARE(eventsSince(position), QStringList{u"COLLAB_ROLE_CHANGE"_s});

        position = now();
        QCOMPARE(m_http
                     .putJson(u"/2.0/collaborations/"_s + collab,
                              QJsonObject{{u"role"_s, u"owner"_s}}, sa())
                     .status,
                 204);
        QCOMPARE(eventsSince(position), QStringList{u"COLLAB_ROLE_CHANGE"_s});
    }

    // One collaboration, one COLLABORATION_INVITE in the enterprise's admin log.
    void aNewCollaborationIsLoggedOnce()
    {
        const QString folder = create(u"Logged Once"_s, u"0"_s, sa());
        QCOMPARE(collaborate(sa(), folder, appUserId(u"App User 00009"_s), u"editor"_s).status,
                 201);
        const HttpResult r = m_http.get(
            u"/2.0/events?stream_type=admin_logs&event_type=COLLABORATION_INVITE&limit=500"_s,
            sa());
        QCOMPARE(r.status, 200);
        int logged = 0;
        for (const QJsonValue &v : r.json().value(u"entries"_s).toArray()) {
            const QJsonObject source = v.toObject().value(u"source"_s).toObject();
            if (source.value(u"item_id"_s).toString() == folder) {
                ++logged;
                QCOMPARE(v.toObject()
                             .value(u"additional_details"_s)
                             .toObject()
                             .value(u"role"_s)
                             .toString(),
                         u"editor"_s);
            }
        }
        QCOMPARE(logged, 1);
    }

    // A collaborator hears that the shared folder went to the trash (FOLDER.TRASHED alone: the
    // files inside go with it, as on Box).
    void collaboratorsSeeTheSharedFolderTrashed()
    {
        const QString folder = create(u"Shared Then Trashed"_s, u"0"_s, asDemo());
        QCOMPARE(uploadFile(m_http, asDemo(), folder, u"inside.txt"_s, "inside"_ba).status, 201);
        const QString user = appUserId(u"App User 00008"_s);
        QCOMPARE(collaborate(asDemo(), folder, user, u"viewer"_s).status, 201);
        const QString position = m_http.get(u"/2.0/events?stream_position=now"_s, asUser(user))
                                     .jsonString(u"next_stream_position"_s);
        QCOMPARE(m_http.del(u"/2.0/folders/"_s + folder + u"?recursive=true"_s, asDemo()).status,
                 204);
        const QJsonArray entries =
            m_http.get(u"/2.0/events?stream_type=all&stream_position="_s + position, asUser(user))
                .json()
                .value(u"entries"_s)
                .toArray();
        QCOMPARE(entries.size(), 1);
        const QJsonObject event = entries.at(0).toObject();
        QCOMPARE(event.value(u"event_type"_s).toString(), u"ITEM_TRASH"_s);
        QCOMPARE(event.value(u"source"_s).toObject().value(u"id"_s).toString(), folder);
    }

    // Files that change owner (a folder moved into someone else's folder, a copy there, a
    // transfer of ownership) must fit the new owner's max_upload_size and space_amount: Box's
    // 403 file_size_limit_exceeded / storage_limit_exceeded, and nothing changes.
    void newOwnersLimitsAreChecked()
    {
        SandboxOptions options;
        boxsandbox::SandboxServer server(options);
        QString error;
        QVERIFY2(server.start(0, &error), qPrintable(error));
        boxsandbox::World &world = server.world();
        SandboxHttp http(QUrl(world.baseUrl));
        const SandboxApp app = world.apps().at(world.appByName(u"Sandbox CCG App"_s)).app;
        const RawHeaders auth = SandboxHttp::bearer(
            SandboxAuth::ccgToken(http, app, u"enterprise"_s, world.enterpriseId()));
        const qint64 saId = app.serviceAccountId.toLongLong();
        const qint64 owner = world.demoUserId();
        const auto make = [&](const QString &name, const QString &parent) {
            QJsonObject body = parentBody(parent);
            body.insert(u"name"_s, name);
            return http.postJson(u"/2.0/folders"_s, body, auth).jsonString(u"id"_s);
        };
        // The demo user as an editor, then the owner (the Service Account stays a co-owner).
        const auto invite = [&](const QString &folder) {
            return http
                .postJson(u"/2.0/collaborations"_s,
                          QJsonObject{
                              {u"item"_s, QJsonObject{{u"type"_s, u"folder"_s}, {u"id"_s, folder}}},
                              {u"accessible_by"_s, QJsonObject{{u"type"_s, u"user"_s},
                                                               {u"id"_s, QString::number(owner)}}},
                              {u"role"_s, u"editor"_s}},
                          auth)
                .jsonString(u"id"_s);
        };
        const auto makeOwner = [&](const QString &collab) {
            return http.putJson(u"/2.0/collaborations/"_s + collab,
                                QJsonObject{{u"role"_s, u"owner"_s}}, auth);
        };
        const QString theirs = make(u"Their Folder"_s, u"0"_s);
        QCOMPARE(makeOwner(invite(theirs)).status, 204);
        const QString payload = make(u"Payload"_s, u"0"_s);
        QCOMPARE(uploadFile(http, auth, payload, u"hundred.bin"_s, QByteArray(100, 'h')).status,
                 201);
        const QString gift = make(u"Gift"_s, u"0"_s);
        QCOMPARE(uploadFile(http, auth, gift, u"gift.bin"_s, QByteArray(100, 'g')).status, 201);
        const QString giftCollab = invite(gift);
        QVERIFY(!giftCollab.isEmpty());
        const auto giveAway = [&] { return makeOwner(giftCollab); };

        const auto setLimits = [&](qint64 spaceLeft, qint64 maxUpload) {
            boxsandbox::UserRecord u = *world.user(owner);
            u.spaceAmount = u.spaceUsed + spaceLeft;
            u.maxUploadSize = maxUpload;
            QVERIFY(world.updateUser(u));
        };
        const auto move = [&] {
            return http.putJson(u"/2.0/folders/"_s + payload, parentBody(theirs), auth);
        };
        const auto copy = [&] {
            return http.postJson(u"/2.0/folders/"_s + payload + u"/copy"_s, parentBody(theirs),
                                 auth);
        };
        const qint64 ownerUsed = world.user(owner)->spaceUsed;
        const qint64 saUsed = world.user(saId)->spaceUsed;
        const auto unchanged = [&] {
            QCOMPARE(world.user(owner)->spaceUsed, ownerUsed);
            QCOMPARE(world.user(saId)->spaceUsed, saUsed);
            QCOMPARE(names(http.get(u"/2.0/folders/"_s + theirs + u"/items"_s, auth)
                               .json()
                               .value(u"entries"_s)
                               .toArray()),
                     QStringList{});
            const HttpResult g = http.get(u"/2.0/folders/"_s + gift + u"?fields=owned_by"_s, auth);
            QCOMPARE(g.json().value(u"owned_by"_s).toObject().value(u"id"_s).toString(),
                     app.serviceAccountId);
        };

        setLimits(99, 1000); // 99 bytes left
        BoxErrorTexts::verify(move(), 403, u"storage_limit_exceeded"_s);
        BoxErrorTexts::verify(copy(), 403, u"storage_limit_exceeded"_s);
        BoxErrorTexts::verify(giveAway(), 403, u"storage_limit_exceeded"_s);
        unchanged();
        setLimits(1000, 99); // files up to 99 bytes
        for (const HttpResult &r : {move(), copy(), giveAway()}) {
            BoxErrorTexts::verify(r, 403, u"file_size_limit_exceeded"_s);
            QCOMPARE(r.jsonString(u"message"_s),
                     u"File size exceeds the folder owner's file size limit"_s);
        }
        unchanged();

        setLimits(100, 100); // exactly enough for one of them
        HttpResult r = move();
        QCOMPARE(r.status, 200);
        QCOMPARE(world.user(owner)->spaceUsed, ownerUsed + 100);
        QCOMPARE(world.user(saId)->spaceUsed, saUsed - 100);
        BoxErrorTexts::verify(giveAway(), 403, u"storage_limit_exceeded"_s);
        setLimits(100, 100);
        QCOMPARE(giveAway().status, 204);
        QCOMPARE(world.user(owner)->spaceUsed, ownerUsed + 200);
        server.stop();
    }

    // Files go with their folder: they make it non-empty, are copied with it (same bytes, new
    // ids), clash with folder names, and a recursive delete removes them.
    void filesGoWithTheirFolder()
    {
        const QString folder = create(u"With Files"_s, u"0"_s, sa());
        const QByteArray boundary = "folderedits"_ba;
        const QByteArray attributes =
            QJsonDocument(QJsonObject{{u"name"_s, u"notes.txt"_s},
                                      {u"parent"_s, QJsonObject{{u"id"_s, folder}}}})
                .toJson(QJsonDocument::Compact);
        const QByteArray body =
            "--"_ba + boundary +
            "\r\nContent-Disposition: form-data; name=\"attributes\"\r\n\r\n"_ba + attributes +
            "\r\n--"_ba + boundary +
            "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"notes.txt\"\r\n"
            "Content-Type: text/plain\r\n\r\nhello from a folder\r\n--"_ba +
            boundary + "--\r\n"_ba;
        RawHeaders headers = sa();
        headers.append({"Content-Type"_ba, "multipart/form-data; boundary="_ba + boundary});
        HttpResult r = m_http.send("POST"_ba, u"/api/2.0/files/content"_s, body, headers);
        QCOMPARE(r.status, 201);
        const QString fileId =
            r.json().value(u"entries"_s).toArray().at(0).toObject().value(u"id"_s).toString();
        QVERIFY(!fileId.isEmpty());

        BoxErrorTexts::verify(m_http.del(u"/2.0/folders/"_s + folder, sa()), 400,
                              u"folder_not_empty"_s);
        // A folder may not take a file's name.
        const QString sibling = create(u"Sibling"_s, folder, sa());
        r = m_http.putJson(u"/2.0/folders/"_s + sibling, QJsonObject{{u"name"_s, u"NOTES.txt"_s}},
                           sa());
        BoxErrorTexts::verify(r, 409, u"item_name_in_use"_s);
        QCOMPARE(r.json()
                     .value(u"context_info"_s)
                     .toObject()
                     .value(u"conflicts"_s)
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"id"_s)
                     .toString(),
                 fileId);

        r = m_http.postJson(u"/2.0/folders/"_s + folder + u"/copy"_s,
                            QJsonObject{{u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}},
                                        {u"name"_s, u"With Files Copy"_s}},
                            sa());
        QCOMPARE(r.status, 201);
        const QString copy = r.jsonString(u"id"_s);
        QCOMPARE(itemNames(copy, sa()), (QStringList{u"Sibling"_s, u"notes.txt"_s}));
        QString copiedFileId;
        for (const QJsonValue &v : m_http.get(u"/2.0/folders/"_s + copy + u"/items"_s, sa())
                                       .json()
                                       .value(u"entries"_s)
                                       .toArray()) {
            if (v.toObject().value(u"type"_s).toString() == u"file"_s)
                copiedFileId = v.toObject().value(u"id"_s).toString();
        }
        QVERIFY(!copiedFileId.isEmpty() && copiedFileId != fileId);
        // Box answers a download with a redirect to the bytes.
        r = m_http.get(u"/2.0/files/"_s + copiedFileId + u"/content"_s, sa());
        QCOMPARE(r.status, 302);
        const QUrl location(QString::fromLatin1(r.header("location")));
        r = m_http.get(
            location.path(QUrl::FullyEncoded) + u'?' + location.query(QUrl::FullyEncoded), sa());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, "hello from a folder"_ba);

        QCOMPARE(m_http.del(u"/2.0/folders/"_s + folder + u"?recursive=true"_s, sa()).status, 204);
        BoxErrorTexts::verify(m_http.get(u"/2.0/files/"_s + fileId, sa()), 404, u"not_found"_s);
        // The copy keeps its own file.
        QCOMPARE(m_http.get(u"/2.0/files/"_s + copiedFileId, sa()).status, 200);
    }

    // Each change is reported with its webhook trigger (World::contentChanged), which the user
    // event stream turns into Box's event types.
    void changesReachTheEventStream()
    {
        const QString position = m_http.get(u"/2.0/events?stream_position=now"_s, sa())
                                     .jsonString(u"next_stream_position"_s);
        QVERIFY(!position.isEmpty());
        const QString folder = create(u"Evented"_s, u"0"_s, sa());
        const QString target = create(u"Evented Target"_s, u"0"_s, sa());
        QCOMPARE(m_http
                     .putJson(u"/2.0/folders/"_s + folder, QJsonObject{{u"name"_s, u"Evented 2"_s}},
                              sa())
                     .status,
                 200);
        QCOMPARE(m_http.putJson(u"/2.0/folders/"_s + folder, parentBody(target), sa()).status, 200);
        QCOMPARE(m_http.postJson(u"/2.0/folders/"_s + folder + u"/copy"_s, parentBody(u"0"_s), sa())
                     .status,
                 201);
        const QString collab =
            collaborate(sa(), target, appUserId(u"App User 00005"_s), u"viewer"_s)
                .jsonString(u"id"_s);
        QCOMPARE(m_http
                     .putJson(u"/2.0/collaborations/"_s + collab,
                              QJsonObject{{u"role"_s, u"editor"_s}}, sa())
                     .status,
                 200);
        QCOMPARE(m_http.del(u"/2.0/collaborations/"_s + collab, sa()).status, 204);
        QCOMPARE(m_http.del(u"/2.0/folders/"_s + target + u"?recursive=true"_s, sa()).status, 204);

        const HttpResult r = m_http.get(
            u"/2.0/events?stream_type=all&limit=500&stream_position="_s + position, sa());
        QCOMPARE(r.status, 200);
        QStringList types;
        for (const QJsonValue &v : r.json().value(u"entries"_s).toArray())
            types << v.toObject().value(u"event_type"_s).toString();
        for (const QString &expected :
             {u"ITEM_CREATE"_s, u"ITEM_RENAME"_s, u"ITEM_MOVE"_s, u"ITEM_COPY"_s,
              u"COLLAB_ADD_COLLABORATOR"_s, u"COLLAB_ROLE_CHANGE"_s,
              u"COLLAB_REMOVE_COLLABORATOR"_s, u"ITEM_TRASH"_s})
            QVERIFY2(types.contains(expected),
                     qPrintable(expected + u" not in "_s + types.join(u", "_s)));
    }

    // Edits, deletions, copies and collaboration changes survive a crash (the journal).
    void editsSurviveACrash()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        SandboxOptions options;
        options.statePath = QDir(dir.path()).filePath(u"state.jsonl"_s);
        options.users = 2;
        BoxSandbox first(options);
        QString error;
        QVERIFY2(first.start(0, &error), qPrintable(error));
        SandboxHttp http(first.baseUrl());
        const RawHeaders auth = SandboxHttp::bearer(SandboxAuth::enterpriseJwtToken(http, first));
        const auto make = [&](const QString &name, const QString &parent) {
            QJsonObject body = parentBody(parent);
            body.insert(u"name"_s, name);
            return http.postJson(u"/2.0/folders"_s, body, auth).jsonString(u"id"_s);
        };
        const QString a = make(u"J A"_s, u"0"_s);
        const QString b = make(u"J B"_s, u"0"_s);
        const QString gone = make(u"J Gone"_s, a);
        make(u"J Gone Inside"_s, gone);
        QCOMPARE(http.putJson(u"/2.0/folders/"_s + a,
                              QJsonObject{{u"name"_s, u"J A2"_s},
                                          {u"parent"_s, QJsonObject{{u"id"_s, b}}}},
                              auth)
                     .status,
                 200);
        QCOMPARE(http.del(u"/2.0/folders/"_s + gone + u"?recursive=true"_s, auth).status, 204);
        const HttpResult copied = http.postJson(
            u"/2.0/folders/"_s + b + u"/copy"_s,
            QJsonObject{{u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}, {u"name"_s, u"J B Copy"_s}},
            auth);
        QCOMPARE(copied.status, 201);
        const QString copy = copied.jsonString(u"id"_s);
        // Two app users on B: one changes role, the other is removed.
        QStringList users;
        for (const QJsonValue &v :
             http.get(u"/2.0/users?user_type=all"_s, auth).json().value(u"entries"_s).toArray())
            users << v.toObject().value(u"id"_s).toString();
        QVERIFY(users.size() >= 2);
        const auto invite = [&](const QString &user, const QString &folder) {
            return http
                .postJson(
                    u"/2.0/collaborations"_s,
                    QJsonObject{
                        {u"item"_s, QJsonObject{{u"type"_s, u"folder"_s}, {u"id"_s, folder}}},
                        {u"accessible_by"_s, QJsonObject{{u"type"_s, u"user"_s}, {u"id"_s, user}}},
                        {u"role"_s, u"viewer"_s}},
                    auth)
                .jsonString(u"id"_s);
        };
        const QString kept = invite(users.at(0), b);
        const QString removed = invite(users.at(1), b);
        QCOMPARE(http.putJson(u"/2.0/collaborations/"_s + kept,
                              QJsonObject{{u"role"_s, u"co-owner"_s}}, auth)
                     .status,
                 200);
        QCOMPARE(http.del(u"/2.0/collaborations/"_s + removed, auth).status, 204);
        // A transfer of ownership, and a folder moved into the new owner's folder (so it
        // changes owner too).
        const QString given = make(u"J Given"_s, u"0"_s);
        const QString givenCollab = invite(users.at(1), given);
        QCOMPARE(http.putJson(u"/2.0/collaborations/"_s + givenCollab,
                              QJsonObject{{u"role"_s, u"owner"_s}}, auth)
                     .status,
                 204);
        const QString moved = make(u"J Moved"_s, u"0"_s);
        QCOMPARE(http.putJson(u"/2.0/folders/"_s + moved, parentBody(given), auth).status, 200);

        // The files as a crash leaves them start a sandbox with every change: the journal
        // holds them (the snapshot alone would not).
        QFile journal(options.statePath + u".journal"_s);
        QVERIFY(journal.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = journal.readAll().trimmed().split('\n');
        QVERIFY2(lines.size() >= 10, qPrintable(u"%1 journal lines"_s.arg(lines.size())));
        journal.close();
        QTemporaryDir crashDir;
        const QString state = QDir(crashDir.path()).filePath(u"state.jsonl"_s);
        QVERIFY(QFile::copy(options.statePath, state));
        QVERIFY(QFile::copy(options.statePath + u".journal"_s, state + u".journal"_s));
        SandboxOptions restart = options;
        restart.statePath = state;
        restart.users = -1;
        BoxSandbox second(restart);
        QVERIFY2(second.start(0, &error), qPrintable(error));
        SandboxHttp again(second.baseUrl());
        const RawHeaders auth2 =
            SandboxHttp::bearer(SandboxAuth::enterpriseJwtToken(again, second));
        HttpResult r = again.get(u"/2.0/folders/"_s + a, auth2);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.jsonString(u"name"_s), u"J A2"_s);
        QCOMPARE(r.json().value(u"parent"_s).toObject().value(u"id"_s).toString(), b);
        QCOMPARE(again.get(u"/2.0/folders/"_s + gone, auth2).status, 404);
        r = again.get(u"/2.0/folders/"_s + copy + u"/items"_s, auth2);
        QCOMPARE(names(r.json().value(u"entries"_s).toArray()), QStringList{u"J A2"_s});
        const QJsonArray collabs = again.get(u"/2.0/folders/"_s + b + u"/collaborations"_s, auth2)
                                       .json()
                                       .value(u"entries"_s)
                                       .toArray();
        QCOMPARE(collabs.size(), 1);
        QCOMPARE(collabs.at(0).toObject().value(u"id"_s).toString(), kept);
        QCOMPARE(collabs.at(0).toObject().value(u"role"_s).toString(), u"co-owner"_s);
        const auto ownerOf = [&](const QString &folder) {
            return again.get(u"/2.0/folders/"_s + folder + u"?fields=owned_by,parent"_s, auth2)
                .json();
        };
        QCOMPARE(ownerOf(given).value(u"owned_by"_s).toObject().value(u"id"_s).toString(),
                 users.at(1));
        const QJsonObject movedNow = ownerOf(moved);
        QCOMPARE(movedNow.value(u"owned_by"_s).toObject().value(u"id"_s).toString(), users.at(1));
        QCOMPARE(movedNow.value(u"parent"_s).toObject().value(u"id"_s).toString(), given);
        second.stop();
        first.stop();
    }
};

QTEST_GUILESS_MAIN(TestSandboxFolderEdits)
#include "tst_sandbox_folderedits.moc"
