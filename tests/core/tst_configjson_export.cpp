// ConfigJson, the other direction: the profile name suggested for a file, and exporting in
// the Console's exact format (key order, escaping) so that the export imports again unchanged.
// Import: tst_configjson.cpp. Every secret comes from testSecret() and is compared with
// QVERIFY so that a failure never prints it.

#include "configjsonfixture.h"
#include "core/configjson.h"
#include "testsecrets.h"

#include <QtTest>

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

Q_DECLARE_METATYPE(AuthMethod)
Q_DECLARE_METATYPE(SubjectType)

namespace {

// Escapes text as the JSON writer is expected to (for the expected-output tests).
QString jsonEscaped(QString text)
{
    text.replace(u"\\"_s, u"\\\\"_s);
    text.replace(u"\""_s, u"\\\""_s);
    text.replace(u"\n"_s, u"\\n"_s);
    return text;
}

} // namespace

class TestConfigJsonExport : public ConfigJsonFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { generateKeys(); }

    void suggestedNameForFile_data();
    void suggestedNameForFile();

    void canExport_data();
    void canExport();
    void exportKeyOrderExact_data();
    void exportKeyOrderExact();
    void exportEscaping();
    void exportReimportRoundTrip_data();
    void exportReimportRoundTrip();
};

void TestConfigJsonExport::suggestedNameForFile_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("name");

    const QByteArray jwt = toText(jwtConfig(m_keys.encryptedPkcs8, m_passphrase));
    const QByteArray ccg = toText(ccgConfig());

    QTest::newRow("Console name, JWT")
        << u"/home/dev/Downloads/123456_abcd1234_config.json"_s << jwt << u"JWT app 123456"_s;
    QTest::newRow("Console name, CCG")
        << u"/home/dev/Downloads/123456_abcd1234_config.json"_s << ccg << u"CCG app 123456"_s;
    QTest::newRow("Console name, relative") << u"987_x9y8_config.json"_s << jwt << u"JWT app 987"_s;
    QTest::newRow("Console name, second download")
        << u"/home/dev/Downloads/123456_abcd1234_config (1).json"_s << jwt << u"JWT app 123456"_s;
    QTest::newRow("Console name, unreadable JSON")
        << u"/tmp/123456_abcd1234_config.json"_s << "{"_ba << u"CCG app 123456"_s;
    QTest::newRow("own file name")
        << u"/home/dev/box/staging-bot.json"_s << jwt << u"staging-bot"_s;
    QTest::newRow("own file name with dots") << u"/srv/prod.box.json"_s << ccg << u"prod.box"_s;
    QTest::newRow("plain config.json, JWT")
        << u"/home/dev/config.json"_s << jwt << u"JWT app 1234567"_s;
    QTest::newRow("plain config.json, CCG")
        << u"C:/Users/dev/config.json"_s << ccg << u"CCG app 1234567"_s;
    QTest::newRow("plain Config.JSON") << u"/x/Config.JSON"_s << ccg << u"CCG app 1234567"_s;
    QTest::newRow("plain config.json, user subject")
        << u"/x/config.json"_s << toText(withUserSubject(ccgConfig(), u"42"_s))
        << u"CCG app user 42"_s;
    QTest::newRow("plain config.json, no ID") << u"/x/config.json"_s << "{}"_ba << u"CCG app"_s;
    QTest::newRow("no path") << QString() << jwt << u"JWT app 1234567"_s;
}

void TestConfigJsonExport::suggestedNameForFile()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, json);
    QFETCH(QString, name);
    QCOMPARE(ConfigJson::suggestedNameForFile(path, json), name);
}

void TestConfigJsonExport::canExport_data()
{
    QTest::addColumn<AuthMethod>("method");
    QTest::addColumn<bool>("exportable");
    QTest::newRow("OAuth 2.0") << AuthMethod::OAuth2 << false;
    QTest::newRow("JWT") << AuthMethod::Jwt << true;
    QTest::newRow("CCG") << AuthMethod::ClientCredentials << true;
    QTest::newRow("App Token") << AuthMethod::AppToken << false;
    QTest::newRow("Developer Token") << AuthMethod::DeveloperToken << false;
}

void TestConfigJsonExport::canExport()
{
    QFETCH(AuthMethod, method);
    QFETCH(bool, exportable);
    AppProfile profile = expectedProfile(method, u"x"_s);
    QString why = u"unchanged"_s;
    QCOMPARE(ConfigJson::canExport(profile, &why), exportable);
    QCOMPARE(ConfigJson::canExport(profile), exportable);
    if (exportable) {
        QCOMPARE(why, u"unchanged"_s);
        QVERIFY(!ConfigJson::toJson(profile, ProfileSecrets()).isEmpty());
    } else {
        QVERIFY(why.contains(AuthMethods::displayName(method)));
        QVERIFY(why.contains(u"config.json"_s));
        QVERIFY(ConfigJson::toJson(profile, ProfileSecrets()).isEmpty());
    }
}

void TestConfigJsonExport::exportKeyOrderExact_data()
{
    QTest::addColumn<AuthMethod>("method");
    QTest::addColumn<SubjectType>("subjectType");
    QTest::newRow("JWT, enterprise") << AuthMethod::Jwt << SubjectType::Enterprise;
    QTest::newRow("JWT, user") << AuthMethod::Jwt << SubjectType::User;
    QTest::newRow("CCG, enterprise") << AuthMethod::ClientCredentials << SubjectType::Enterprise;
    QTest::newRow("CCG, user") << AuthMethod::ClientCredentials << SubjectType::User;
}

void TestConfigJsonExport::exportKeyOrderExact()
{
    QFETCH(AuthMethod, method);
    QFETCH(SubjectType, subjectType);
    AppProfile profile = expectedProfile(method, u"x"_s);
    profile.subjectType = subjectType;
    ProfileSecrets secrets;
    secrets.clientSecret = m_clientSecret;
    if (method == AuthMethod::Jwt) {
        secrets.privateKey = QString::fromUtf8(m_keys.encryptedPkcs8);
        secrets.passphrase = m_passphrase;
    }
    const QString subjectKey =
        subjectType == SubjectType::Enterprise ? u"enterpriseID"_s : u"userID"_s;

    QString expected = u"{\n"
                       u"  \"boxAppSettings\": {\n"
                       u"    \"clientID\": \""_s +
                       kClientId + u"\",\n    \"clientSecret\": \""_s + m_clientSecret + u"\""_s;
    if (method == AuthMethod::Jwt) {
        expected += u",\n"
                    u"    \"appAuth\": {\n"
                    u"      \"publicKeyID\": \""_s +
                    kPublicKeyId + u"\",\n      \"privateKey\": \""_s +
                    jsonEscaped(secrets.privateKey) + u"\",\n      \"passphrase\": \""_s +
                    m_passphrase + u"\"\n    }\n"_s;
    } else {
        expected += u"\n"_s;
    }
    expected += u"  },\n  \""_s + subjectKey + u"\": \""_s + kEnterpriseId + u"\"\n}\n"_s;

    const QByteArray json = ConfigJson::toJson(profile, secrets);
    QVERIFY(json == expected.toUtf8()); // not QCOMPARE: the text holds secrets

    // Key order as the Console writes it.
    const QList<QByteArray> order =
        method == AuthMethod::Jwt
            ? QList<QByteArray>{"\"boxAppSettings\"", "\"clientID\"",    "\"clientSecret\"",
                                "\"appAuth\"",        "\"publicKeyID\"", "\"privateKey\"",
                                "\"passphrase\""}
            : QList<QByteArray>{"\"boxAppSettings\"", "\"clientID\"", "\"clientSecret\""};
    qsizetype last = -1;
    for (const QByteArray &key : order) {
        const qsizetype at = json.indexOf(key);
        QVERIFY2(at > last, key.constData());
        last = at;
    }
    QVERIFY(json.indexOf(QByteArray('"' + subjectKey.toUtf8() + '"')) > last);
    QCOMPARE(json.contains("\"appAuth\""), method == AuthMethod::Jwt);
    QCOMPARE(json.contains("enterpriseID"), subjectType == SubjectType::Enterprise);
    QCOMPARE(json.contains("userID"), subjectType == SubjectType::User);

    // The result is valid JSON with exactly the expected members.
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(json, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(root.keys(), (QStringList{u"boxAppSettings"_s, subjectKey}));
    QCOMPARE(root.value(subjectKey).toString(), kEnterpriseId);
}

void TestConfigJsonExport::exportEscaping()
{
    AppProfile profile = expectedProfile(AuthMethod::ClientCredentials, u"x"_s);
    profile.clientId = u"id \"quoted\" \\ back/slash"_s;
    ProfileSecrets secrets;
    secrets.clientSecret = testSecret(u"esc"_s) + u"\"\\\n\r\t\b\f\u0001\u001f/ünï€😀"_s;
    const QByteArray json = ConfigJson::toJson(profile, secrets);
    QVERIFY(json.contains(R"("clientID": "id \"quoted\" \\ back/slash")"));
    QVERIFY(json.contains(R"(\"\\\n\r\t\b\f\u0001\u001f/)"));
    QVERIFY(json.contains("ünï€😀"));

    QJsonParseError error;
    const QJsonObject settings =
        QJsonDocument::fromJson(json, &error).object().value(u"boxAppSettings"_s).toObject();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(settings.value(u"clientID"_s).toString(), profile.clientId);
    QVERIFY(settings.value(u"clientSecret"_s).toString() == secrets.clientSecret);
}

void TestConfigJsonExport::exportReimportRoundTrip_data()
{
    QTest::addColumn<AuthMethod>("method");
    QTest::addColumn<SubjectType>("subjectType");
    QTest::addColumn<QByteArray>("pem");
    QTest::addColumn<bool>("encrypted");
    QTest::newRow("JWT, encrypted PKCS#8")
        << AuthMethod::Jwt << SubjectType::Enterprise << m_keys.encryptedPkcs8 << true;
    QTest::newRow("JWT, encrypted traditional")
        << AuthMethod::Jwt << SubjectType::Enterprise << m_keys.encryptedTraditional << true;
    QTest::newRow("JWT, unencrypted, user subject")
        << AuthMethod::Jwt << SubjectType::User << m_keys.unencryptedPkcs8 << false;
    QTest::newRow("CCG, enterprise")
        << AuthMethod::ClientCredentials << SubjectType::Enterprise << QByteArray() << false;
    QTest::newRow("CCG, user") << AuthMethod::ClientCredentials << SubjectType::User << QByteArray()
                               << false;
}

void TestConfigJsonExport::exportReimportRoundTrip()
{
    QFETCH(AuthMethod, method);
    QFETCH(SubjectType, subjectType);
    QFETCH(QByteArray, pem);
    QFETCH(bool, encrypted);

    // Start from an import, as the app does.
    QJsonObject config = method == AuthMethod::Jwt
                             ? jwtConfig(pem, encrypted ? m_passphrase : QString())
                             : ccgConfig();
    if (subjectType == SubjectType::User)
        config = withUserSubject(config, u"555"_s);
    const ConfigImport first = ConfigJson::parse(toText(config), u"Round trip"_s);
    QCOMPARE(first.errors, QStringList());
    QCOMPARE(first.profile.method, method);
    QCOMPARE(first.profile.subjectType, subjectType);

    const QByteArray exported = ConfigJson::toJson(first.profile, first.secrets);
    const ConfigImport second = ConfigJson::parse(exported, first.profile.name);
    QCOMPARE(second.errors, QStringList());
    QVERIFY(second.profile == first.profile);
    QVERIFY(second.secrets == first.secrets);

    // And the export of the re-import is byte for byte the same.
    QVERIFY(ConfigJson::toJson(second.profile, second.secrets) == exported);
}

QTEST_GUILESS_MAIN(TestConfigJsonExport)
#include "tst_configjson_export.moc"
