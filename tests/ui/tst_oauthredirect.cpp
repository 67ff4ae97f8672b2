// Pure logic of the embedded OAuth login: redirect URI matching (Box's rule: exact scheme,
// host and path; any port on loopback), redirect parsing, the address bar's security marker
// and the outcome messages. No WebEngine is started: runs on the offscreen platform.
#include "core/oauth/oauthloginresult.h"
#include "core/oauth/oauthredirect.h"
#include "ui/oauth/addressbar.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestOAuthRedirect : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matches_data()
    {
        QTest::addColumn<QString>("registered");
        QTest::addColumn<QString>("candidate");
        QTest::addColumn<bool>("expected");
        const QString loop = u"http://127.0.0.1/callback"_s;
        QTest::newRow("loopback same") << loop << u"http://127.0.0.1/callback?code=x"_s << true;
        QTest::newRow("loopback any port")
            << loop << u"http://127.0.0.1:53682/callback?code=x&state=s"_s << true;
        QTest::newRow("loopback registered port, other port")
            << u"http://127.0.0.1:8080/callback"_s << u"http://127.0.0.1:9/callback"_s << true;
        QTest::newRow("ipv6 loopback any port")
            << u"http://[::1]/cb"_s << u"http://[::1]:4711/cb?code=1"_s << true;
        QTest::newRow("localhost any port")
            << u"http://localhost/cb"_s << u"http://localhost:1234/cb"_s << true;
        QTest::newRow("other path") << loop << u"http://127.0.0.1/callback2"_s << false;
        QTest::newRow("path prefix") << loop << u"http://127.0.0.1/callback/x"_s << false;
        QTest::newRow("path case") << loop << u"http://127.0.0.1/Callback"_s << false;
        QTest::newRow("other host") << loop << u"http://127.0.0.2.example.com/callback"_s << false;
        QTest::newRow("localhost is not 127.0.0.1")
            << loop << u"http://localhost/callback"_s << false;
        QTest::newRow("other scheme") << loop << u"https://127.0.0.1/callback"_s << false;
        QTest::newRow("user info") << loop << u"http://evil@127.0.0.1/callback"_s << false;
        QTest::newRow("https default port")
            << u"https://app.example.com/oauth"_s << u"https://app.example.com:443/oauth?code=1"_s
            << true;
        QTest::newRow("non-loopback port must match")
            << u"https://app.example.com/oauth"_s << u"https://app.example.com:8443/oauth"_s
            << false;
        QTest::newRow("non-loopback explicit port")
            << u"https://app.example.com:8443/oauth"_s
            << u"https://app.example.com:8443/oauth?code=1"_s << true;
        QTest::newRow("host case-insensitive")
            << u"https://App.Example.com/oauth"_s << u"https://app.example.com/oauth"_s << true;
        QTest::newRow("registered query kept")
            << u"https://app.example.com/oauth?tenant=a"_s
            << u"https://app.example.com/oauth?tenant=a&code=1"_s << true;
        QTest::newRow("registered query missing")
            << u"https://app.example.com/oauth?tenant=a"_s
            << u"https://app.example.com/oauth?code=1"_s << false;
        // Found by fuzz_oauthredirect: a query key with '+' or an escape did not match itself.
        QTest::newRow("registered query with escapes")
            << u"https://app.example.com/oauth?a+b%2B=c%20d&x"_s
            << u"https://app.example.com/oauth?a+b%2B=c%20d&x&code=1"_s << true;
        QTest::newRow("registered query with escapes, other value")
            << u"https://app.example.com/oauth?a+b%2B=c%20d"_s
            << u"https://app.example.com/oauth?a+b%2B=c&code=1"_s << false;
        QTest::newRow("authorize page is not the redirect")
            << loop << u"http://127.0.0.1:4000/api/oauth2/authorize?redirect_uri=x"_s << false;
    }
    void matches()
    {
        QFETCH(QString, registered);
        QFETCH(QString, candidate);
        QFETCH(bool, expected);
        QCOMPARE(OAuthRedirect::matches(QUrl(registered), QUrl(candidate)), expected);
    }

    void parsesCodeAndState()
    {
        const auto p = OAuthRedirect::parse(
            QUrl(u"http://127.0.0.1:5000/callback?code=abc123&state=s%2Fx%3D%3D"_s));
        QCOMPARE(p.code, u"abc123"_s);
        QVERIFY(p.hasState);
        QCOMPARE(p.state, u"s/x=="_s);
        QVERIFY(p.error.isEmpty());
    }

    void parsesErrors()
    {
        const auto p = OAuthRedirect::parse(
            QUrl(u"http://127.0.0.1/callback?error=access_denied&error_description=The%20user%20"
                 "denied+access&state=st"_s));
        QVERIFY(p.code.isEmpty());
        QCOMPARE(p.error, u"access_denied"_s);
        QCOMPARE(p.errorDescription, u"The user denied access"_s);
        QCOMPARE(p.state, u"st"_s);
    }

    void missingStateIsNotEmptyState()
    {
        const auto none = OAuthRedirect::parse(QUrl(u"http://127.0.0.1/callback?code=1"_s));
        QVERIFY(!none.hasState);
        const auto empty = OAuthRedirect::parse(QUrl(u"http://127.0.0.1/callback?code=1&state="_s));
        QVERIFY(empty.hasState);
        QVERIFY(empty.state.isEmpty());
    }

    void constantTimeEquals()
    {
        QVERIFY(OAuthRedirect::constantTimeEquals(u"abc"_s, u"abc"_s));
        QVERIFY(!OAuthRedirect::constantTimeEquals(u"abc"_s, u"abd"_s));
        QVERIFY(!OAuthRedirect::constantTimeEquals(u"abc"_s, u"abcd"_s));
        QVERIFY(!OAuthRedirect::constantTimeEquals(u"abc"_s, QString()));
        QVERIFY(OAuthRedirect::constantTimeEquals(QString(), QString()));
    }

    void loopbackHosts()
    {
        QVERIFY(OAuthRedirect::isLoopbackHost(u"127.0.0.1"_s));
        QVERIFY(OAuthRedirect::isLoopbackHost(u"127.4.5.6"_s));
        QVERIFY(OAuthRedirect::isLoopbackHost(u"::1"_s));
        QVERIFY(OAuthRedirect::isLoopbackHost(u"[::1]"_s));
        QVERIFY(OAuthRedirect::isLoopbackHost(u"LOCALHOST"_s));
        QVERIFY(!OAuthRedirect::isLoopbackHost(u"account.box.com"_s));
        QVERIFY(!OAuthRedirect::isLoopbackHost(u"10.0.0.1"_s));
        QVERIFY(!OAuthRedirect::isLoopbackHost(QString()));
    }

    void addressBarSecurity()
    {
        AddressBar bar;
        bar.setUrl(QUrl(u"https://account.box.com/api/oauth2/authorize?state=x"_s));
        QCOMPARE(bar.security(), AddressBar::Security::Secure);
        QCOMPARE(bar.hostText(), u"account.box.com"_s);
        QVERIFY(!AddressBar::securityIcon(bar.security()).isNull());
        bar.setUrl(QUrl(u"http://127.0.0.1:4711/api/oauth2/authorize"_s));
        QCOMPARE(bar.security(), AddressBar::Security::LocalSandbox);
        QCOMPARE(bar.hostText(), u"127.0.0.1:4711"_s);
        QVERIFY(bar.securityText().contains(u"local sandbox"_s));
        bar.setUrl(QUrl(u"http://box.example.com/"_s));
        QCOMPARE(bar.security(), AddressBar::Security::NotSecure);
        QVERIFY(bar.securityText().startsWith(u"Not secure"_s));
        // The query (codes, states) never shows in the bar.
        QVERIFY(!bar.hostText().contains(u'?'));
    }

    void resultFromRedirect()
    {
        using R = OAuthLoginResult;
        const QString base = u"http://127.0.0.1:5000/callback"_s;
        R ok = R::fromRedirect(QUrl(base + u"?code=c1&state=s1"_s), u"s1"_s);
        QCOMPARE(R::kindName(ok.kind), u"Success"_s);
        QCOMPARE(ok.code, u"c1"_s);
        QCOMPARE(ok.redirectUri, QUrl(base));
        // The state is checked before anything else: a foreign code or error is dropped.
        R foreign = R::fromRedirect(QUrl(base + u"?code=c1&state=s2"_s), u"s1"_s);
        QCOMPARE(R::kindName(foreign.kind), u"StateMismatch"_s);
        QVERIFY(foreign.code.isEmpty());
        QCOMPARE(R::kindName(R::fromRedirect(QUrl(base + u"?code=c1"_s), u"s1"_s).kind),
                 u"StateMismatch"_s);
        QCOMPARE(R::kindName(
                     R::fromRedirect(QUrl(base + u"?error=access_denied&state=x"_s), u"s1"_s).kind),
                 u"StateMismatch"_s);
        R denied = R::fromRedirect(QUrl(base + u"?error=access_denied&state=s1"_s), u"s1"_s);
        QCOMPARE(R::kindName(denied.kind), u"Denied"_s);
        R other = R::fromRedirect(
            QUrl(base + u"?error=invalid_scope&error_description=bad%20scope&state=s1"_s), u"s1"_s);
        QCOMPARE(R::kindName(other.kind), u"ProviderError"_s);
        QCOMPARE(other.error, u"invalid_scope"_s);
        QCOMPARE(other.errorDescription, u"bad scope"_s);
        R empty = R::fromRedirect(QUrl(base + u"?state=s1"_s), u"s1"_s);
        QCOMPARE(R::kindName(empty.kind), u"ProviderError"_s);
    }

    void everyOutcomeHasItsOwnMessage()
    {
        using K = OAuthLoginResult::Kind;
        QSet<QString> messages;
        for (K kind : {K::Success, K::Denied, K::ProviderError, K::StateMismatch, K::Closed,
                       K::TimedOut, K::LoadFailed}) {
            OAuthLoginResult r;
            r.kind = kind;
            QVERIFY(!r.message().isEmpty());
            messages.insert(r.message());
        }
        QCOMPARE(messages.size(), 7);
        OAuthLoginResult mismatch;
        mismatch.kind = K::ProviderError;
        mismatch.error = u"redirect_uri_mismatch"_s;
        QVERIFY(mismatch.message().contains(u"redirect_uri_mismatch"_s));
        OAuthLoginResult other;
        other.kind = K::ProviderError;
        other.error = u"invalid_scope"_s;
        other.errorDescription = u"Scope x is not allowed"_s;
        QVERIFY(other.message().contains(u"invalid_scope"_s));
        QVERIFY(other.message().contains(u"Scope x is not allowed"_s));
    }
};

QTEST_MAIN(TestOAuthRedirect)
#include "tst_oauthredirect.moc"
