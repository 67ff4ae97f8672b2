// Folders and collaborations over real sockets: GET /folders/{id}, GET /folders/{id}/items
// (offset and marker paging), POST /folders and POST /collaborations.
#include "boxerrortexts.h"
#include "sandboxauth.h"
#include "sandboxhttp.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
const QStringList kFolderStandardKeys = {u"type"_s,
                                         u"id"_s,
                                         u"sequence_id"_s,
                                         u"etag"_s,
                                         u"name"_s,
                                         u"created_at"_s,
                                         u"modified_at"_s,
                                         u"description"_s,
                                         u"size"_s,
                                         u"path_collection"_s,
                                         u"created_by"_s,
                                         u"modified_by"_s,
                                         u"trashed_at"_s,
                                         u"purged_at"_s,
                                         u"content_created_at"_s,
                                         u"content_modified_at"_s,
                                         u"owned_by"_s,
                                         u"shared_link"_s,
                                         u"folder_upload_email"_s,
                                         u"parent"_s,
                                         u"item_status"_s,
                                         u"item_collection"_s};

QStringList sorted(QStringList l)
{
    l.sort();
    return l;
}

QStringList names(const QJsonArray &entries)
{
    QStringList out;
    for (const QJsonValue &v : entries)
        out << v.toObject().value(u"name"_s).toString();
    return out;
}

QJsonObject folderBody(const QString &name, const QJsonValue &parentId)
{
    return QJsonObject{{u"name"_s, name}, {u"parent"_s, QJsonObject{{u"id"_s, parentId}}}};
}
} // namespace

class TestSandboxFolders : public QObject
{
    Q_OBJECT

private:
    BoxSandbox m_sandbox;
    SandboxHttp m_http;
    QString m_sa; // the JWT app's Service Account token
    QString m_saId;
    QString m_projectsId, m_q3Id, m_reportsId; // the demo admin's seeded tree

    RawHeaders sa() const { return SandboxHttp::bearer(m_sa); }
    RawHeaders asDemo() const
    {
        return SandboxHttp::bearer(m_sa, {{"As-User"_ba, m_sandbox.demoUser().id.toLatin1()}});
    }
    RawHeaders asUser(const QString &id) const
    {
        return SandboxHttp::bearer(m_sa, {{"As-User"_ba, id.toLatin1()}});
    }

    QString appUserId(const QString &name)
    {
        const HttpResult r = m_http.get(u"/2.0/users?filter_term="_s +
                                            QString::fromLatin1(QUrl::toPercentEncoding(name)),
                                        sa());
        return r.json().value(u"entries"_s).toArray().at(0).toObject().value(u"id"_s).toString();
    }

    HttpResult collaborate(const RawHeaders &auth, const QString &folderId,
                           const QJsonObject &accessibleBy, const QString &role)
    {
        return m_http.postJson(
            u"/2.0/collaborations"_s,
            QJsonObject{{u"item"_s, QJsonObject{{u"type"_s, u"folder"_s}, {u"id"_s, folderId}}},
                        {u"accessible_by"_s, accessibleBy},
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
        const HttpResult root = m_http.get(u"/2.0/folders/0/items"_s, asDemo());
        QCOMPARE(root.status, 200);
        for (const QJsonValue &v : root.json().value(u"entries"_s).toArray()) {
            const QJsonObject o = v.toObject();
            if (o.value(u"name"_s).toString() == u"Projects"_s)
                m_projectsId = o.value(u"id"_s).toString();
            if (o.value(u"name"_s).toString() == u"Reports"_s)
                m_reportsId = o.value(u"id"_s).toString();
        }
        QVERIFY(!m_projectsId.isEmpty() && !m_reportsId.isEmpty());
        const HttpResult projects =
            m_http.get(u"/2.0/folders/"_s + m_projectsId + u"/items"_s, asDemo());
        m_q3Id = projects.json()
                     .value(u"entries"_s)
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"id"_s)
                     .toString();
        QVERIFY(!m_q3Id.isEmpty());
    }

    // --- GET /folders/{id} ----------------------------------------------------------------
    void rootFolder()
    {
        const HttpResult r = m_http.get(u"/2.0/folders/0"_s, asDemo());
        QCOMPARE(r.status, 200);
        const QJsonObject o = r.json();
        QCOMPARE(sorted(o.keys()), sorted(kFolderStandardKeys));
        QCOMPARE(o.value(u"id"_s).toString(), u"0"_s);
        QCOMPARE(o.value(u"name"_s).toString(), u"All Files"_s);
        QVERIFY(o.value(u"parent"_s).isNull());
        QVERIFY(o.value(u"etag"_s).isNull());
        QCOMPARE(o.value(u"owned_by"_s).toObject().value(u"login"_s).toString(),
                 m_sandbox.demoUser().login);
        const QJsonObject items = o.value(u"item_collection"_s).toObject();
        QCOMPARE(items.value(u"total_count"_s).toInt(), 2);
        QCOMPARE(names(items.value(u"entries"_s).toArray()),
                 (QStringList{u"Projects"_s, u"Reports"_s}));
        // The Service Account's own tree starts empty.
        const HttpResult mine = m_http.get(u"/2.0/folders/0"_s, sa());
        QCOMPARE(mine.status, 200);
        QCOMPARE(mine.json().value(u"owned_by"_s).toObject().value(u"id"_s).toString(), m_saId);
    }

    void nestedFolder()
    {
        HttpResult r = m_http.get(u"/2.0/folders/"_s + m_q3Id, asDemo());
        QCOMPARE(r.status, 200);
        const QJsonObject o = r.json();
        QCOMPARE(sorted(o.keys()), sorted(kFolderStandardKeys));
        QCOMPARE(o.value(u"name"_s).toString(), u"Q3 Plan"_s);
        QCOMPARE(o.value(u"type"_s).toString(), u"folder"_s);
        QCOMPARE(o.value(u"parent"_s).toObject().value(u"id"_s).toString(), m_projectsId);
        const QJsonObject path = o.value(u"path_collection"_s).toObject();
        QCOMPARE(path.value(u"total_count"_s).toInt(), 2);
        QCOMPARE(names(path.value(u"entries"_s).toArray()),
                 (QStringList{u"All Files"_s, u"Projects"_s}));
        QCOMPARE(o.value(u"item_status"_s).toString(), u"active"_s);
        // fields: mini plus the requested fields.
        r = m_http.get(u"/2.0/folders/"_s + m_q3Id + u"?fields=owned_by,permissions"_s, asDemo());
        QCOMPARE(r.status, 200);
        QCOMPARE(sorted(r.json().keys()), sorted({u"type"_s, u"id"_s, u"sequence_id"_s, u"etag"_s,
                                                  u"name"_s, u"owned_by"_s, u"permissions"_s}));
        QCOMPARE(r.json().value(u"permissions"_s).toObject().value(u"can_upload"_s).toBool(), true);
    }

    void folderErrors()
    {
        BoxErrorTexts::verify(m_http.get(u"/2.0/folders/999"_s, asDemo()), 404, u"not_found"_s);
        // Someone else's folder is invisible.
        BoxErrorTexts::verify(m_http.get(u"/2.0/folders/"_s + m_projectsId, sa()), 404,
                              u"not_found"_s);
        // A malformed id is 405 on Box.
        QCOMPARE(m_http.get(u"/2.0/folders/abc"_s, asDemo()).status, 405);
        // No token: 401 with an empty body.
        const HttpResult r = m_http.get(u"/2.0/folders/0"_s);
        QCOMPARE(r.status, 401);
        QVERIFY(r.body.isEmpty());
    }

    void etagNotModified()
    {
        const HttpResult r = m_http.get(u"/2.0/folders/"_s + m_projectsId, asDemo());
        const QByteArray etag = r.jsonString(u"etag"_s).toLatin1();
        QVERIFY(!etag.isEmpty());
        RawHeaders h = asDemo();
        h.append({"If-None-Match"_ba, etag});
        const HttpResult again = m_http.get(u"/2.0/folders/"_s + m_projectsId, h);
        QCOMPARE(again.status, 304);
        QVERIFY(again.body.isEmpty());
    }

    // --- POST /folders --------------------------------------------------------------------
    void createFolder()
    {
        HttpResult r = m_http.postJson(u"/2.0/folders"_s, folderBody(u"SA Work"_s, u"0"_s), sa());
        QCOMPARE(r.status, 201);
        QCOMPARE(sorted(r.json().keys()), sorted(kFolderStandardKeys));
        QCOMPARE(r.jsonString(u"name"_s), u"SA Work"_s);
        QCOMPARE(r.json().value(u"parent"_s).toObject().value(u"id"_s).toString(), u"0"_s);
        QCOMPARE(r.json().value(u"owned_by"_s).toObject().value(u"id"_s).toString(), m_saId);
        QCOMPARE(r.json().value(u"created_by"_s).toObject().value(u"id"_s).toString(), m_saId);
        const QString id = r.jsonString(u"id"_s);
        // Nested, with a numeric parent id.
        r = m_http.postJson(u"/2.0/folders"_s, folderBody(u"Inner"_s, id.toLongLong()), sa());
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().value(u"parent"_s).toObject().value(u"id"_s).toString(), id);
        r = m_http.get(u"/2.0/folders/0/items"_s, sa());
        QVERIFY(names(r.json().value(u"entries"_s).toArray()).contains(u"SA Work"_s));
    }

    void createFolderConflict()
    {
        const HttpResult first =
            m_http.postJson(u"/2.0/folders"_s, folderBody(u"Unique Name"_s, u"0"_s), sa());
        QCOMPARE(first.status, 201);
        // Names are unique per parent, case-insensitively.
        const HttpResult r =
            m_http.postJson(u"/2.0/folders"_s, folderBody(u"unique name"_s, u"0"_s), sa());
        BoxErrorTexts::verify(r, 409, u"item_name_in_use"_s);
        const QJsonArray conflicts =
            r.json().value(u"context_info"_s).toObject().value(u"conflicts"_s).toArray();
        QCOMPARE(conflicts.size(), 1);
        QCOMPARE(conflicts.at(0).toObject().value(u"id"_s).toString(), first.jsonString(u"id"_s));
        // The same name elsewhere is fine.
        QCOMPARE(m_http.postJson(u"/2.0/folders"_s, folderBody(u"Unique Name"_s, u"0"_s), asDemo())
                     .status,
                 201);
    }

    void createFolderValidation_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::newRow("slash") << folderBody(u"a/b"_s, u"0"_s) << 400 << u"item_name_invalid"_s;
        QTest::newRow("backslash")
            << folderBody(u"a\\b"_s, u"0"_s) << 400 << u"item_name_invalid"_s;
        QTest::newRow("dot") << folderBody(u"."_s, u"0"_s) << 400 << u"item_name_invalid"_s;
        QTest::newRow("trailing space")
            << folderBody(u"name "_s, u"0"_s) << 400 << u"item_name_invalid"_s;
        QTest::newRow("empty") << folderBody(u""_s, u"0"_s) << 400 << u"item_name_invalid"_s;
        QTest::newRow("256 chars")
            << folderBody(QString(256, u'f'), u"0"_s) << 400 << u"item_name_too_long"_s;
        QTest::newRow("unknown parent") << folderBody(u"x"_s, u"999"_s) << 404 << u"not_found"_s;
        QTest::newRow("no name") << QJsonObject{{u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}}
                                 << 400 << u"bad_request"_s;
        QTest::newRow("no parent") << QJsonObject{{u"name"_s, u"x"_s}} << 400 << u"bad_request"_s;
    }

    void createFolderValidation()
    {
        QFETCH(QJsonObject, body);
        QFETCH(int, status);
        QFETCH(QString, code);
        BoxErrorTexts::verify(m_http.postJson(u"/2.0/folders"_s, body, sa()), status, code);
    }

    // --- GET /folders/{id}/items ------------------------------------------------------------
    void itemsOffsetAndMarkerPaging()
    {
        const HttpResult parent =
            m_http.postJson(u"/2.0/folders"_s, folderBody(u"Paging"_s, u"0"_s), sa());
        QCOMPARE(parent.status, 201);
        const QString pid = parent.jsonString(u"id"_s);
        QStringList expected;
        for (int i = 12; i >= 1; --i) {
            const QString name = u"Item %1"_s.arg(i, 2, 10, QLatin1Char('0'));
            QCOMPARE(m_http.postJson(u"/2.0/folders"_s, folderBody(name, pid), sa()).status, 201);
            expected.prepend(name);
        }
        const QString items = u"/2.0/folders/"_s + pid + u"/items"_s;
        // Offset paging, sorted by name.
        QStringList seen;
        for (int offset = 0; offset < 12; offset += 5) {
            const HttpResult r = m_http.get(items + u"?limit=5&offset=%1"_s.arg(offset), sa());
            QCOMPARE(r.status, 200);
            QCOMPARE(r.json().value(u"total_count"_s).toInt(), 12);
            QCOMPARE(r.json().value(u"offset"_s).toInt(), offset);
            QCOMPARE(r.json().value(u"limit"_s).toInt(), 5);
            QVERIFY(r.json().value(u"order"_s).isArray());
            const QJsonArray e = r.json().value(u"entries"_s).toArray();
            for (const QJsonValue &v : e) {
                QCOMPARE(sorted(v.toObject().keys()),
                         sorted({u"type"_s, u"id"_s, u"sequence_id"_s, u"etag"_s, u"name"_s}));
            }
            seen += names(e);
        }
        QCOMPARE(seen, expected);
        // Marker paging.
        seen.clear();
        QString marker;
        for (int page = 0; page < 4; ++page) {
            const HttpResult r =
                m_http.get(items + u"?usemarker=true&limit=5"_s +
                               (marker.isEmpty() ? QString() : u"&marker="_s + marker),
                           sa());
            QCOMPARE(r.status, 200);
            QVERIFY(!r.json().contains(u"total_count"_s));
            seen += names(r.json().value(u"entries"_s).toArray());
            if (r.json().value(u"next_marker"_s).isNull())
                break;
            marker = r.json().value(u"next_marker"_s).toString();
        }
        QCOMPARE(seen, expected);
        // Descending by name.
        const HttpResult desc = m_http.get(items + u"?sort=name&direction=DESC&limit=3"_s, sa());
        QCOMPARE(names(desc.json().value(u"entries"_s).toArray()),
                 (QStringList{u"Item 12"_s, u"Item 11"_s, u"Item 10"_s}));
        // Limits.
        QCOMPARE(m_http.get(items + u"?limit=5000"_s, sa()).json().value(u"limit"_s).toInt(), 1000);
        BoxErrorTexts::verify(m_http.get(items + u"?offset=10001"_s, sa()), 400, u"bad_request"_s);
        // GET /folders/{id} embeds the first items too.
        const HttpResult folder = m_http.get(u"/2.0/folders/"_s + pid, sa());
        QCOMPARE(
            folder.json().value(u"item_collection"_s).toObject().value(u"total_count"_s).toInt(),
            12);
    }

    // --- POST /collaborations ---------------------------------------------------------------
    void collaborateByLoginWithServiceAccount()
    {
        const SandboxApp app = m_sandbox.app(u"Sandbox JWT App"_s);
        // The demo admin invites the Service Account to Projects by its login.
        HttpResult r =
            collaborate(asDemo(), m_projectsId,
                        QJsonObject{{u"type"_s, u"user"_s}, {u"login"_s, app.serviceAccountLogin}},
                        u"editor"_s);
        QCOMPARE(r.status, 201);
        const QJsonObject c = r.json();
        QCOMPARE(c.value(u"type"_s).toString(), u"collaboration"_s);
        QVERIFY(!c.value(u"id"_s).toString().isEmpty());
        QCOMPARE(c.value(u"role"_s).toString(), u"editor"_s);
        QCOMPARE(c.value(u"status"_s).toString(), u"accepted"_s);
        QCOMPARE(c.value(u"accessible_by"_s).toObject().value(u"id"_s).toString(), m_saId);
        QCOMPARE(c.value(u"item"_s).toObject().value(u"id"_s).toString(), m_projectsId);
        QCOMPARE(c.value(u"created_by"_s).toObject().value(u"id"_s).toString(),
                 m_sandbox.demoUser().id);
        // Now the Service Account sees Projects and what is inside, and can write there.
        r = m_http.get(u"/2.0/folders/0/items"_s, sa());
        QVERIFY(names(r.json().value(u"entries"_s).toArray()).contains(u"Projects"_s));
        QCOMPARE(m_http.get(u"/2.0/folders/"_s + m_q3Id, sa()).status, 200);
        QCOMPARE(
            m_http.postJson(u"/2.0/folders"_s, folderBody(u"From SA"_s, m_projectsId), sa()).status,
            201);
        // Inviting again is refused.
        r = collaborate(asDemo(), m_projectsId,
                        QJsonObject{{u"type"_s, u"user"_s}, {u"id"_s, m_saId}}, u"viewer"_s);
        BoxErrorTexts::verify(r, 400, u"user_already_collaborator"_s);
    }

    void collaborateByIdAsViewer()
    {
        const QString viewer = appUserId(u"App User 00004"_s);
        QVERIFY(!viewer.isEmpty());
        HttpResult r =
            collaborate(asDemo(), m_reportsId,
                        QJsonObject{{u"type"_s, u"user"_s}, {u"id"_s, viewer}}, u"viewer"_s);
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().value(u"accessible_by"_s).toObject().value(u"id"_s).toString(), viewer);
        // A viewer reads but cannot upload or share.
        QCOMPARE(m_http.get(u"/2.0/folders/"_s + m_reportsId, asUser(viewer)).status, 200);
        BoxErrorTexts::verify(
            m_http.postJson(u"/2.0/folders"_s, folderBody(u"No"_s, m_reportsId), asUser(viewer)),
            403, u"access_denied_insufficient_permissions"_s);
        r = collaborate(
            asUser(viewer), m_reportsId,
            QJsonObject{{u"type"_s, u"user"_s}, {u"id"_s, appUserId(u"App User 00006"_s)}},
            u"viewer"_s);
        BoxErrorTexts::verify(r, 403, u"access_denied_insufficient_permissions"_s);
    }

    void collaborateUnknownLoginIsPending()
    {
        const HttpResult r = collaborate(
            asDemo(), m_q3Id,
            QJsonObject{{u"type"_s, u"user"_s}, {u"login"_s, u"someone@elsewhere.example"_s}},
            u"previewer"_s);
        QCOMPARE(r.status, 201);
        QCOMPARE(r.jsonString(u"status"_s), u"pending"_s);
        QCOMPARE(r.jsonString(u"invite_email"_s), u"someone@elsewhere.example"_s);
        QVERIFY(r.json().value(u"accessible_by"_s).isNull());
    }

    void collaborationErrors()
    {
        const QJsonObject bySa{{u"type"_s, u"user"_s}, {u"id"_s, m_saId}};
        HttpResult r = collaborate(asDemo(), u"0"_s, bySa, u"editor"_s);
        BoxErrorTexts::verify(r, 400, u"collaborations_not_available_on_root_folder"_s);
        QCOMPARE(r.jsonString(u"message"_s), u"Root folder cannot be collaborated"_s);
        BoxErrorTexts::verify(collaborate(asDemo(), m_reportsId, bySa, u"owner"_s), 400,
                              u"bad_request"_s);
        BoxErrorTexts::verify(collaborate(asDemo(), u"999"_s, bySa, u"editor"_s), 404,
                              u"not_found"_s);
        BoxErrorTexts::verify(collaborate(asDemo(), m_reportsId,
                                          QJsonObject{{u"type"_s, u"user"_s}, {u"id"_s, u"123"_s}},
                                          u"editor"_s),
                              404, u"not_found"_s);
        BoxErrorTexts::verify(m_http.postJson(u"/2.0/collaborations"_s,
                                              QJsonObject{{u"role"_s, u"editor"_s}}, asDemo()),
                              400, u"bad_request"_s);
    }
};

QTEST_GUILESS_MAIN(TestSandboxFolders)
#include "tst_sandbox_folders.moc"
