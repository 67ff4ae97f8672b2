// The Folders tab's request dialogs when Box's answer is not the usual one: a POST cancelled
// in flight (Esc) tells the caller Box may have applied it and shows nothing in the closed
// dialog; a shared link shows the access Box actually granted (effective_access).
#include "../api/localhttpserver.h"
#include "core/api/boxclient.h"
#include "core/api/fixedtokenauth.h"
#include "ui/content/newfolderdialog.h"
#include "ui/content/sharedlinkdialog.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {
BoxClient *localClient(quint16 port)
{
    AppProfile profile;
    profile.method = AuthMethod::DeveloperToken;
    profile.apiBaseUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(port));
    auto *client = new BoxClient(profile, nullptr, nullptr);
    client->setAuthenticator(new DeveloperTokenAuthenticator(client, u"fixedtoken0123456789"_s,
                                                             QDateTime::currentDateTimeUtc()));
    return client;
}
} // namespace

class TestContentDialogs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cancelledPostIsAbandonedQuietly()
    {
        // A server that takes the request and never answers: the POST stays in flight.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        QList<QTcpSocket *> held;
        connect(&silent, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket *s = silent.nextPendingConnection())
                held.append(s);
        });
        std::unique_ptr<BoxClient> client(localClient(silent.serverPort()));
        NewFolderDialog dialog(client.get(), u"0"_s, u"All Files"_s, {});
        QSignalSpy abandoned(&dialog, &ApiFormDialog::requestAbandoned);
        dialog.findChild<QLineEdit *>(u"folderNameEdit"_s)->setText(u"Reports"_s);
        dialog.submit();
        QVERIFY(dialog.isBusy());
        QTRY_VERIFY(!held.isEmpty());
        dialog.reject(); // Esc
        QCOMPARE(abandoned.size(), 1);
        QVERIFY(!dialog.isBusy());
        // The cancellation's answer never reached the closing dialog.
        QCOMPARE(dialog.errorText(), QString());
    }

    void sharedLinkShowsEffectiveAccess()
    {
        // Asked for "open", the enterprise allows "company" only: Box says so in effective_access.
        LocalHttpServer server([](const LocalHttpServer::Request &r) {
            if (r.method == "GET")
                return LocalHttpServer::response(
                    200, R"({"type":"file","id":"5","name":"a.txt","shared_link":null})");
            return LocalHttpServer::response(
                200, R"({"type":"file","id":"5","name":"a.txt","shared_link":{)"
                     R"("url":"https://app.box.com/s/abc","access":"open",)"
                     R"("effective_access":"company"}})");
        });
        QString why;
        QVERIFY2(server.listen(false, &why), qPrintable(why));
        std::unique_ptr<BoxClient> client(localClient(server.port()));
        SharedLinkDialog dialog(client.get(), u"5"_s, u"a.txt"_s, {});
        auto *create = dialog.findChild<QPushButton *>(u"createSharedLinkButton"_s);
        QTRY_VERIFY(create->isEnabled());
        create->click();
        QTRY_COMPARE(dialog.url(), u"https://app.box.com/s/abc"_s);
        const QString info = dialog.findChild<QLabel *>(u"sharedLinkInfo"_s)->text();
        QVERIFY2(info.contains(u"People in the company"_s), qPrintable(info));
        QVERIFY2(!info.contains(u"People with the link"_s), qPrintable(info));
    }
};

QTEST_MAIN(TestContentDialogs)
#include "tst_contentdialogs.moc"
