// PrivateKey, loading: every PEM form Box users have, and telling apart each way loading can
// fail. Signing, the error texts and the cost checks: tst_privatekey_signing.cpp. Keys are
// generated at test time; secrets come from testSecret() and are never printed (QVERIFY instead
// of QCOMPARE wherever a secret could show up in a failure message).

#include "core/privatekey.h"
#include "privatekeyfixture.h"
#include "testsecrets.h"

#include <QtTest>

using namespace Qt::Literals::StringLiterals;

Q_DECLARE_METATYPE(PrivateKey::Format)
Q_DECLARE_METATYPE(PrivateKey::Error)

namespace {

// Index of the first base64 body line (after BEGIN and any headers with their blank line).
qsizetype firstBodyLine(const QList<QByteArray> &lines)
{
    qsizetype i = 1;
    while (i < lines.size() && lines.at(i).contains(':'))
        ++i;
    return i;
}

} // namespace

class TestPrivateKey : public PrivateKeyFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { generateKeys(); }

    void loadsEveryForm_data();
    void loadsEveryForm();
    void unencryptedKeyIgnoresPassphrase();
    void detectFormat_data();
    void detectFormat();

    void wrongPassphrase_data();
    void wrongPassphrase();
    void wrongPassphraseIsStableOverManyTries_data();
    void wrongPassphraseIsStableOverManyTries();
    void missingPassphrase_data();
    void missingPassphrase();
    void empty_data();
    void empty();
    void notPem_data();
    void notPem();
    void publicKeyGivenInstead();
    void malformed_data();
    void malformed();
    void damagedEncryptedKeyWithoutPassphrase();
    void notRsa_data();
    void notRsa();

    void literalNewlineEscapesAccepted_data();
    void literalNewlineEscapesAccepted();
    void privateKeyAfterOtherBlocks();
};

void TestPrivateKey::loadsEveryForm_data()
{
    QTest::addColumn<QByteArray>("pem");
    QTest::addColumn<bool>("needsPassphrase");
    QTest::addColumn<PrivateKey::Format>("format");

    QTest::newRow("encrypted PKCS#8 (AES-256-CBC)")
        << m_keys.encryptedPkcs8 << true << PrivateKey::Format::EncryptedPkcs8;
    QTest::newRow("encrypted traditional (DES-EDE3-CBC)")
        << m_keys.encryptedTraditional << true << PrivateKey::Format::EncryptedTraditional;
    QTest::newRow("unencrypted PKCS#8")
        << m_keys.unencryptedPkcs8 << false << PrivateKey::Format::UnencryptedPkcs8;
    QTest::newRow("unencrypted traditional")
        << m_unencryptedTraditional << false << PrivateKey::Format::UnencryptedTraditional;
}

void TestPrivateKey::loadsEveryForm()
{
    QFETCH(QByteArray, pem);
    QFETCH(bool, needsPassphrase);
    QFETCH(PrivateKey::Format, format);

    QCOMPARE(PrivateKey::detectFormat(pem), format);
    PrivateKey::Error error = PrivateKey::Error::Empty;
    QString message = u"unset"_s;
    const PrivateKey key =
        PrivateKey::load(pem, needsPassphrase ? m_passphrase : QByteArray(), &error, &message);
    QCOMPARE(error, PrivateKey::Error::None);
    QVERIFY(message.isEmpty());
    QVERIFY(!key.isNull());
    QCOMPARE(key.bits(), 2048);
    QVERIFY(key.publicKeyPem() == m_keys.publicKeyPem);
}

void TestPrivateKey::unencryptedKeyIgnoresPassphrase()
{
    PrivateKey::Error error = PrivateKey::Error::Empty;
    const PrivateKey key = PrivateKey::load(m_keys.unencryptedPkcs8, m_passphrase, &error);
    QCOMPARE(error, PrivateKey::Error::None);
    QVERIFY(!key.isNull());
}

void TestPrivateKey::detectFormat_data()
{
    QTest::addColumn<QByteArray>("pem");
    QTest::addColumn<PrivateKey::Format>("format");

    QTest::newRow("empty") << QByteArray() << PrivateKey::Format::Unknown;
    QTest::newRow("junk") << "hello world"_ba << PrivateKey::Format::Unknown;
    QTest::newRow("public key") << m_keys.publicKeyPem << PrivateKey::Format::Unknown;
    QTest::newRow("EC traditional")
        << m_ecTraditional << PrivateKey::Format::UnencryptedTraditional;
    QTest::newRow("armour only, encrypted PKCS#8")
        << "-----BEGIN ENCRYPTED PRIVATE KEY-----\n-----END ENCRYPTED PRIVATE KEY-----\n"_ba
        << PrivateKey::Format::EncryptedPkcs8;
    QTest::newRow("literal \\n escapes")
        << QByteArray(m_keys.encryptedTraditional).replace("\n", "\\n")
        << PrivateKey::Format::EncryptedTraditional;
    QTest::newRow("OpenSSH") << "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n"
                                "-----END OPENSSH PRIVATE KEY-----\n"_ba
                             << PrivateKey::Format::Unknown;
}

void TestPrivateKey::detectFormat()
{
    QFETCH(QByteArray, pem);
    QFETCH(PrivateKey::Format, format);
    QCOMPARE(PrivateKey::detectFormat(pem), format);
}

void TestPrivateKey::wrongPassphrase_data()
{
    QTest::addColumn<QByteArray>("pem");
    QTest::newRow("encrypted PKCS#8") << m_keys.encryptedPkcs8;
    QTest::newRow("encrypted traditional") << m_keys.encryptedTraditional;
}

void TestPrivateKey::wrongPassphrase()
{
    QFETCH(QByteArray, pem);
    const QByteArray wrong = testSecret(u"wrong-passphrase"_s).toUtf8();
    PrivateKey::Error error = PrivateKey::Error::None;
    QString message;
    const PrivateKey key = PrivateKey::load(pem, wrong, &error, &message);
    QVERIFY(key.isNull());
    QCOMPARE(error, PrivateKey::Error::WrongPassphrase);
    QCOMPARE(message, u"The passphrase does not decrypt the private key."_s);
    QVERIFY(!message.contains(QString::fromUtf8(wrong)));

    // Almost right is still wrong.
    QByteArray almost = m_passphrase;
    almost[almost.size() - 1] = almost.at(almost.size() - 1) == 'a' ? 'b' : 'a';
    PrivateKey::load(pem, almost, &error);
    QCOMPARE(error, PrivateKey::Error::WrongPassphrase);
}

void TestPrivateKey::wrongPassphraseIsStableOverManyTries_data()
{
    wrongPassphrase_data();
}

// A wrong passphrase passes the CBC padding check by chance about once in 256 tries. Whatever
// the padding does, a wrong passphrase must be reported as such, never as a damaged key.
void TestPrivateKey::wrongPassphraseIsStableOverManyTries()
{
    QFETCH(QByteArray, pem);
    QLoggingCategory::setFilterRules(u"box.import=false"_s); // 300 failures are not news
    const auto restoreLogging = qScopeGuard([] { QLoggingCategory::setFilterRules({}); });
    for (int i = 0; i < 300; ++i) {
        const QByteArray wrong = testSecret(u"try-%1"_s.arg(i)).toUtf8();
        PrivateKey::Error error = PrivateKey::Error::None;
        PrivateKey::load(pem, wrong, &error);
        if (error != PrivateKey::Error::WrongPassphrase)
            QFAIL(qPrintable(u"try %1 gave error %2"_s.arg(i).arg(int(error))));
    }
}

void TestPrivateKey::missingPassphrase_data()
{
    wrongPassphrase_data();
}

void TestPrivateKey::missingPassphrase()
{
    QFETCH(QByteArray, pem);
    PrivateKey::Error error = PrivateKey::Error::None;
    QString message;
    const PrivateKey key = PrivateKey::load(pem, QByteArray(), &error, &message);
    QVERIFY(key.isNull());
    QCOMPARE(error, PrivateKey::Error::PassphraseRequired);
    QCOMPARE(message, PrivateKey::errorMessage(PrivateKey::Error::PassphraseRequired));
}

void TestPrivateKey::empty_data()
{
    QTest::addColumn<QByteArray>("pem");
    QTest::newRow("null") << QByteArray();
    QTest::newRow("empty") << ""_ba;
    QTest::newRow("whitespace") << "  \n\t \r\n "_ba;
}

void TestPrivateKey::empty()
{
    QFETCH(QByteArray, pem);
    PrivateKey::Error error = PrivateKey::Error::None;
    QString message;
    QVERIFY(PrivateKey::load(pem, m_passphrase, &error, &message).isNull());
    QCOMPARE(error, PrivateKey::Error::Empty);
    QCOMPARE(message, u"No private key was given."_s);
}

void TestPrivateKey::notPem_data()
{
    QTest::addColumn<QByteArray>("pem");
    const QList<QByteArray> lines = pemLines(m_keys.unencryptedPkcs8);
    QByteArray bareBody;
    for (qsizetype i = 1; i + 1 < lines.size(); ++i)
        bareBody += lines.at(i) + '\n';

    QTest::newRow("junk") << "not a key at all"_ba;
    QTest::newRow("config.json pasted") << R"({"boxAppSettings":{"clientID":"abc"}})"_ba;
    QTest::newRow("base64 body without armour") << bareBody;
    QTest::newRow("armour without dashes") << "BEGIN PRIVATE KEY\nMIIEvQ==\nEND PRIVATE KEY\n"_ba;
    QTest::newRow("certificate armour")
        << "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"_ba;
    QTest::newRow("SSH public key") << "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC user@host\n"_ba;
}

void TestPrivateKey::notPem()
{
    QFETCH(QByteArray, pem);
    PrivateKey::Error error = PrivateKey::Error::None;
    QString message;
    QVERIFY(PrivateKey::load(pem, m_passphrase, &error, &message).isNull());
    QCOMPARE(error, PrivateKey::Error::NotPem);
    QVERIFY(!message.isEmpty());
    QVERIFY(message.contains(u"private key"_s));
    QCOMPARE(PrivateKey::detectFormat(pem), PrivateKey::Format::Unknown);
}

void TestPrivateKey::publicKeyGivenInstead()
{
    PrivateKey::Error error = PrivateKey::Error::None;
    QString message;
    QVERIFY(PrivateKey::load(m_keys.publicKeyPem, m_passphrase, &error, &message).isNull());
    QCOMPARE(error, PrivateKey::Error::NotPem);
    QVERIFY2(message.startsWith(u"This is a public key."_s), qPrintable(message));

    // Also when pasted as an escaped one-liner.
    QVERIFY(PrivateKey::load(QByteArray(m_keys.publicKeyPem).replace("\n", "\\n"), {}, &error)
                .isNull());
    QCOMPARE(error, PrivateKey::Error::NotPem);
}

void TestPrivateKey::malformed_data()
{
    QTest::addColumn<QByteArray>("pem");
    QTest::addColumn<bool>("needsPassphrase");

    const QList<RsaPemForm> forms = rsaForms();
    for (const RsaPemForm &form : forms) {
        const QList<QByteArray> lines = pemLines(form.pem);
        const qsizetype body = firstBodyLine(lines);
        const qsizetype bodyLines = lines.size() - 1 - body;

        // END line missing (copied only part of the key).
        QByteArray noEnd;
        for (qsizetype i = 0; i + 1 < lines.size(); ++i)
            noEnd += lines.at(i) + '\n';
        QTest::addRow("%s: END line missing", form.name) << noEnd << form.encrypted;

        // Half of the body lines, END line kept: a truncated copy.
        QTest::addRow("%s: body truncated at a line", form.name)
            << keepBodyLines(form.pem, body + bodyLines / 2) << form.encrypted;

        // Only the first body line.
        QTest::addRow("%s: only first body line", form.name)
            << keepBodyLines(form.pem, body) << form.encrypted;

        // Body cut in the middle of a line.
        QByteArray midLine;
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (i == body + bodyLines / 2)
                midLine += lines.at(i).left(37) + '\n';
            else if (i < body + bodyLines / 2 || i == lines.size() - 1)
                midLine += lines.at(i) + '\n';
        }
        QTest::addRow("%s: body cut mid-line", form.name) << midLine << form.encrypted;

        // A character that is not base64.
        QByteArray badChar = form.pem;
        const qsizetype at = badChar.indexOf('\n', badChar.indexOf(lines.at(body))) - 10;
        badChar[at] = '*';
        QTest::addRow("%s: non-base64 character", form.name) << badChar << form.encrypted;

        // One base64 character changed in the middle: still decodes, but into a damaged key.
        QByteArray flipped = form.pem;
        const QByteArray middle = lines.at(body + bodyLines / 2);
        const qsizetype flipAt = flipped.indexOf(middle) + 20;
        flipped[flipAt] = flipped.at(flipAt) == 'A' ? 'B' : 'A';
        QTest::addRow("%s: character changed mid-body", form.name) << flipped << form.encrypted;

        // Armour with no body at all.
        QByteArray armourOnly = lines.first() + '\n';
        for (qsizetype i = 1; i < body; ++i)
            armourOnly += lines.at(i) + '\n';
        armourOnly += lines.last() + '\n';
        QTest::addRow("%s: armour only", form.name) << armourOnly << form.encrypted;
    }

    // Valid base64 and armour, but the DER inside is not a key.
    QTest::newRow("unencrypted PKCS#8: body is not DER")
        << "-----BEGIN PRIVATE KEY-----\naGVsbG8gd29ybGQsIHRoaXMgaXMgbm90IGEga2V5\n"
           "-----END PRIVATE KEY-----\n"_ba
        << false;
    QTest::newRow("encrypted traditional: unknown DEK-Info cipher")
        << QByteArray(m_keys.encryptedTraditional).replace("DES-EDE3-CBC", "NOPE-CIPHER-CBC")
        << true;
    QTest::newRow("OpenSSH key")
        << "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n"
           "-----END OPENSSH PRIVATE KEY-----\n"_ba
        << false;
}

void TestPrivateKey::malformed()
{
    QFETCH(QByteArray, pem);
    QFETCH(bool, needsPassphrase);
    PrivateKey::Error error = PrivateKey::Error::None;
    QString message;
    const PrivateKey key =
        PrivateKey::load(pem, needsPassphrase ? m_passphrase : QByteArray(), &error, &message);
    QVERIFY(key.isNull());
    QCOMPARE(error, PrivateKey::Error::Malformed);
    QVERIFY(!message.isEmpty());
    QVERIFY(!message.contains(QString::fromUtf8(m_passphrase)));
}

// The damage shows in the structure, so it is reported without asking for a passphrase.
void TestPrivateKey::damagedEncryptedKeyWithoutPassphrase()
{
    PrivateKey::Error error = PrivateKey::Error::None;
    const QList<QByteArray> lines = pemLines(m_keys.encryptedPkcs8);
    PrivateKey::load(keepBodyLines(m_keys.encryptedPkcs8, lines.size() / 2), {}, &error);
    QCOMPARE(error, PrivateKey::Error::Malformed);

    QByteArray partialBlock = m_keys.encryptedTraditional;
    const qsizetype end = partialBlock.indexOf("-----END");
    partialBlock.insert(end, "AAAA\n"); // 3 more bytes: not a whole number of DES blocks
    PrivateKey::load(partialBlock, {}, &error);
    QCOMPARE(error, PrivateKey::Error::Malformed);
    PrivateKey::load(partialBlock, m_passphrase, &error);
    QCOMPARE(error, PrivateKey::Error::Malformed);

    QByteArray badCipher = m_keys.encryptedTraditional;
    badCipher.replace("DES-EDE3-CBC", "NOPE-CIPHER-CBC");
    PrivateKey::load(badCipher, {}, &error);
    QCOMPARE(error, PrivateKey::Error::Malformed);
}

void TestPrivateKey::notRsa_data()
{
    QTest::addColumn<QByteArray>("pem");
    QTest::addColumn<bool>("needsPassphrase");
    QTest::newRow("EC, unencrypted PKCS#8") << m_ecPkcs8 << false;
    QTest::newRow("EC, encrypted PKCS#8") << m_ecEncryptedPkcs8 << true;
    QTest::newRow("EC, traditional") << m_ecTraditional << false;
    // The armour says EC, so no passphrase is needed to tell it is the wrong kind of key.
    QTest::newRow("EC, traditional armour, encrypted")
        << "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
           "DEK-Info: AES-128-CBC,00000000000000000000000000000000\n\nAAAA\n"
           "-----END EC PRIVATE KEY-----\n"_ba
        << false;
}

void TestPrivateKey::notRsa()
{
    QFETCH(QByteArray, pem);
    QFETCH(bool, needsPassphrase);
    PrivateKey::Error error = PrivateKey::Error::None;
    QString message;
    const PrivateKey key =
        PrivateKey::load(pem, needsPassphrase ? m_passphrase : QByteArray(), &error, &message);
    QVERIFY(key.isNull());
    QCOMPARE(error, PrivateKey::Error::NotRsa);
    QCOMPARE(message, PrivateKey::errorMessage(PrivateKey::Error::NotRsa));
}

void TestPrivateKey::literalNewlineEscapesAccepted_data()
{
    QTest::addColumn<QByteArray>("pem");
    QTest::addColumn<bool>("needsPassphrase");
    const QList<RsaPemForm> forms = rsaForms();
    for (const RsaPemForm &form : forms) {
        QTest::addRow("%s: literal \\n", form.name)
            << QByteArray(form.pem).replace("\n", "\\n") << form.encrypted;
        QTest::addRow("%s: literal \\n, trimmed", form.name)
            << QByteArray(form.pem).trimmed().replace("\n", "\\n") << form.encrypted;
        QTest::addRow("%s: literal \\r\\n", form.name)
            << QByteArray(form.pem).replace("\n", "\\r\\n") << form.encrypted;
        QTest::addRow("%s: CRLF line ends", form.name)
            << QByteArray(form.pem).replace("\n", "\r\n") << form.encrypted;
        QTest::addRow("%s: indented lines", form.name)
            << QByteArray(form.pem).replace("\n", "\n    ").prepend("    ") << form.encrypted;
        QTest::addRow("%s: blank lines removed", form.name)
            << pemLines(form.pem).join('\n') << form.encrypted;
        QTest::addRow("%s: blank lines added", form.name)
            << QByteArray(form.pem).replace("\n", "\n\n") << form.encrypted;
        QTest::addRow("%s: quoted JSON value", form.name) << QByteArray(form.pem)
                                                                 .replace("\n", "\\n")
                                                                 .replace("/", "\\/")
                                                                 .prepend('"')
                                                                 .append('"')
                                                          << form.encrypted;
    }
}

void TestPrivateKey::literalNewlineEscapesAccepted()
{
    QFETCH(QByteArray, pem);
    QFETCH(bool, needsPassphrase);
    PrivateKey::Error error = PrivateKey::Error::Empty;
    const PrivateKey key =
        PrivateKey::load(pem, needsPassphrase ? m_passphrase : QByteArray(), &error);
    QCOMPARE(error, PrivateKey::Error::None);
    QVERIFY(key.publicKeyPem() == m_keys.publicKeyPem);
}

void TestPrivateKey::privateKeyAfterOtherBlocks()
{
    // Users sometimes paste the public and the private key together.
    PrivateKey::Error error = PrivateKey::Error::Empty;
    const PrivateKey key =
        PrivateKey::load("Public:\n" + m_keys.publicKeyPem + "Private:\n" + m_keys.encryptedPkcs8,
                         m_passphrase, &error);
    QCOMPARE(error, PrivateKey::Error::None);
    QVERIFY(key.publicKeyPem() == m_keys.publicKeyPem);
}

QTEST_GUILESS_MAIN(TestPrivateKey)
#include "tst_privatekey.moc"
