// The Token view of a Limited Access (App Token) app says truthfully what its check did. The
// check is POST /folders without a name, which Box refuses (400) after accepting the token
// (the sandbox case is in tst_serviceaccountpane); should a server ever answer it as done
// (2xx), the view says a folder was made, and which, rather than "nothing was created".
// A tiny local server (tests/api/localhttpserver.*) stands in for such a Box; the profile and
// its app token live in the real keychain (run inside headless-session.sh).
#include "appfixture.h"
#include "core/api/requestlog.h"
#include "core/profilemanager.h"
#include "core/session/profilesessionregistry.h"
#include "localhttpserver.h"
#include "ui/messagebanner.h"
#include "ui/serviceaccount/apptokenpanel.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString LimitedApp = u"Sandbox Limited Access App"_s;
} // namespace

class TestAppTokenCheck : public QObject
{
    Q_OBJECT

private:
    AppFixture m_app;

private Q_SLOTS:
    void initTestCase()
    {
        AppFixture::Options options;
        options.sandboxApps = {LimitedApp};
        QVERIFY(m_app.start(u"tst_apptokencheck"_s, options));
    }

    void cleanupTestCase() { QVERIFY(m_app.finish()); }

    void aCheckThatMadeAFolderSaysSo()
    {
        LocalHttpServer server([](const LocalHttpServer::Request &r) {
            if (r.method == "POST" && r.target == "/2.0/folders")
                return LocalHttpServer::response(
                    201, R"({"type":"folder","id":"4242","name":"Untitled Folder"})");
            return LocalHttpServer::response(404, R"({"type":"error","status":404})");
        });
        QString error;
        QVERIFY2(server.listen(false, &error), qPrintable(error));
        AppProfile profile = m_app.sandbox().profile(LimitedApp);
        profile.id.clear();
        profile.name = u"Box that makes nameless folders"_s;
        profile.apiBaseUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(server.port()));
        const QString id = m_app.addProfile(profile, m_app.sandbox().secrets(LimitedApp));
        QVERIFY(!id.isEmpty());

        RequestLog log;
        ProfileSessionRegistry sessions(m_app.manager(), &log);
        AppTokenPanel panel(&sessions);
        panel.setProfile(m_app.manager()->profile(id));
        panel.show();
        QSignalSpy checked(&panel, &AppTokenPanel::checked);
        QTest::mouseClick(find<QPushButton>(&panel, u"checkAppTokenButton"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(checked.size(), 1, 30000);
        QCOMPARE(checked.first().first().toBool(), true);
        QCOMPARE(server.requests().size(), 1);

        auto *banner = find<MessageBanner>(&panel, u"appTokenBanner"_s);
        QVERIFY(banner->isVisible());
        QVERIFY2(banner->title().startsWith(u"Box accepts this app token"_s),
                 qPrintable(banner->title()));
        const QString details = banner->details().join(u'\n');
        QVERIFY2(!details.contains(u"nothing was created"_s), qPrintable(details));
        QVERIFY2(details.contains(u"created a folder"_s) &&
                     details.contains(u"\"Untitled Folder\" (ID 4242)"_s),
                 qPrintable(details));
        QVERIFY(m_app.removeProfile(id));
    }
};

QTEST_MAIN(TestAppTokenCheck)
#include "tst_apptokencheck.moc"
