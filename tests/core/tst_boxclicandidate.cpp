// Box CLI's storage formats and how each environment becomes an import candidate (issue 16):
// the plain-language texts a user reads in the preview, per method. Files are written by the
// test; the Secret Service and the dialog are covered by tests/ui/tst_boxcliimport.
#include "core/boxcli/boxclicandidate.h"
#include "core/boxcli/boxclilayout.h"

#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr qint64 kDayMs = 24LL * 60 * 60 * 1000;
const qint64 kNow = QDateTime(QDate(2026, 12, 5), QTime(10, 0), Qt::UTC).toMSecsSinceEpoch();

BoxCliEnvironment ccgEnvironment(const QString &configPath)
{
    BoxCliEnvironment env;
    env.name = u"ccg"_s;
    env.authMethod = u"ccg"_s;
    env.clientId = u"abc123"_s;
    env.clientSecret = u"ccg-client-secret"_s;
    env.configFilePath = configPath;
    return env;
}

BoxCliEnvironment oauthEnvironment()
{
    BoxCliEnvironment env;
    env.name = u"me"_s;
    env.authMethod = u"oauth20"_s;
    env.clientId = u"def456"_s;
    env.clientSecret = u"oauth-client-secret"_s;
    return env;
}

BoxCliTokenCache cacheAcquired(qint64 acquiredAtMs)
{
    BoxCliTokenCache cache;
    cache.accessToken = u"access"_s;
    cache.refreshToken = u"cached-refresh-token"_s;
    cache.acquiredAtMs = acquiredAtMs;
    cache.accessTokenTtlMs = 3600000;
    return cache;
}
} // namespace

class TestBoxCliCandidate : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        file.write(bytes);
        return path;
    }

private Q_SLOTS:
    void parsesBoxCliEnvironments()
    {
        const BoxCliEnvironments parsed = BoxCliLayout::parseEnvironments(
            "{\"default\":\"prod\",\"environments\":{ "
            "\"prod\":{\"clientId\":\"abc\",\"enterpriseId\":\"77\",\"boxConfigFilePath\":\"/home/"
            "u/box_config.json\", "
            "\"hasInLinePrivateKey\":true,\"privateKeyPath\":null,\"name\":\"prod\", "
            "\"defaultAsUserId\":null,\"useDefaultAsUser\":false,\"cacheTokens\":true}, "
            "\"me\":{\"clientId\":\"def\",\"clientSecret\":\"ghi\",\"name\":\"me\",\"cacheTokens\":"
            "false, \"authMethod\":\"oauth20\"}}}");
        QVERIFY(parsed.error.isEmpty());
        QCOMPARE(parsed.defaultName, u"prod"_s);
        QCOMPARE(parsed.environments.size(), 2);
        const BoxCliEnvironment me = parsed.environments.at(0);
        const BoxCliEnvironment prod = parsed.environments.at(1);
        QCOMPARE(prod.name, u"prod"_s);
        QVERIFY(prod.isDefault);
        QVERIFY(prod.authMethod.isEmpty());
        QCOMPARE(prod.enterpriseId, u"77"_s);
        QCOMPARE(prod.configFilePath, u"/home/u/box_config.json"_s);
        QVERIFY(prod.hasInlinePrivateKey);
        QVERIFY(!me.isDefault);
        QCOMPARE(me.authMethod, u"oauth20"_s);
        QCOMPARE(me.clientSecret, u"ghi"_s);
        QVERIFY(!me.cacheTokens);

        QVERIFY(BoxCliLayout::parseEnvironments("{\"default\":null")
                    .error.startsWith(u"It is not valid JSON"_s));
        QCOMPARE(BoxCliLayout::parseEnvironments("{\"default\":null}").error,
                 u"It has no \"environments\" object, so it is not Box CLI's list."_s);
    }

    void tokenCacheWithoutAccessTokenIsEmpty()
    {
        QVERIFY(!BoxCliLayout::parseTokenCache("{\"refreshToken\":\"r\"}"));
        const auto cache =
            BoxCliLayout::parseTokenCache("{\"accessToken\":\"a\",\"accessTokenTTLMS\":3600000,"
                                          "\"refreshToken\":\"r\",\"acquiredAtMS\":1000}");
        QVERIFY(cache);
        QCOMPARE(cache->refreshToken, u"r"_s);
        QCOMPARE(cache->refreshTokenExpiresAtMs(), 1000 + 60 * kDayMs);
    }

    void ccgTakesTheEnterpriseFromTheConfigFile()
    {
        const QString path =
            write(u"ccg_config.json"_s, "{\"boxAppSettings\":{\"clientID\":\"abc123\","
                                        "\"clientSecret\":\"x\"}, \"enterpriseID\":\"4242\"}");
        const BoxCliCandidate c = BoxCliCandidates::build(ccgEnvironment(path), {}, {}, kNow);
        QVERIFY2(c.importable(), qPrintable(c.problems.join(u'\n')));
        QCOMPARE(c.profile.method, AuthMethod::ClientCredentials);
        QCOMPARE(c.profile.name, u"ccg"_s);
        QCOMPARE(c.profile.subjectType, SubjectType::Enterprise);
        QCOMPARE(c.profile.subjectId, u"4242"_s);
        QCOMPARE(c.secrets.clientSecret, u"ccg-client-secret"_s); // Box CLI's own, not the file's
        QCOMPARE(c.imports,
                 QStringList{u"Client ID and client secret; Service Account of enterprise 4242"_s});
    }

    // Developer Console writes enterpriseID as a string; a hand-edited file may have a number.
    void ccgTakesANumericEnterpriseId()
    {
        const QString path =
            write(u"ccg_number.json"_s, "{\"boxAppSettings\":{\"clientID\":\"abc123\"}, "
                                        "\"enterpriseID\":4242}");
        const BoxCliCandidate c = BoxCliCandidates::build(ccgEnvironment(path), {}, {}, kNow);
        QVERIFY2(c.importable(), qPrintable(c.problems.join(u'\n')));
        QCOMPARE(c.profile.subjectId, u"4242"_s);
    }

    // A broken config.json whose key Box CLI keeps in a separate file: the parse error, not
    // every field reported missing.
    void jwtBrokenConfigWithSeparateKeySaysItIsNotJson()
    {
        BoxCliEnvironment env;
        env.name = u"separate"_s;
        env.configFilePath = write(u"broken_config.json"_s, "{\"boxAppSettings\": {");
        env.hasInlinePrivateKey = false;
        env.privateKeyPath = write(u"broken_key.pem"_s, "-----BEGIN ENCRYPTED PRIVATE KEY-----");
        const BoxCliCandidate c = BoxCliCandidates::build(env, {}, {}, kNow);
        QVERIFY(!c.importable());
        QCOMPARE(c.problems.size(), 1);
        QVERIFY2(
            c.problems.first().startsWith(u"broken_config.json: config.json is not valid JSON: "_s),
            qPrintable(c.problems.first()));
        QVERIFY(!c.problems.first().contains(u"missing"_s));
    }

    void ccgUserNeedsNoConfigFile()
    {
        BoxCliEnvironment env = ccgEnvironment(m_dir.filePath(u"gone.json"_s));
        env.ccgUser = u"9001"_s;
        const BoxCliCandidate c = BoxCliCandidates::build(env, {}, {}, kNow);
        QVERIFY2(c.importable(), qPrintable(c.problems.join(u'\n')));
        QCOMPARE(c.profile.subjectType, SubjectType::User);
        QCOMPARE(c.profile.subjectId, u"9001"_s);
        QCOMPARE(c.notes, QStringList{u"The config file %1 is missing: it was moved or deleted "
                                      "since Box CLI added this environment."_s.arg(
                                          m_dir.filePath(u"gone.json"_s))});
    }

    void ccgWithoutAnyEnterpriseIsRefused()
    {
        const QString gone = m_dir.filePath(u"moved/ccg.json"_s);
        const BoxCliCandidate c = BoxCliCandidates::build(ccgEnvironment(gone), {}, {}, kNow);
        QVERIFY(!c.importable());
        QCOMPARE(c.problems, QStringList{u"The config file %1 is missing: it was moved or deleted "
                                         "since Box CLI added this environment."_s.arg(gone)});
        QVERIFY(c.secrets.isEmpty()); // nothing secret outlives a refused candidate
        QVERIFY(c.imports.isEmpty());
    }

    // Box refresh tokens are single-use: the cached one is offered, never taken by default.
    void oauthOffersAValidCachedSignInWithoutTakingIt()
    {
        const BoxCliCandidate c = BoxCliCandidates::build(
            oauthEnvironment(), cacheAcquired(kNow - 10 * kDayMs), {}, kNow);
        QVERIFY(c.importable());
        QCOMPARE(c.profile.method, AuthMethod::OAuth2);
        QCOMPARE(c.profile.redirectUri, u"http://localhost:3000/callback"_s);
        QCOMPARE(c.secrets.clientSecret, u"oauth-client-secret"_s);
        QVERIFY(c.secrets.refreshToken.isEmpty());
        QVERIFY(c.canTakeOverSignIn());
        QCOMPARE(c.cachedSignInExpiresAtMs, kNow + 50 * kDayMs);
        QCOMPARE(c.secretsTakingOverSignIn().refreshToken, u"cached-refresh-token"_s);
        QCOMPARE(c.secretsTakingOverSignIn().clientSecret, u"oauth-client-secret"_s);
        QCOMPARE(c.imports.size(), 1);
        QCOMPARE(c.notes.size(), 1);
        QVERIFY(c.notes.first().startsWith(u"Box CLI is signed in (until "_s));
    }

    // Box CLI's own app shares one client ID among all its users' OAuth environments: only the
    // same client ID and the same name is "already in Box Companion".
    void oauthSameAppNeedsTheSameName()
    {
        const BoxCliCandidate c = BoxCliCandidates::build(oauthEnvironment(), {}, {}, kNow);
        AppProfile existing = c.profile;
        QVERIFY(c.sameAppAs(existing));
        existing.name = u"someone else"_s;
        QVERIFY(!c.sameAppAs(existing));
    }

    void oauthWithoutUsableTokensSignsInAfterwards()
    {
        const BoxCliCandidate expired = BoxCliCandidates::build(
            oauthEnvironment(), cacheAcquired(kNow - 61 * kDayMs), {}, kNow);
        QVERIFY(expired.importable());
        QVERIFY(expired.secrets.refreshToken.isEmpty());
        QCOMPARE(expired.notes.size(), 1);
        QVERIFY(expired.notes.first().startsWith(u"Box CLI's cached sign-in expired on "_s));
        QVERIFY(expired.notes.first().endsWith(u": sign in after the import."_s));

        const BoxCliCandidate none = BoxCliCandidates::build(oauthEnvironment(), {}, {}, kNow);
        QCOMPARE(none.notes, QStringList{u"No cached tokens: sign in after the import."_s});

        BoxCliEnvironment noCache = oauthEnvironment();
        noCache.cacheTokens = false;
        const BoxCliCandidate off = BoxCliCandidates::build(noCache, cacheAcquired(kNow), {}, kNow);
        QVERIFY(off.secrets.refreshToken.isEmpty());
        QCOMPARE(off.notes, QStringList{u"Box CLI does not cache tokens for this environment: sign "
                                        "in after the import."_s});

        BoxCliEnvironment noSecret = oauthEnvironment();
        noSecret.clientSecret.clear();
        QCOMPARE(BoxCliCandidates::build(noSecret, {}, {}, kNow).problems,
                 QStringList{u"Box CLI has no client secret for this environment."_s});
    }

    void unknownMethodIsRefusedByName()
    {
        BoxCliEnvironment env = oauthEnvironment();
        env.authMethod = u"saml"_s;
        const BoxCliCandidate c = BoxCliCandidates::build(env, {}, {}, kNow);
        QVERIFY(!c.importable());
        QCOMPARE(c.methodText, u"saml"_s);
        QCOMPARE(
            c.problems,
            QStringList{u"Box CLI's sign-in method \"saml\" is not one Box Companion knows."_s});
    }

    void jwtWithoutConfigFileIsRefused()
    {
        BoxCliEnvironment env;
        env.name = u"prod"_s;
        env.clientId = u"abc"_s;
        const BoxCliCandidate c = BoxCliCandidates::build(env, {}, {}, kNow);
        QCOMPARE(c.methodText, u"JWT"_s);
        QCOMPARE(c.problems,
                 QStringList{u"Box CLI records no config file for this environment."_s});
    }

    void settingsEndpointsAreUsedWhenAllowed()
    {
        const BoxCliEndpoints endpoints = BoxCliLayout::parseSettings(
            "{\"apiRootURL\":\"https://proxy.example.com/\",\"authorizeRootURL\":\"https://"
            "account.example.com/api\", \"uploadAPIRootURL\":\"http://upload.example.com/api\"}");
        const BoxCliCandidate c = BoxCliCandidates::build(oauthEnvironment(), {}, endpoints, kNow);
        QVERIFY(c.importable());
        QCOMPARE(c.profile.apiBaseUrl, QUrl(u"https://proxy.example.com"_s));
        QCOMPARE(c.profile.oauthBaseUrl, QUrl(u"https://account.example.com/api/oauth2"_s));
        QCOMPARE(c.profile.uploadBaseUrl,
                 AppProfile::defaultUploadBaseUrl()); // plain http: not used
        QVERIFY(c.imports.contains(
            u"Endpoints from Box CLI's settings.json (apiRootURL, authorizeRootURL)"_s));
        QCOMPARE(c.notes.size(), 2);
        QVERIFY(c.notes.at(1).startsWith(u"Box CLI's settings.json sets uploadAPIRootURL to "
                                         "http://upload.example.com/api, which is not used: "_s));
    }
};

QTEST_GUILESS_MAIN(TestBoxCliCandidate)
#include "tst_boxclicandidate.moc"
