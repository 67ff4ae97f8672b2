// The /2.0/users endpoints over real sockets: listing (filters, fields, both paging modes,
// visibility per app), /users/me, get/update/delete, create (app and managed users), As-User
// and the app-token restrictions.
#include "boxerrortexts.h"
#include "sandboxauth.h"
#include "sandboxhttp.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
const QStringList kStandardKeys = {u"type"_s,
                                   u"id"_s,
                                   u"name"_s,
                                   u"login"_s,
                                   u"created_at"_s,
                                   u"modified_at"_s,
                                   u"language"_s,
                                   u"timezone"_s,
                                   u"space_amount"_s,
                                   u"space_used"_s,
                                   u"max_upload_size"_s,
                                   u"status"_s,
                                   u"job_title"_s,
                                   u"phone"_s,
                                   u"address"_s,
                                   u"avatar_url"_s,
                                   u"notification_email"_s};

QStringList sortedKeys(const QJsonObject &o)
{
    QStringList keys = o.keys();
    keys.sort();
    return keys;
}

QStringList sorted(QStringList l)
{
    l.sort();
    return l;
}

QJsonArray entries(const HttpResult &r)
{
    return r.json().value(u"entries"_s).toArray();
}

QStringList field(const QJsonArray &a, const QString &name)
{
    QStringList out;
    for (const QJsonValue &v : a)
        out << v.toObject().value(name).toString();
    return out;
}
} // namespace

class TestSandboxUsers : public QObject
{
    Q_OBJECT

private:
    BoxSandbox m_sandbox;
    SandboxHttp m_http;
    QString m_jwt; // the JWT app's Service Account
    QString m_ccg; // the CCG app's Service Account

    RawHeaders jwt(const RawHeaders &extra = {}) const { return SandboxHttp::bearer(m_jwt, extra); }

    HttpResult list(const QString &query, const QString &token = {})
    {
        return m_http.get(u"/2.0/users"_s + (query.isEmpty() ? QString() : u"?"_s + query),
                          SandboxHttp::bearer(token.isEmpty() ? m_jwt : token));
    }

    QString userIdByName(const QString &name)
    {
        const HttpResult r =
            list(u"filter_term="_s + QString::fromLatin1(QUrl::toPercentEncoding(name)));
        return entries(r).at(0).toObject().value(u"id"_s).toString();
    }

    HttpResult postAppUser(const QJsonObject &extra = {}, const QString &token = {})
    {
        QJsonObject body{{u"name"_s, u"Created App User"_s}, {u"is_platform_access_only"_s, true}};
        for (auto it = extra.begin(); it != extra.end(); ++it)
            body.insert(it.key(), it.value());
        return m_http.postJson(u"/2.0/users"_s, body,
                               SandboxHttp::bearer(token.isEmpty() ? m_jwt : token));
    }

private slots:
    void initTestCase()
    {
        QString error;
        m_jwt = SandboxAuth::startAndSignIn(m_sandbox, m_http, &error);
        QVERIFY2(!m_jwt.isEmpty(), qPrintable(error));
        m_ccg = SandboxAuth::ccgToken(m_http, m_sandbox.app(u"Sandbox CCG App"_s), u"enterprise"_s,
                                      m_sandbox.enterpriseId());
        QVERIFY(!m_ccg.isEmpty());
    }

    // --- GET /users ---------------------------------------------------------------------
    void listsTheAppsUsersInStandardRepresentation()
    {
        const HttpResult r = list({});
        QCOMPARE(r.status, 200);
        const QJsonObject o = r.json();
        // The demo admin, three managed users and the JWT app's 25 app users: no Service
        // Account and no other app's app users.
        QCOMPARE(o.value(u"total_count"_s).toInt(), 29);
        QCOMPARE(o.value(u"offset"_s).toInt(), 0);
        QCOMPARE(o.value(u"limit"_s).toInt(), 100);
        const QJsonArray e = entries(r);
        QCOMPARE(e.size(), 29);
        const QString jwtService = m_sandbox.app(u"Sandbox JWT App"_s).serviceId;
        for (const QJsonValue &v : e) {
            const QJsonObject u = v.toObject();
            QCOMPARE(sortedKeys(u), sorted(kStandardKeys));
            const QString login = u.value(u"login"_s).toString();
            QVERIFY2(!login.startsWith(u"AutomationUser_"_s), qPrintable(login));
            QVERIFY2(!login.startsWith(u"AppUser_"_s) ||
                         login.startsWith(u"AppUser_"_s + jwtService),
                     qPrintable(login));
            QVERIFY(u.value(u"space_amount"_s).isDouble());
        }
        QVERIFY(field(e, u"login"_s).contains(m_sandbox.demoUser().login));
    }

    void fieldsGiveMiniPlusRequested()
    {
        const HttpResult r = list(u"fields=role,external_app_user_id,is_platform_access_only"_s);
        QCOMPARE(r.status, 200);
        for (const QJsonValue &v : entries(r)) {
            QCOMPARE(sortedKeys(v.toObject()),
                     sorted({u"type"_s, u"id"_s, u"name"_s, u"login"_s, u"role"_s,
                             u"external_app_user_id"_s, u"is_platform_access_only"_s}));
        }
        const HttpResult one =
            list(u"filter_term=App%20User%2000007&fields=external_app_user_id"_s);
        QCOMPARE(entries(one).size(), 1);
        QCOMPARE(entries(one).at(0).toObject().value(u"external_app_user_id"_s).toString(),
                 u"ext-7"_s);
    }

    void filterTermIsAPrefixOfNameOrLogin_data()
    {
        QTest::addColumn<QString>("term");
        QTest::addColumn<int>("count");
        QTest::newRow("name prefix") << u"App User 0000"_s << 9;
        QTest::newRow("name prefix, other case") << u"app user 0001"_s << 10;
        QTest::newRow("login prefix") << u"demo.admin@"_s << 1;
        QTest::newRow("app user logins") << u"AppUser_"_s << 25;
        QTest::newRow("not a prefix") << u"Rivera"_s << 0;
        QTest::newRow("full name") << u"Alex Rivera"_s << 1;
    }

    void filterTermIsAPrefixOfNameOrLogin()
    {
        QFETCH(QString, term);
        QFETCH(int, count);
        const HttpResult r =
            list(u"filter_term="_s + QString::fromLatin1(QUrl::toPercentEncoding(term)));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"total_count"_s).toInt(), count);
        QCOMPARE(entries(r).size(), count);
    }

    void userType()
    {
        QCOMPARE(list(u"user_type=all"_s).json().value(u"total_count"_s).toInt(), 29);
        // "managed" includes app users, as on Box.
        QCOMPARE(list(u"user_type=managed"_s).json().value(u"total_count"_s).toInt(), 29);
        QCOMPARE(list(u"user_type=external"_s).json().value(u"total_count"_s).toInt(), 0);
        BoxErrorTexts::verify(list(u"user_type=robots"_s), 400, u"bad_request"_s);
    }

    void externalAppUserId()
    {
        HttpResult r = list(u"external_app_user_id=ext-12"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(entries(r).size(), 1);
        QCOMPARE(entries(r).at(0).toObject().value(u"name"_s).toString(), u"App User 00012"_s);
        r = list(u"external_app_user_id=ext-999"_s);
        QCOMPARE(entries(r).size(), 0);
    }

    void offsetPaging()
    {
        QStringList ids;
        for (int offset = 0; offset < 29; offset += 10) {
            const HttpResult r = list(u"limit=10&offset=%1"_s.arg(offset));
            QCOMPARE(r.status, 200);
            QCOMPARE(r.json().value(u"offset"_s).toInt(), offset);
            QCOMPARE(r.json().value(u"limit"_s).toInt(), 10);
            QCOMPARE(r.json().value(u"total_count"_s).toInt(), 29);
            QCOMPARE(entries(r).size(), offset == 20 ? 9 : 10);
            ids += field(entries(r), u"id"_s);
        }
        QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), 29);
        QCOMPARE(ids, field(entries(list({})), u"id"_s));
    }

    void offsetAndLimitBounds()
    {
        HttpResult r = list(u"offset=10000"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(entries(r).size(), 0);
        r = list(u"offset=10001"_s);
        BoxErrorTexts::verify(r, 400, u"bad_request"_s);
        const QJsonObject error = BoxErrorTexts::firstContextError(r);
        QCOMPARE(error.value(u"name"_s).toString(), u"offset"_s);
        QCOMPARE(error.value(u"reason"_s).toString(), u"invalid_parameter"_s);
        r = list(u"limit=5000"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"limit"_s).toInt(), 1000);
        BoxErrorTexts::verify(list(u"limit=ten"_s), 400, u"invalid_limit"_s);
        BoxErrorTexts::verify(list(u"offset=-1"_s), 400, u"invalid_offset"_s);
    }

    void markerPaging()
    {
        QStringList ids;
        QString marker;
        int pages = 0;
        for (;;) {
            QString q = u"usemarker=true&limit=10"_s;
            if (!marker.isEmpty())
                q += u"&marker="_s + marker;
            const HttpResult r = list(q);
            QCOMPARE(r.status, 200);
            const QJsonObject o = r.json();
            QVERIFY(!o.contains(u"total_count"_s));
            QVERIFY(!o.contains(u"offset"_s));
            QCOMPARE(o.value(u"limit"_s).toInt(), 10);
            QVERIFY(o.contains(u"next_marker"_s));
            ids += field(entries(r), u"id"_s);
            ++pages;
            QVERIFY(pages <= 3);
            if (o.value(u"next_marker"_s).isNull())
                break;
            marker = o.value(u"next_marker"_s).toString();
            QVERIFY(!marker.isEmpty());
        }
        QCOMPARE(pages, 3);
        QCOMPARE(ids, field(entries(list({})), u"id"_s));
        BoxErrorTexts::verify(list(u"usemarker=true&marker=bogus!"_s), 400, u"bad_request"_s);
    }

    // Box's Users schema has prev_marker beside next_marker (openapi.json components.schemas.
    // Users): null on the first page, else the marker of the page before.
    void markerPagingPrevMarker_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<int>("pages");
        QTest::newRow("all") << QString() << 3;
        QTest::newRow("filter_term") << u"&filter_term=App%20User%200000"_s << 3;
    }

    void markerPagingPrevMarker()
    {
        QFETCH(QString, filter);
        QFETCH(int, pages);
        // The same users in offset mode, in order.
        const QStringList all = field(entries(list(u"limit=1000"_s + filter)), u"id"_s);
        qsizetype start = 0; // index in all of the current page's first entry
        QStringList markers{QString()};
        for (int page = 0; page < pages; ++page) {
            QString q = u"usemarker=true&limit=5"_s + filter;
            if (!markers.last().isEmpty())
                q += u"&marker="_s + markers.last();
            const HttpResult r = list(q);
            QCOMPARE(r.status, 200);
            const QJsonObject o = r.json();
            QVERIFY(o.contains(u"prev_marker"_s));
            if (page == 0) {
                QVERIFY(o.value(u"prev_marker"_s).isNull());
            } else {
                const QString prev = o.value(u"prev_marker"_s).toString();
                QVERIFY(!prev.isEmpty());
                const HttpResult back =
                    list(u"usemarker=true&limit=5"_s + filter + u"&marker="_s + prev);
                QCOMPARE(back.status, 200);
                // The limit entries before this page's first one.
                QCOMPARE(field(entries(back), u"id"_s),
                         all.mid(qMax<qsizetype>(0, start - 5), qMin<qsizetype>(5, start)));
            }
            QCOMPARE(field(entries(r), u"id"_s), all.mid(start, 5));
            start += entries(r).size();
            markers.append(o.value(u"next_marker"_s).toString());
        }
    }

    void markerPagingWithFilterTermNeverEnds()
    {
        // Box's quirk (boxcli#504): with filter_term, next_marker is never null; the page after
        // the last match is empty.
        HttpResult r = list(u"usemarker=true&limit=5&filter_term=App%20User%200000"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(entries(r).size(), 5);
        QString marker = r.json().value(u"next_marker"_s).toString();
        QVERIFY(!marker.isEmpty());
        r = list(u"usemarker=true&limit=5&filter_term=App%20User%200000&marker="_s + marker);
        QCOMPARE(entries(r).size(), 4);
        marker = r.json().value(u"next_marker"_s).toString();
        QVERIFY(!marker.isEmpty());
        r = list(u"usemarker=true&limit=5&filter_term=App%20User%200000&marker="_s + marker);
        QCOMPARE(r.status, 200);
        QCOMPARE(entries(r).size(), 0);
        // Without filter_term the last page ends with null.
        r = list(u"usemarker=true&limit=1000"_s);
        QCOMPARE(entries(r).size(), 29);
        QVERIFY(r.json().value(u"next_marker"_s).isNull());
    }

    void otherAppSeesOnlyItsOwnAppUsers()
    {
        const HttpResult r = list({}, m_ccg);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"total_count"_s).toInt(), 3);
        const QString prefix = u"AppUser_"_s + m_sandbox.app(u"Sandbox CCG App"_s).serviceId + u'_';
        for (const QString &login : field(entries(r), u"login"_s))
            QVERIFY2(login.startsWith(prefix), qPrintable(login));
    }

    // --- GET /users/me, GET /users/{id} ------------------------------------------------
    void usersMe()
    {
        const SandboxApp app = m_sandbox.app(u"Sandbox JWT App"_s);
        HttpResult r = m_http.get(u"/2.0/users/me"_s, jwt());
        QCOMPARE(r.status, 200);
        QCOMPARE(sortedKeys(r.json()), sorted(kStandardKeys));
        QCOMPARE(r.jsonString(u"id"_s), app.serviceAccountId);
        QCOMPARE(r.jsonString(u"login"_s), app.serviceAccountLogin);
        QCOMPARE(r.jsonString(u"name"_s), app.name);
        QCOMPARE(r.json().value(u"space_amount"_s).toInteger(), 10737418240LL);
        QCOMPARE(r.jsonString(u"status"_s), u"active"_s);
        r = m_http.get(u"/2.0/users/me?fields=enterprise,is_platform_access_only"_s, jwt());
        QCOMPARE(sortedKeys(r.json()), sorted({u"type"_s, u"id"_s, u"name"_s, u"login"_s,
                                               u"enterprise"_s, u"is_platform_access_only"_s}));
        QCOMPARE(r.json().value(u"enterprise"_s).toObject().value(u"id"_s).toString(),
                 m_sandbox.enterpriseId());
    }

    void getUser()
    {
        const QString id = userIdByName(u"App User 00003"_s);
        HttpResult r = m_http.get(u"/2.0/users/"_s + id, jwt());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.jsonString(u"name"_s), u"App User 00003"_s);
        QCOMPARE(sortedKeys(r.json()), sorted(kStandardKeys));
        // Another app's app user, a Service Account, unknown and malformed ids: 404.
        const QString ccgUser = field(entries(list({}, m_ccg)), u"id"_s).value(0);
        BoxErrorTexts::verify(m_http.get(u"/2.0/users/"_s + ccgUser, jwt()), 404, u"not_found"_s);
        BoxErrorTexts::verify(
            m_http.get(u"/2.0/users/"_s + m_sandbox.app(u"Sandbox CCG App"_s).serviceAccountId,
                       jwt()),
            404, u"not_found"_s);
        BoxErrorTexts::verify(m_http.get(u"/2.0/users/123"_s, jwt()), 404, u"not_found"_s);
        BoxErrorTexts::verify(m_http.get(u"/2.0/users/abc"_s, jwt()), 404, u"not_found"_s);
    }

    // --- POST /users ----------------------------------------------------------------------
    void createAppUser()
    {
        const qint64 before = m_sandbox.counters().value(u"users_created"_s).toInteger();
        const SandboxApp app = m_sandbox.app(u"Sandbox JWT App"_s);
        HttpResult r = postAppUser(QJsonObject{{u"external_app_user_id"_s, u"ext-new-1"_s},
                                               {u"space_amount"_s, 1073741824},
                                               {u"job_title"_s, u"Robot"_s},
                                               {u"status"_s, u"inactive"_s}});
        QCOMPARE(r.status, 201);
        QCOMPARE(sortedKeys(r.json()), sorted(kStandardKeys));
        const QRegularExpression login(u"^AppUser_"_s + app.serviceId +
                                       u"_[A-Za-z0-9]{10}@boxdevedition\\.com$"_s);
        QVERIFY2(login.match(r.jsonString(u"login"_s)).hasMatch(),
                 qPrintable(r.jsonString(u"login"_s)));
        QCOMPARE(r.json().value(u"space_amount"_s).toInteger(), 1073741824LL);
        QCOMPARE(r.jsonString(u"job_title"_s), u"Robot"_s);
        QCOMPARE(r.jsonString(u"status"_s), u"inactive"_s);
        QCOMPARE(m_sandbox.counters().value(u"users_created"_s).toInteger(), before + 1);
        const QString id = r.jsonString(u"id"_s);
        r = list(u"external_app_user_id=ext-new-1&fields=is_platform_access_only"_s);
        QCOMPARE(entries(r).size(), 1);
        QCOMPARE(entries(r).at(0).toObject().value(u"id"_s).toString(), id);
        QCOMPARE(entries(r).at(0).toObject().value(u"is_platform_access_only"_s).toBool(), true);
    }

    void createManagedUserAndLoginConflict()
    {
        const QJsonObject body{{u"name"_s, u"New Person"_s},
                               {u"login"_s, u"new.person@sandbox.example.com"_s}};
        HttpResult r = m_http.postJson(u"/2.0/users"_s, body, jwt());
        QCOMPARE(r.status, 201);
        QCOMPARE(r.jsonString(u"login"_s), u"new.person@sandbox.example.com"_s);
        r = m_http.postJson(u"/2.0/users"_s, body, jwt());
        BoxErrorTexts::verify(r, 409, u"user_login_already_used"_s);
        QCOMPARE(r.jsonString(u"message"_s), u"User with the specified login already exists"_s);
        r = m_http.postJson(u"/2.0/users"_s,
                            QJsonObject{{u"name"_s, u"Clash"_s},
                                        {u"login"_s, m_sandbox.demoUser().login.toUpper()}},
                            jwt());
        BoxErrorTexts::verify(r, 409, u"user_login_already_used"_s);
    }

    void createValidation()
    {
        BoxErrorTexts::verify(postAppUser(QJsonObject{{u"name"_s, QString(51, u'n')}}), 400,
                              u"bad_request"_s);
        QCOMPARE(postAppUser(QJsonObject{{u"name"_s, QString(50, u'n')}}).status, 201);
        BoxErrorTexts::verify(m_http.postJson(u"/2.0/users"_s,
                                              QJsonObject{{u"is_platform_access_only"_s, true}},
                                              jwt()),
                              400, u"bad_request"_s);
        BoxErrorTexts::verify(postAppUser(QJsonObject{{u"status"_s, u"sleeping"_s}}), 400,
                              u"bad_request"_s);
        // A managed user needs a login.
        BoxErrorTexts::verify(
            m_http.postJson(u"/2.0/users"_s, QJsonObject{{u"name"_s, u"No Login"_s}}, jwt()), 400,
            u"bad_request"_s);
    }

    void ccgAppCreatesAppUsersButNotManagedUsers()
    {
        const SandboxApp ccg = m_sandbox.app(u"Sandbox CCG App"_s);
        HttpResult r = postAppUser({}, m_ccg);
        QCOMPARE(r.status, 201);
        QVERIFY(r.jsonString(u"login"_s).startsWith(u"AppUser_"_s + ccg.serviceId + u'_'));
        r = m_http.postJson(u"/2.0/users"_s,
                            QJsonObject{{u"name"_s, u"Managed"_s},
                                        {u"login"_s, u"managed.by.ccg@sandbox.example.com"_s}},
                            SandboxHttp::bearer(m_ccg));
        BoxErrorTexts::verify(r, 403, u"access_denied_insufficient_permissions"_s);
    }

    // --- PUT / DELETE /users/{id} ---------------------------------------------------------
    void updateUser()
    {
        const QString id = postAppUser().jsonString(u"id"_s);
        HttpResult r = m_http.putJson(u"/2.0/users/"_s + id,
                                      QJsonObject{{u"name"_s, u"Renamed"_s},
                                                  {u"status"_s, u"inactive"_s},
                                                  {u"phone"_s, u"555-0100"_s}},
                                      jwt());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.jsonString(u"name"_s), u"Renamed"_s);
        QCOMPARE(r.jsonString(u"status"_s), u"inactive"_s);
        r = m_http.get(u"/2.0/users/"_s + id, jwt());
        QCOMPARE(r.jsonString(u"name"_s), u"Renamed"_s);
        QCOMPARE(r.jsonString(u"phone"_s), u"555-0100"_s);
        BoxErrorTexts::verify(m_http.putJson(u"/2.0/users/"_s + id,
                                             QJsonObject{{u"name"_s, QString(51, u'x')}}, jwt()),
                              400, u"bad_request"_s);
        BoxErrorTexts::verify(
            m_http.putJson(u"/2.0/users/999"_s, QJsonObject{{u"name"_s, u"x"_s}}, jwt()), 404,
            u"not_found"_s);
        // Numbers no integer can hold are refused, never converted (UB) into a quota.
        for (const double amount : {1e300, 9.3e18, -5.0, 2.5}) {
            BoxErrorTexts::verify(m_http.putJson(u"/2.0/users/"_s + id,
                                                 QJsonObject{{u"space_amount"_s, amount}}, jwt()),
                                  400, u"bad_request"_s);
        }
    }

    void deleteUser()
    {
        const qint64 before = m_sandbox.counters().value(u"users_deleted"_s).toInteger();
        // A fresh app user owns nothing: deleted without force.
        const QString fresh = postAppUser().jsonString(u"id"_s);
        HttpResult r = m_http.del(u"/2.0/users/"_s + fresh + u"?notify=false"_s, jwt());
        QCOMPARE(r.status, 204);
        QVERIFY(r.body.isEmpty());
        BoxErrorTexts::verify(m_http.get(u"/2.0/users/"_s + fresh, jwt()), 404, u"not_found"_s);
        // A seeded app user owns a folder: refused without force, deleted with force=true.
        const QString owner = userIdByName(u"App User 00025"_s);
        r = m_http.del(u"/2.0/users/"_s + owner, jwt());
        QCOMPARE(r.status, 400);
        QCOMPARE(m_http.get(u"/2.0/users/"_s + owner, jwt()).status, 200);
        r = m_http.del(u"/2.0/users/"_s + owner + u"?force=true"_s, jwt());
        QCOMPARE(r.status, 204);
        BoxErrorTexts::verify(m_http.get(u"/2.0/users/"_s + owner, jwt()), 404, u"not_found"_s);
        QCOMPARE(m_sandbox.counters().value(u"users_deleted"_s).toInteger(), before + 2);
        // Deleting again, or deleting oneself.
        BoxErrorTexts::verify(m_http.del(u"/2.0/users/"_s + owner + u"?force=true"_s, jwt()), 404,
                              u"not_found"_s);
        QCOMPARE(
            m_http
                .del(u"/2.0/users/"_s + m_sandbox.app(u"Sandbox JWT App"_s).serviceAccountId, jwt())
                .status,
            404);
    }

    // --- As-User --------------------------------------------------------------------------
    void asUser()
    {
        const QString appUser = userIdByName(u"App User 00005"_s);
        HttpResult r = m_http.get(u"/2.0/users/me"_s, jwt({{"As-User"_ba, appUser.toLatin1()}}));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.jsonString(u"id"_s), appUser);
        // A managed user (the JWT app has App + Enterprise Access).
        r = m_http.get(u"/2.0/users/me"_s,
                       jwt({{"As-User"_ba, m_sandbox.demoUser().id.toLatin1()}}));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.jsonString(u"login"_s), m_sandbox.demoUser().login);
        // Never the Service Account's own id; never another app's app user; never unknown ids.
        const SandboxApp app = m_sandbox.app(u"Sandbox JWT App"_s);
        BoxErrorTexts::verify(
            m_http.get(u"/2.0/users/me"_s, jwt({{"As-User"_ba, app.serviceAccountId.toLatin1()}})),
            403, u"access_denied_insufficient_permissions"_s);
        const QString ccgUser = field(entries(list({}, m_ccg)), u"id"_s).value(0);
        BoxErrorTexts::verify(
            m_http.get(u"/2.0/users/me"_s, jwt({{"As-User"_ba, ccgUser.toLatin1()}})), 403,
            u"access_denied_insufficient_permissions"_s);
        BoxErrorTexts::verify(m_http.get(u"/2.0/users/me"_s, jwt({{"As-User"_ba, "12345"_ba}})),
                              403, u"access_denied_insufficient_permissions"_s);
        // A non-admin caller (an app user's own token) cannot use As-User.
        const QString userToken =
            SandboxAuth::jwtToken(m_http, m_sandbox, app.name, u"user"_s, appUser);
        QVERIFY(!userToken.isEmpty());
        BoxErrorTexts::verify(
            m_http.get(u"/2.0/users/me"_s,
                       SandboxHttp::bearer(userToken,
                                           {{"As-User"_ba, m_sandbox.demoUser().id.toLatin1()}})),
            403, u"access_denied_insufficient_permissions"_s);
    }

    void asUserNeedsTheAppFeature()
    {
        // Authorize the second JWT app: it lacks "Perform Actions as Users".
        const SandboxApp pending = m_sandbox.app(u"Sandbox Unauthorized JWT App"_s);
        QCOMPARE(m_http.send("POST"_ba, u"/_sandbox/apps/"_s + pending.clientId + u"/authorize"_s)
                     .status,
                 200);
        const QString token = SandboxAuth::enterpriseJwtToken(m_http, m_sandbox, pending.name);
        QVERIFY(!token.isEmpty());
        QCOMPARE(m_http.get(u"/2.0/users/me"_s, SandboxHttp::bearer(token)).status, 200);
        const HttpResult r = m_http.get(
            u"/2.0/users/me"_s,
            SandboxHttp::bearer(token, {{"As-User"_ba, m_sandbox.demoUser().id.toLatin1()}}));
        BoxErrorTexts::verify(r, 403, u"access_denied_insufficient_permissions"_s);
    }

    // --- App tokens (Limited Access app) ------------------------------------------------------
    void limitedAccessAppCannotManageUsers()
    {
        const SandboxApp limited = m_sandbox.app(u"Sandbox Limited Access App"_s);
        QVERIFY(!limited.appToken.isEmpty());
        const RawHeaders auth = SandboxHttp::bearer(limited.appToken);
        BoxErrorTexts::verify(m_http.get(u"/2.0/users"_s, auth), 403,
                              u"access_denied_insufficient_permissions"_s);
        BoxErrorTexts::verify(
            m_http.postJson(u"/2.0/users"_s,
                            QJsonObject{{u"name"_s, u"X"_s}, {u"is_platform_access_only"_s, true}},
                            auth),
            403, u"access_denied_insufficient_permissions"_s);
        BoxErrorTexts::verify(m_http.get(u"/2.0/users/me"_s, auth), 403,
                              u"access_denied_insufficient_permissions"_s);
        BoxErrorTexts::verify(m_http.get(u"/2.0/users/"_s + m_sandbox.demoUser().id, auth), 403,
                              u"access_denied_insufficient_permissions"_s);
        // POST /folders is on Box's app-token endpoint list.
        const HttpResult r =
            m_http.postJson(u"/2.0/folders"_s,
                            QJsonObject{{u"name"_s, u"App Token Folder"_s},
                                        {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}},
                            auth);
        QCOMPARE(r.status, 201);
    }

    void appUserTokenCannotListUsers()
    {
        const QString appUser = userIdByName(u"App User 00002"_s);
        const QString token =
            SandboxAuth::jwtToken(m_http, m_sandbox, u"Sandbox JWT App"_s, u"user"_s, appUser);
        BoxErrorTexts::verify(list({}, token), 403, u"access_denied_insufficient_permissions"_s);
        // ...but reads and updates itself.
        QCOMPARE(m_http.get(u"/2.0/users/"_s + appUser, SandboxHttp::bearer(token)).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestSandboxUsers)
#include "tst_sandbox_users.moc"
