#pragma once

// What the App Users test programs (the model; export and act-as) share: the in-process
// sandbox seeded with 5,000 app users of the JWT app, a signed-in client, and the number of
// users the app sees, asked independently of the code under test.

#include "apitestsupport.h"
#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/api/requestlog.h"
#include "core/appusers/appusersmodel.h"

#include <QJsonArray>
#include <QObject>
#include <QTest>
#include <QUrlQuery>

inline constexpr int SeededUsers = 5000;
inline const QString JwtApp = QStringLiteral("Sandbox JWT App");

// The ID of the user with external ID externalId, looked up with client; empty if none.
inline QString userIdForExternalId(BoxClient *client, const QString &externalId)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("external_app_user_id"), externalId);
    return waitFor(client->get(QStringLiteral("/users"), q))
        .json()
        .value(QStringLiteral("entries"))
        .toArray()
        .first()
        .toObject()
        .value(QStringLiteral("id"))
        .toString();
}

class AppUsersFixture : public QObject
{
protected:
    // Starts the seeded sandbox, signs in and counts the users (call from initTestCase).
    void startSeededSandbox()
    {
        SandboxOptions options;
        options.users = SeededUsers;
        QVERIFY(m_fx.start(options));
        m_client = m_fx.authenticatedClient(JwtApp, this);
        m_client->requestLog()->setCapacity(100000);
        // The number of users the app sees, asked independently of the model.
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("limit"), QStringLiteral("1"));
        q.addQueryItem(QStringLiteral("offset"), QStringLiteral("0"));
        const ApiResult r = waitFor(m_client->get(QStringLiteral("/users"), q));
        QVERIFY2(r.ok(), qPrintable(r.error.summary()));
        m_expectedTotal = qint64(r.json().value(QStringLiteral("total_count")).toDouble());
        // The app's 5,000 app users plus the enterprise's managed users (App + Enterprise
        // Access); never the Service Accounts.
        QVERIFY(m_expectedTotal >= SeededUsers);
        QVERIFY(m_expectedTotal < SeededUsers + 10);
    }

    SandboxFixture m_fx;
    BoxClient *m_client = nullptr;
    qint64 m_expectedTotal = -1;
};
