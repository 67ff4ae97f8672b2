// ConfigJson, import: the Developer Console's config.json (JWT and CCG forms), and every
// problem reported with its JSON path. Suggested names and export: tst_configjson_export.cpp.
// Keys are generated at test time; every secret comes from testSecret() and is compared with
// QVERIFY so that a failure never prints it.

#include "configjsonfixture.h"
#include "core/configjson.h"
#include "core/privatekey.h"
#include "testsecrets.h"

#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace {

// Returns object with the member at path set to value, or removed when value is empty.
QJsonObject edited(QJsonObject object, const QStringList &path,
                   const std::optional<QJsonValue> &value)
{
    if (path.size() == 1) {
        if (value)
            object.insert(path.first(), *value);
        else
            object.remove(path.first());
        return object;
    }
    const QJsonObject child = object.value(path.first()).toObject();
    object.insert(path.first(), edited(child, path.mid(1), value));
    return object;
}

QStringList pathOf(const QString &dotted)
{
    return dotted.split(u'.');
}

} // namespace

class TestConfigJson : public ConfigJsonFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { generateKeys(); }

    void importJwt_data();
    void importJwt();
    void importJwtWithLiteralNewlineEscapes();
    void importCcg();
    void importUserId();
    void enterpriseWinsOverUserId();
    void importIgnoresExtrasAndBom();
    void importNameFallbacks();

    void malformedImports_data();
    void malformedImports();
    void oversizedFile();
    void errorsNeverContainSecrets();
};

void TestConfigJson::importJwt_data()
{
    QTest::addColumn<QByteArray>("pem");
    QTest::addColumn<bool>("encrypted");
    QTest::newRow("encrypted PKCS#8 (what the Console generates)") << m_keys.encryptedPkcs8 << true;
    QTest::newRow("encrypted traditional (openssl genrsa -des3)")
        << m_keys.encryptedTraditional << true;
    QTest::newRow("unencrypted PKCS#8") << m_keys.unencryptedPkcs8 << false;
    QTest::newRow("unencrypted traditional") << m_unencryptedTraditional << false;
}

void TestConfigJson::importJwt()
{
    QFETCH(QByteArray, pem);
    QFETCH(bool, encrypted);
    const QString passphrase = encrypted ? m_passphrase : QString();

    const ConfigImport result = ConfigJson::parse(toText(jwtConfig(pem, passphrase)));
    QCOMPARE(result.errors, QStringList());
    QVERIFY(result.ok());

    const AppProfile &p = result.profile;
    QVERIFY(p.id.isEmpty());
    QCOMPARE(p.name, u"JWT app 1234567"_s);
    QCOMPARE(p.method, AuthMethod::Jwt);
    QCOMPARE(p.clientId, kClientId);
    QCOMPARE(p.subjectType, SubjectType::Enterprise);
    QCOMPARE(p.subjectId, kEnterpriseId);
    QCOMPARE(p.publicKeyId, kPublicKeyId);
    QCOMPARE(p.algorithm, JwtAlgorithm::RS256);
    QCOMPARE(p.apiBaseUrl, QUrl(u"https://api.box.com"_s));
    QCOMPARE(p.oauthBaseUrl, QUrl(u"https://account.box.com/api/oauth2"_s));
    QCOMPARE(p.uploadBaseUrl, QUrl(u"https://upload.box.com/api"_s));
    QVERIFY(p.redirectUri.isEmpty());
    QVERIFY(p == expectedProfile(AuthMethod::Jwt, u"JWT app 1234567"_s));
    QVERIFY(validateProfile(p).isEmpty());

    ProfileSecrets expected;
    expected.clientSecret = m_clientSecret;
    expected.privateKey = QString::fromUtf8(pem);
    expected.passphrase = passphrase;
    QVERIFY(result.secrets.clientSecret == m_clientSecret);
    QVERIFY(result.secrets.privateKey == QString::fromUtf8(pem));
    QVERIFY(result.secrets.passphrase == passphrase);
    QVERIFY(result.secrets == expected);

    // The stored key and passphrase load.
    PrivateKey::Error error = PrivateKey::Error::Empty;
    QVERIFY(!PrivateKey::load(result.secrets.privateKey.toUtf8(),
                              result.secrets.passphrase.toUtf8(), &error)
                 .isNull());
    QCOMPARE(error, PrivateKey::Error::None);

    // The suggested name wins.
    QCOMPARE(
        ConfigJson::parse(toText(jwtConfig(pem, passphrase)), u"  Staging bot "_s).profile.name,
        u"Staging bot"_s);
}

void TestConfigJson::importJwtWithLiteralNewlineEscapes()
{
    // The key was pasted from an environment variable: "\n" escapes instead of newlines,
    // which in the JSON text become "\\n".
    const QByteArray escaped = QByteArray(m_keys.encryptedPkcs8).replace("\n", "\\n");
    const ConfigImport result = ConfigJson::parse(toText(jwtConfig(escaped, m_passphrase)));
    QCOMPARE(result.errors, QStringList());
    QVERIFY(result.secrets.privateKey == QString::fromUtf8(m_keys.encryptedPkcs8));
    QVERIFY(!result.secrets.privateKey.contains(u"\\n"_s));
}

void TestConfigJson::importCcg()
{
    const ConfigImport result = ConfigJson::parse(toText(ccgConfig()));
    QCOMPARE(result.errors, QStringList());
    QVERIFY(result.profile == expectedProfile(AuthMethod::ClientCredentials, u"CCG app 1234567"_s));
    QCOMPARE(result.profile.method, AuthMethod::ClientCredentials);
    QCOMPARE(result.profile.name, u"CCG app 1234567"_s);
    QVERIFY(result.profile.publicKeyId.isEmpty());
    ProfileSecrets expected;
    expected.clientSecret = m_clientSecret;
    QVERIFY(result.secrets == expected);
    QVERIFY(result.secrets.privateKey.isEmpty());
    QVERIFY(result.secrets.passphrase.isEmpty());
}

void TestConfigJson::importUserId()
{
    const ConfigImport result = ConfigJson::parse(
        toText(withUserSubject(jwtConfig(m_keys.encryptedPkcs8, m_passphrase), u"987654"_s)));
    QCOMPARE(result.errors, QStringList());
    QCOMPARE(result.profile.method, AuthMethod::Jwt);
    QCOMPARE(result.profile.subjectType, SubjectType::User);
    QCOMPARE(result.profile.subjectId, u"987654"_s);
    QCOMPARE(result.profile.name, u"JWT app user 987654"_s);

    const ConfigImport ccgResult =
        ConfigJson::parse(toText(withUserSubject(ccgConfig(), u"987654"_s)));
    QCOMPARE(ccgResult.errors, QStringList());
    QCOMPARE(ccgResult.profile.method, AuthMethod::ClientCredentials);
    QCOMPARE(ccgResult.profile.subjectType, SubjectType::User);
    QCOMPARE(ccgResult.profile.subjectId, u"987654"_s);
    QVERIFY(ccgResult.secrets.clientSecret == m_clientSecret);
}

void TestConfigJson::enterpriseWinsOverUserId()
{
    QJsonObject both = ccgConfig();
    both.insert(u"userID"_s, u"987654"_s);
    const ConfigImport result = ConfigJson::parse(toText(both));
    QCOMPARE(result.errors, QStringList());
    QCOMPARE(result.profile.subjectType, SubjectType::Enterprise);
    QCOMPARE(result.profile.subjectId, kEnterpriseId);
}

void TestConfigJson::importIgnoresExtrasAndBom()
{
    QJsonObject config = jwtConfig(m_keys.encryptedTraditional, m_passphrase);
    config.insert(u"webhooks"_s,
                  QJsonObject{{u"primaryKey"_s, u"p"_s}, {u"secondaryKey"_s, u"s"_s}});
    config = edited(config, pathOf(u"boxAppSettings.extra"_s), QJsonValue(42));
    const ConfigImport result = ConfigJson::parse("\xEF\xBB\xBF" + toText(config));
    QCOMPARE(result.errors, QStringList());
    QCOMPARE(result.profile.method, AuthMethod::Jwt);
    QVERIFY(result.secrets.passphrase == m_passphrase);

    // Compact JSON as written by other tools.
    const ConfigImport compact =
        ConfigJson::parse(QJsonDocument(config).toJson(QJsonDocument::Compact));
    QCOMPARE(compact.errors, QStringList());
}

void TestConfigJson::importNameFallbacks()
{
    QCOMPARE(ConfigJson::parse(toText(ccgConfig()), u"   "_s).profile.name, u"CCG app 1234567"_s);
    QCOMPARE(ConfigJson::parse(toText(ccgConfig()), u"My CCG"_s).profile.name, u"My CCG"_s);
}

void TestConfigJson::malformedImports_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("errors");

    const QJsonObject jwt = jwtConfig(m_keys.encryptedPkcs8, m_passphrase);
    const QJsonObject ccg = ccgConfig();
    auto with = [](const QJsonObject &base, const QString &path, const QJsonValue &value) {
        return toText(edited(base, pathOf(path), value));
    };
    auto without = [](const QJsonObject &base, const QString &path) {
        return toText(edited(base, pathOf(path), std::nullopt));
    };
    const QString wrongPassphrase = testSecret(u"wrong-passphrase"_s);
    QByteArray truncatedKey;
    {
        const QList<QByteArray> lines = m_keys.encryptedPkcs8.split('\n');
        truncatedKey =
            lines.mid(0, lines.size() / 2).join('\n') + '\n' + lines.at(lines.size() - 2) + '\n';
    }

    // --- the file as a whole ---
    QTest::newRow("not JSON: unterminated")
        << R"({"boxAppSettings": )"_ba
        << QStringList{u"config.json is not valid JSON: "
                       u"unterminated object at character 19"_s};
    QTest::newRow("not JSON: plain text")
        << "clientID=abc\n"_ba
        << QStringList{u"config.json is not valid JSON: illegal value at character 1"_s};
    QTest::newRow("not JSON: trailing comma")
        << R"({"a":1,})"_ba
        << QStringList{u"config.json is not valid JSON: object is missing after a comma at "
                       u"character 8"_s};
    QTest::newRow("empty") << QByteArray() << QStringList{u"config.json is empty"_s};
    QTest::newRow("only whitespace") << " \n\t\n"_ba << QStringList{u"config.json is empty"_s};
    QTest::newRow("JSON array") << "[{\"boxAppSettings\": {}}]"_ba
                                << QStringList{u"config.json must contain a JSON object"_s};
    QTest::newRow("empty object") << "{}"_ba
                                  << QStringList{u"boxAppSettings is missing"_s,
                                                 u"enterpriseID is missing"_s};

    // --- boxAppSettings ---
    QTest::newRow("boxAppSettings missing")
        << without(jwt, u"boxAppSettings"_s) << QStringList{u"boxAppSettings is missing"_s};
    QTest::newRow("boxAppSettings a string") << with(jwt, u"boxAppSettings"_s, u"abc"_s)
                                             << QStringList{u"boxAppSettings must be an object"_s};
    QTest::newRow("boxAppSettings an array") << with(jwt, u"boxAppSettings"_s, QJsonArray{1, 2})
                                             << QStringList{u"boxAppSettings must be an object"_s};
    QTest::newRow("clientID missing") << without(jwt, u"boxAppSettings.clientID"_s)
                                      << QStringList{u"boxAppSettings.clientID is missing"_s};
    QTest::newRow("clientID empty") << with(jwt, u"boxAppSettings.clientID"_s, u""_s)
                                    << QStringList{u"boxAppSettings.clientID is empty"_s};
    QTest::newRow("clientID blank") << with(ccg, u"boxAppSettings.clientID"_s, u"   "_s)
                                    << QStringList{u"boxAppSettings.clientID is empty"_s};
    QTest::newRow("clientID a number")
        << with(jwt, u"boxAppSettings.clientID"_s, 12345)
        << QStringList{u"boxAppSettings.clientID must be a string"_s};
    QTest::newRow("clientID null") << with(ccg, u"boxAppSettings.clientID"_s, QJsonValue())
                                   << QStringList{u"boxAppSettings.clientID must be a string"_s};
    QTest::newRow("clientSecret missing")
        << without(jwt, u"boxAppSettings.clientSecret"_s)
        << QStringList{u"boxAppSettings.clientSecret is missing"_s};
    QTest::newRow("clientSecret empty") << with(ccg, u"boxAppSettings.clientSecret"_s, u""_s)
                                        << QStringList{u"boxAppSettings.clientSecret is empty"_s};
    QTest::newRow("clientSecret a number")
        << with(ccg, u"boxAppSettings.clientSecret"_s, 42)
        << QStringList{u"boxAppSettings.clientSecret must be a string"_s};

    // --- appAuth ---
    QTest::newRow("appAuth not an object")
        << with(jwt, u"boxAppSettings.appAuth"_s, u"key"_s)
        << QStringList{u"boxAppSettings.appAuth must be an object"_s};
    QTest::newRow("appAuth null") << with(jwt, u"boxAppSettings.appAuth"_s, QJsonValue())
                                  << QStringList{u"boxAppSettings.appAuth must be an object"_s};
    QTest::newRow("appAuth empty object")
        << with(jwt, u"boxAppSettings.appAuth"_s, QJsonObject())
        << QStringList{u"boxAppSettings.appAuth.publicKeyID is missing"_s,
                       u"boxAppSettings.appAuth.privateKey is missing"_s};
    QTest::newRow("publicKeyID missing")
        << without(jwt, u"boxAppSettings.appAuth.publicKeyID"_s)
        << QStringList{u"boxAppSettings.appAuth.publicKeyID is missing"_s};
    QTest::newRow("publicKeyID empty")
        << with(jwt, u"boxAppSettings.appAuth.publicKeyID"_s, u""_s)
        << QStringList{u"boxAppSettings.appAuth.publicKeyID is empty"_s};
    QTest::newRow("publicKeyID a number")
        << with(jwt, u"boxAppSettings.appAuth.publicKeyID"_s, 1234)
        << QStringList{u"boxAppSettings.appAuth.publicKeyID must be a string"_s};
    QTest::newRow("privateKey missing")
        << without(jwt, u"boxAppSettings.appAuth.privateKey"_s)
        << QStringList{u"boxAppSettings.appAuth.privateKey is missing"_s};
    QTest::newRow("privateKey empty")
        << with(jwt, u"boxAppSettings.appAuth.privateKey"_s, u""_s)
        << QStringList{u"boxAppSettings.appAuth.privateKey is empty"_s};
    QTest::newRow("privateKey an object")
        << with(jwt, u"boxAppSettings.appAuth.privateKey"_s, QJsonObject())
        << QStringList{u"boxAppSettings.appAuth.privateKey must be a string"_s};
    QTest::newRow("passphrase missing for encrypted key")
        << without(jwt, u"boxAppSettings.appAuth.passphrase"_s)
        << QStringList{u"boxAppSettings.appAuth.passphrase is missing, but the private key is "
                       u"encrypted"_s};
    QTest::newRow("passphrase empty for encrypted key")
        << with(jwt, u"boxAppSettings.appAuth.passphrase"_s, u""_s)
        << QStringList{u"boxAppSettings.appAuth.passphrase is empty, but the private key is "
                       u"encrypted"_s};
    QTest::newRow("passphrase empty for encrypted traditional key")
        << toText(jwtConfig(m_keys.encryptedTraditional, QString()))
        << QStringList{u"boxAppSettings.appAuth.passphrase is empty, but the private key is "
                       u"encrypted"_s};
    QTest::newRow("passphrase a number")
        << with(jwt, u"boxAppSettings.appAuth.passphrase"_s, 1234)
        << QStringList{u"boxAppSettings.appAuth.passphrase must be a string"_s};
    QTest::newRow("wrong passphrase, PKCS#8")
        << with(jwt, u"boxAppSettings.appAuth.passphrase"_s, wrongPassphrase)
        << QStringList{u"boxAppSettings.appAuth.passphrase does not decrypt the private key"_s};
    QTest::newRow("wrong passphrase, traditional")
        << toText(jwtConfig(m_keys.encryptedTraditional, wrongPassphrase))
        << QStringList{u"boxAppSettings.appAuth.passphrase does not decrypt the private key"_s};
    QTest::newRow("broken key (truncated)")
        << toText(jwtConfig(truncatedKey, m_passphrase))
        << QStringList{u"boxAppSettings.appAuth.privateKey is damaged or incomplete"_s};
    QTest::newRow("broken key and passphrase missing")
        << without(edited(jwt, pathOf(u"boxAppSettings.appAuth.privateKey"_s),
                          QString::fromUtf8(truncatedKey)),
                   u"boxAppSettings.appAuth.passphrase"_s)
        << QStringList{u"boxAppSettings.appAuth.passphrase is missing, but the private key is "
                       u"encrypted"_s,
                       u"boxAppSettings.appAuth.privateKey is damaged or incomplete"_s};
    QTest::newRow("public key instead of private key")
        << toText(jwtConfig(m_keys.publicKeyPem, m_passphrase))
        << QStringList{u"boxAppSettings.appAuth.privateKey is not a PEM private key"_s};
    QTest::newRow("junk instead of private key")
        << with(jwt, u"boxAppSettings.appAuth.privateKey"_s, u"paste key here"_s)
        << QStringList{u"boxAppSettings.appAuth.privateKey is not a PEM private key"_s};
    QTest::newRow("EC key instead of RSA")
        << toText(jwtConfig(m_ecKey, QString()))
        << QStringList{u"boxAppSettings.appAuth.privateKey is not an RSA key"_s};

    // --- subject ---
    QTest::newRow("enterpriseID a number")
        << with(jwt, u"enterpriseID"_s, 1234567) << QStringList{u"enterpriseID must be a string"_s};
    QTest::newRow("enterpriseID null") << with(ccg, u"enterpriseID"_s, QJsonValue())
                                       << QStringList{u"enterpriseID must be a string"_s};
    QTest::newRow("enterpriseID missing")
        << without(jwt, u"enterpriseID"_s) << QStringList{u"enterpriseID is missing"_s};
    QTest::newRow("enterpriseID empty")
        << with(ccg, u"enterpriseID"_s, u""_s) << QStringList{u"enterpriseID is empty"_s};
    QTest::newRow("enterpriseID not digits")
        << with(jwt, u"enterpriseID"_s, u"12ab34"_s)
        << QStringList{u"enterpriseID must contain only digits"_s};
    QTest::newRow("enterpriseID negative")
        << with(ccg, u"enterpriseID"_s, u"-1234"_s)
        << QStringList{u"enterpriseID must contain only digits"_s};
    QTest::newRow("userID a number")
        << toText(edited(edited(ccg, {u"enterpriseID"_s}, std::nullopt), {u"userID"_s}, 987))
        << QStringList{u"userID must be a string"_s};
    QTest::newRow("userID not digits")
        << toText(edited(edited(ccg, {u"enterpriseID"_s}, std::nullopt), {u"userID"_s}, u"me"_s))
        << QStringList{u"userID must contain only digits"_s};

    // --- several problems at once: all reported, in document order ---
    QJsonObject many = edited(jwt, pathOf(u"boxAppSettings.clientID"_s), std::nullopt);
    many = edited(many, pathOf(u"boxAppSettings.clientSecret"_s), 42);
    many = edited(many, pathOf(u"boxAppSettings.appAuth.publicKeyID"_s), std::nullopt);
    many = edited(many, pathOf(u"boxAppSettings.appAuth.passphrase"_s), wrongPassphrase);
    many = edited(many, {u"enterpriseID"_s}, 1234567);
    QTest::newRow("several problems at once")
        << toText(many)
        << QStringList{u"boxAppSettings.clientID is missing"_s,
                       u"boxAppSettings.clientSecret must be a string"_s,
                       u"boxAppSettings.appAuth.publicKeyID is missing"_s,
                       u"boxAppSettings.appAuth.passphrase does not decrypt the private key"_s,
                       u"enterpriseID must be a string"_s};
    QTest::newRow("CCG with everything wrong")
        << R"({"boxAppSettings": {"clientID": 1, "clientSecret": ""}, "userID": "x"})"_ba
        << QStringList{u"boxAppSettings.clientID must be a string"_s,
                       u"boxAppSettings.clientSecret is empty"_s,
                       u"userID must contain only digits"_s};

    QTest::newRow("oversized file")
        << QByteArray(toText(ccg)).append(QByteArray(1024 * 1024, ' '))
        << QStringList{u"config.json is larger than 1 MiB; is this the right file?"_s};
}

void TestConfigJson::malformedImports()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, errors);
    const ConfigImport result = ConfigJson::parse(json);
    QVERIFY(!result.ok());
    QCOMPARE(result.errors, errors);
    // A failed import hands back no secret.
    QVERIFY(result.secrets.isEmpty());
}

void TestConfigJson::oversizedFile()
{
    // Exactly 1 MiB is still accepted; one byte more is not.
    QByteArray json = toText(ccgConfig());
    json.append(QByteArray(1024 * 1024 - json.size(), ' '));
    QCOMPARE(json.size(), qsizetype(1024 * 1024));
    QCOMPARE(ConfigJson::parse(json).errors, QStringList());
    json.append(' ');
    QCOMPARE(ConfigJson::parse(json).errors,
             QStringList{u"config.json is larger than 1 MiB; is this the right file?"_s});
}

void TestConfigJson::errorsNeverContainSecrets()
{
    const QString wrong = testSecret(u"wrong"_s);
    QJsonObject config = jwtConfig(m_keys.encryptedPkcs8, wrong);
    config = edited(config, {u"enterpriseID"_s}, 5);
    const ConfigImport result = ConfigJson::parse(toText(config));
    QCOMPARE(result.errors.size(), qsizetype(2));
    for (const QString &error : result.errors) {
        QVERIFY(!error.contains(wrong));
        QVERIFY(!error.contains(m_passphrase));
        QVERIFY(!error.contains(m_clientSecret));
        QVERIFY(!error.contains(QString::fromLatin1(kTestSecretMarker)));
        QVERIFY(!error.contains(u"PRIVATE KEY"_s));
    }
}

QTEST_GUILESS_MAIN(TestConfigJson)
#include "tst_configjson.moc"
