// PrivateKey: loading every PEM form Box users have, telling apart each way it can fail,
// and signing. Keys are generated at test time; secrets come from testSecret() and are never
// printed (QVERIFY instead of QCOMPARE wherever a secret could show up in a failure message).

#include "core/configjson.h"
#include "core/privatekey.h"
#include "testkeys.h"
#include "testsecrets.h"

#include <QtTest>

#include <openssl/asn1t.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>

#include <memory>

using namespace Qt::Literals::StringLiterals;

Q_DECLARE_METATYPE(PrivateKey::Format)
Q_DECLARE_METATYPE(PrivateKey::Error)
Q_DECLARE_METATYPE(JwtAlgorithm)

namespace {

struct BioFree
{
    void operator()(BIO *b) const { BIO_free(b); }
};
struct PkeyFree
{
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};
struct MdCtxFree
{
    void operator()(EVP_MD_CTX *c) const { EVP_MD_CTX_free(c); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

// Never lets OpenSSL prompt on the terminal.
int noPrompt(char *, int, int, void *)
{
    return -1;
}

PkeyPtr readPrivate(const QByteArray &pem)
{
    BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    return PkeyPtr(PEM_read_bio_PrivateKey(bio.get(), nullptr, noPrompt, nullptr));
}

PkeyPtr readPublic(const QByteArray &pem)
{
    BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    return PkeyPtr(PEM_read_bio_PUBKEY(bio.get(), nullptr, noPrompt, nullptr));
}

template <typename Write> QByteArray toPem(Write write)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || write(bio.get()) != 1)
        return {};
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, qsizetype(length));
}

const EVP_MD *digestFor(JwtAlgorithm algorithm)
{
    switch (algorithm) {
    case JwtAlgorithm::RS256:
        return EVP_sha256();
    case JwtAlgorithm::RS384:
        return EVP_sha384();
    case JwtAlgorithm::RS512:
        return EVP_sha512();
    }
    return nullptr;
}

bool verify(const QByteArray &publicPem, JwtAlgorithm algorithm, const QByteArray &data,
            const QByteArray &signature)
{
    PkeyPtr key = readPublic(publicPem);
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX *pkeyCtx = nullptr;
    const bool ok =
        key && ctx &&
        EVP_DigestVerifyInit(ctx.get(), &pkeyCtx, digestFor(algorithm), nullptr, key.get()) == 1 &&
        EVP_PKEY_CTX_set_rsa_padding(pkeyCtx, RSA_PKCS1_PADDING) == 1 &&
        EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.data()),
                         size_t(signature.size()),
                         reinterpret_cast<const unsigned char *>(data.constData()),
                         size_t(data.size())) == 1;
    ERR_clear_error();
    return ok;
}

QList<QByteArray> pemLines(const QByteArray &pem)
{
    QList<QByteArray> lines = pem.split('\n');
    lines.removeAll(QByteArray());
    return lines;
}

// Keeps the armour and the first `keep` body lines, then the END line.
QByteArray keepBodyLines(const QByteArray &pem, qsizetype keep)
{
    const QList<QByteArray> lines = pemLines(pem);
    QByteArray out;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const bool armourOrHeader = lines.at(i).startsWith("-----") || lines.at(i).contains(':');
        if (armourOrHeader || i <= keep)
            out += lines.at(i) + '\n';
    }
    return out;
}

// Index of the first base64 body line (after BEGIN and any headers with their blank line).
qsizetype firstBodyLine(const QList<QByteArray> &lines)
{
    qsizetype i = 1;
    while (i < lines.size() && lines.at(i).contains(':'))
        ++i;
    return i;
}

// An encrypted PKCS#8 PEM with the given encryption algorithm (taken) and 64 bytes of noise as
// its ciphertext: enough to test the cost check, which must refuse before any key derivation.
QByteArray craftEncryptedPkcs8(X509_ALGOR *algorithm)
{
    std::unique_ptr<X509_ALGOR, decltype(&X509_ALGOR_free)> owned(algorithm, &X509_ALGOR_free);
    std::unique_ptr<X509_SIG, decltype(&X509_SIG_free)> sig(X509_SIG_new(), &X509_SIG_free);
    X509_ALGOR *sigAlgorithm = nullptr;
    ASN1_OCTET_STRING *ciphertext = nullptr;
    X509_SIG_getm(sig.get(), &sigAlgorithm, &ciphertext);
    unsigned char noise[64];
    for (int i = 0; i < 64; ++i)
        noise[i] = static_cast<unsigned char>(i * 37 + 11);
    if (!algorithm || X509_ALGOR_copy(sigAlgorithm, algorithm) != 1 ||
        ASN1_OCTET_STRING_set(ciphertext, noise, sizeof noise) != 1)
        return {};
    return toPem([&](BIO *bio) { return PEM_write_bio_PKCS8(bio, sig.get()); });
}

// PBES2 with AES-256-CBC around a key derivation algorithm (taken).
X509_ALGOR *pbes2With(X509_ALGOR *kdf)
{
    std::unique_ptr<PBE2PARAM, decltype(&PBE2PARAM_free)> pbe2(PBE2PARAM_new(), &PBE2PARAM_free);
    X509_ALGOR_free(pbe2->keyfunc);
    pbe2->keyfunc = kdf;
    ASN1_OCTET_STRING *iv = ASN1_OCTET_STRING_new();
    const unsigned char ivBytes[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    ASN1_OCTET_STRING_set(iv, ivBytes, sizeof ivBytes);
    X509_ALGOR_set0(pbe2->encryption, OBJ_nid2obj(NID_aes_256_cbc), V_ASN1_OCTET_STRING, iv);
    X509_ALGOR *outer = X509_ALGOR_new();
    X509_ALGOR_set0(outer, OBJ_nid2obj(NID_pbes2), V_ASN1_SEQUENCE,
                    ASN1_item_pack(pbe2.get(), ASN1_ITEM_rptr(PBE2PARAM), nullptr));
    return outer;
}

// An INTEGER of any size, from its decimal digits.
ASN1_INTEGER *bigInteger(const char *decimal)
{
    BIGNUM *bn = nullptr;
    BN_dec2bn(&bn, decimal);
    ASN1_INTEGER *integer = BN_to_ASN1_INTEGER(bn, nullptr);
    BN_free(bn);
    return integer;
}

X509_ALGOR *pbkdf2Algorithm(const char *iterations)
{
    std::unique_ptr<PBKDF2PARAM, decltype(&PBKDF2PARAM_free)> params(PBKDF2PARAM_new(),
                                                                     &PBKDF2PARAM_free);
    ASN1_OCTET_STRING *salt = ASN1_OCTET_STRING_new();
    ASN1_OCTET_STRING_set(salt, reinterpret_cast<const unsigned char *>("saltsalt"), 8);
    ASN1_TYPE_set(params->salt, V_ASN1_OCTET_STRING, salt);
    ASN1_INTEGER_free(params->iter);
    params->iter = bigInteger(iterations);
    X509_ALGOR *kdf = X509_ALGOR_new();
    X509_ALGOR_set0(kdf, OBJ_nid2obj(NID_id_pbkdf2), V_ASN1_SEQUENCE,
                    ASN1_item_pack(params.get(), ASN1_ITEM_rptr(PBKDF2PARAM), nullptr));
    return pbes2With(kdf);
}

X509_ALGOR *scryptAlgorithm(const char *n, const char *r, const char *p)
{
    std::unique_ptr<SCRYPT_PARAMS, decltype(&SCRYPT_PARAMS_free)> params(SCRYPT_PARAMS_new(),
                                                                         &SCRYPT_PARAMS_free);
    ASN1_OCTET_STRING_set(params->salt, reinterpret_cast<const unsigned char *>("saltsalt"), 8);
    for (auto [field, value] :
         {std::pair{&params->costParameter, n}, std::pair{&params->blockSize, r},
          std::pair{&params->parallelizationParameter, p}}) {
        ASN1_INTEGER_free(*field);
        *field = bigInteger(value);
    }
    X509_ALGOR *kdf = X509_ALGOR_new();
    X509_ALGOR_set0(kdf, OBJ_nid2obj(NID_id_scrypt), V_ASN1_SEQUENCE,
                    ASN1_item_pack(params.get(), ASN1_ITEM_rptr(SCRYPT_PARAMS), nullptr));
    return pbes2With(kdf);
}

// PKCS#12 PBE (pbeWithSHA1And3-KeyTripleDES-CBC), whose PBEParameter carries the count.
X509_ALGOR *pkcs12PbeAlgorithm(int iterations)
{
    return PKCS5_pbe_set(NID_pbe_WithSHA1And3_Key_TripleDES_CBC, iterations, nullptr, 0);
}

} // namespace

class TestPrivateKey : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

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

    void signVerifyRoundTrip_data();
    void signVerifyRoundTrip();
    void signatureIsDeterministicAndKeySpecific();
    void nullKey();
    void copiesShareTheKey();

    void messagesNeverContainSecrets();
    void errorMessagesArePlainSentences();
    void openSslErrorQueueClearedAfterFailure();

    void expensiveEncryptionIsRefusedBeforeDecrypting_data();
    void expensiveEncryptionIsRefusedBeforeDecrypting();
    void usualKeyDerivationSettingsStillLoad_data();
    void usualKeyDerivationSettingsStillLoad();
    void configImportRefusesExpensiveKey();

private:
    QByteArray m_passphrase;
    TestKeyPair m_keys;
    QByteArray m_unencryptedTraditional;
    TestKeyPair m_otherKeys; // a second, unrelated key pair
    QByteArray m_ecPkcs8;
    QByteArray m_ecEncryptedPkcs8;
    QByteArray m_ecTraditional;
};

void TestPrivateKey::initTestCase()
{
    m_passphrase = testSecret(u"passphrase"_s).toUtf8();
    QVERIFY(m_passphrase.contains(kTestSecretMarker));
    m_keys = generateTestKeyPair(m_passphrase);
    m_otherKeys = generateTestKeyPair(testSecret(u"other-passphrase"_s).toUtf8());

    QVERIFY(m_keys.encryptedPkcs8.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
    QVERIFY(m_keys.encryptedTraditional.startsWith("-----BEGIN RSA PRIVATE KEY-----\n"
                                                   "Proc-Type: 4,ENCRYPTED\n"
                                                   "DEK-Info: DES-EDE3-CBC,"));
    QVERIFY(m_keys.unencryptedPkcs8.startsWith("-----BEGIN PRIVATE KEY-----\n"));
    QVERIFY(m_keys.publicKeyPem.startsWith("-----BEGIN PUBLIC KEY-----\n"));

    PkeyPtr rsa = readPrivate(m_keys.unencryptedPkcs8);
    QVERIFY(rsa);
    m_unencryptedTraditional = toPem([&](BIO *bio) {
        return PEM_write_bio_PrivateKey_traditional(bio, rsa.get(), nullptr, nullptr, 0, nullptr,
                                                    nullptr);
    });
    QVERIFY(m_unencryptedTraditional.startsWith("-----BEGIN RSA PRIVATE KEY-----\nMII"));

    PkeyPtr ec(EVP_EC_gen("P-256"));
    QVERIFY(ec);
    m_ecPkcs8 = toPem([&](BIO *bio) {
        return PEM_write_bio_PrivateKey(bio, ec.get(), nullptr, nullptr, 0, nullptr, nullptr);
    });
    m_ecEncryptedPkcs8 = toPem([&](BIO *bio) {
        return PEM_write_bio_PKCS8PrivateKey(bio, ec.get(), EVP_aes_256_cbc(),
                                             m_passphrase.constData(), int(m_passphrase.size()),
                                             nullptr, nullptr);
    });
    m_ecTraditional = toPem([&](BIO *bio) {
        return PEM_write_bio_PrivateKey_traditional(bio, ec.get(), nullptr, nullptr, 0, nullptr,
                                                    nullptr);
    });
    QVERIFY(m_ecPkcs8.startsWith("-----BEGIN PRIVATE KEY-----\n"));
    QVERIFY(m_ecEncryptedPkcs8.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
    QVERIFY(m_ecTraditional.startsWith("-----BEGIN EC PRIVATE KEY-----\n"));
    ERR_clear_error();
}

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

    const struct
    {
        const char *name;
        QByteArray pem;
        bool encrypted;
    } forms[] = {
        {"encrypted PKCS#8", m_keys.encryptedPkcs8, true},
        {"encrypted traditional", m_keys.encryptedTraditional, true},
        {"unencrypted PKCS#8", m_keys.unencryptedPkcs8, false},
        {"unencrypted traditional", m_unencryptedTraditional, false},
    };
    for (const auto &form : forms) {
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
    const struct
    {
        const char *name;
        QByteArray pem;
        bool encrypted;
    } forms[] = {
        {"encrypted PKCS#8", m_keys.encryptedPkcs8, true},
        {"encrypted traditional", m_keys.encryptedTraditional, true},
        {"unencrypted PKCS#8", m_keys.unencryptedPkcs8, false},
        {"unencrypted traditional", m_unencryptedTraditional, false},
    };
    for (const auto &form : forms) {
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

void TestPrivateKey::signVerifyRoundTrip_data()
{
    QTest::addColumn<JwtAlgorithm>("algorithm");
    QTest::addColumn<QByteArray>("pem");
    QTest::addColumn<bool>("needsPassphrase");
    const struct
    {
        const char *name;
        JwtAlgorithm algorithm;
    } algorithms[] = {{"RS256", JwtAlgorithm::RS256},
                      {"RS384", JwtAlgorithm::RS384},
                      {"RS512", JwtAlgorithm::RS512}};
    for (const auto &a : algorithms) {
        QTest::addRow("%s, encrypted PKCS#8", a.name)
            << a.algorithm << m_keys.encryptedPkcs8 << true;
        QTest::addRow("%s, encrypted traditional", a.name)
            << a.algorithm << m_keys.encryptedTraditional << true;
        QTest::addRow("%s, unencrypted traditional", a.name)
            << a.algorithm << m_unencryptedTraditional << false;
    }
}

void TestPrivateKey::signVerifyRoundTrip()
{
    QFETCH(JwtAlgorithm, algorithm);
    QFETCH(QByteArray, pem);
    QFETCH(bool, needsPassphrase);
    const PrivateKey key = PrivateKey::load(pem, needsPassphrase ? m_passphrase : QByteArray());
    QVERIFY(!key.isNull());

    const QByteArray data = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImFiY2QxMjM0In0."
                            "eyJpc3MiOiJjbGllbnQiLCJzdWIiOiIxMjM0NTY3In0"_ba;
    QString message = u"unset"_s;
    const QByteArray signature = key.sign(algorithm, data, &message);
    QCOMPARE(signature.size(), qsizetype(256));
    QVERIFY(verify(m_keys.publicKeyPem, algorithm, data, signature));
    QVERIFY(verify(key.publicKeyPem(), algorithm, data, signature));

    // The signature is bound to the data, the digest and the key.
    QVERIFY(!verify(m_keys.publicKeyPem, algorithm, data + "x", signature));
    const JwtAlgorithm other =
        algorithm == JwtAlgorithm::RS256 ? JwtAlgorithm::RS512 : JwtAlgorithm::RS256;
    QVERIFY(!verify(m_keys.publicKeyPem, other, data, signature));
    QVERIFY(!verify(m_otherKeys.publicKeyPem, algorithm, data, signature));

    // Empty input can be signed too.
    const QByteArray emptySignature = key.sign(algorithm, QByteArray());
    QVERIFY(verify(m_keys.publicKeyPem, algorithm, QByteArray(), emptySignature));
}

void TestPrivateKey::signatureIsDeterministicAndKeySpecific()
{
    const PrivateKey a = PrivateKey::load(m_keys.encryptedPkcs8, m_passphrase);
    const PrivateKey b = PrivateKey::load(m_keys.encryptedTraditional, m_passphrase);
    const PrivateKey other = PrivateKey::load(m_otherKeys.unencryptedPkcs8, {});
    QVERIFY(!a.isNull() && !b.isNull() && !other.isNull());
    const QByteArray data = "payload"_ba;
    // PKCS#1 v1.5 is deterministic: the same key in two PEM forms signs identically.
    QVERIFY(a.sign(JwtAlgorithm::RS256, data) == b.sign(JwtAlgorithm::RS256, data));
    QVERIFY(a.sign(JwtAlgorithm::RS256, data) != other.sign(JwtAlgorithm::RS256, data));
    QVERIFY(other.publicKeyPem() == m_otherKeys.publicKeyPem);
}

void TestPrivateKey::nullKey()
{
    const PrivateKey key;
    QVERIFY(key.isNull());
    QCOMPARE(key.bits(), 0);
    QVERIFY(key.publicKeyPem().isEmpty());
    QString message;
    QVERIFY(key.sign(JwtAlgorithm::RS256, "data"_ba, &message).isEmpty());
    QCOMPARE(message, u"No private key is loaded."_s);

    // load() without the optional out-parameters.
    QVERIFY(PrivateKey::load("junk"_ba, {}).isNull());
}

void TestPrivateKey::copiesShareTheKey()
{
    PrivateKey copy;
    {
        const PrivateKey original = PrivateKey::load(m_keys.unencryptedPkcs8, {});
        QVERIFY(!original.isNull());
        copy = original;
        const PrivateKey constructed(original);
        QCOMPARE(constructed.bits(), 2048);
    }
    QVERIFY(!copy.isNull());
    QVERIFY(copy.publicKeyPem() == m_keys.publicKeyPem);
    QVERIFY(verify(m_keys.publicKeyPem, JwtAlgorithm::RS256, "x"_ba,
                   copy.sign(JwtAlgorithm::RS256, "x"_ba)));
}

void TestPrivateKey::messagesNeverContainSecrets()
{
    const QString passphrase = QString::fromUtf8(m_passphrase);
    const QByteArray wrong = testSecret(u"wrong"_s).toUtf8();
    const QList<QPair<QByteArray, QByteArray>> attempts = {
        {m_keys.encryptedPkcs8, wrong},
        {m_keys.encryptedTraditional, wrong},
        {m_keys.encryptedPkcs8, {}},
        {keepBodyLines(m_keys.encryptedPkcs8, 3), m_passphrase},
        {keepBodyLines(m_keys.encryptedTraditional, 5), m_passphrase},
        {keepBodyLines(m_keys.unencryptedPkcs8, 3), m_passphrase},
        {m_keys.publicKeyPem, m_passphrase},
        {m_ecPkcs8, m_passphrase},
        {m_ecEncryptedPkcs8, m_passphrase},
        {QByteArray("junk " + m_passphrase), m_passphrase},
        {{}, m_passphrase},
    };
    const QList<QByteArray> keyLines = pemLines(m_keys.encryptedPkcs8) +
                                       pemLines(m_keys.encryptedTraditional) +
                                       pemLines(m_keys.unencryptedPkcs8);
    for (const auto &attempt : std::as_const(attempts)) {
        PrivateKey::Error error = PrivateKey::Error::None;
        QString message;
        QVERIFY(PrivateKey::load(attempt.first, attempt.second, &error, &message).isNull());
        QVERIFY(error != PrivateKey::Error::None);
        QVERIFY(!message.isEmpty());
        QVERIFY(!message.contains(passphrase));
        QVERIFY(!message.contains(QString::fromUtf8(wrong)));
        QVERIFY(!message.contains(QString::fromLatin1(kTestSecretMarker)));
        QVERIFY(!message.contains(u"PRIVATE KEY-----"_s));
        for (const QByteArray &line : keyLines) {
            if (!line.startsWith("-----") && !line.contains(':'))
                QVERIFY(!message.contains(QString::fromLatin1(line)));
        }
    }
}

void TestPrivateKey::errorMessagesArePlainSentences()
{
    QVERIFY(PrivateKey::errorMessage(PrivateKey::Error::None).isEmpty());
    const QList<PrivateKey::Error> errors = {
        PrivateKey::Error::Empty,
        PrivateKey::Error::NotPem,
        PrivateKey::Error::PassphraseRequired,
        PrivateKey::Error::WrongPassphrase,
        PrivateKey::Error::Malformed,
        PrivateKey::Error::NotRsa,
        PrivateKey::Error::TooExpensive,
    };
    QStringList seen;
    for (PrivateKey::Error error : errors) {
        const QString message = PrivateKey::errorMessage(error);
        QVERIFY(!message.isEmpty());
        QVERIFY2(message.at(0).isUpper(), qPrintable(message));
        QVERIFY2(message.endsWith(u'.'), qPrintable(message));
        QVERIFY(!seen.contains(message));
        seen.append(message);
    }
    QCOMPARE(PrivateKey::errorMessage(PrivateKey::Error::WrongPassphrase),
             u"The passphrase does not decrypt the private key."_s);
}

void TestPrivateKey::openSslErrorQueueClearedAfterFailure()
{
    ERR_clear_error();
    PrivateKey::load(m_keys.encryptedPkcs8, testSecret(u"wrong"_s).toUtf8());
    QCOMPARE(ERR_peek_error(), 0ul);
    PrivateKey::load(m_keys.encryptedTraditional, testSecret(u"wrong"_s).toUtf8());
    QCOMPARE(ERR_peek_error(), 0ul);
    PrivateKey::load(keepBodyLines(m_keys.unencryptedPkcs8, 4), {});
    QCOMPARE(ERR_peek_error(), 0ul);
    PrivateKey::load(m_ecPkcs8, {});
    QCOMPARE(ERR_peek_error(), 0ul);
    PrivateKey::load("-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n"_ba, {});
    QCOMPARE(ERR_peek_error(), 0ul);
}

void TestPrivateKey::expensiveEncryptionIsRefusedBeforeDecrypting_data()
{
    QTest::addColumn<QByteArray>("pem");
    QTest::addColumn<QString>("detail");
    const QLocale locale;
    // Real keys this costly would take minutes to decrypt: the ciphertext is noise, so a
    // check that ran the key derivation anyway would end in WrongPassphrase, not TooExpensive.
    QTest::newRow("PBKDF2, 100 million iterations")
        << craftEncryptedPkcs8(pbkdf2Algorithm("100000000"))
        << u"%1 iterations; at most %2 are accepted"_s.arg(locale.toString(100000000),
                                                           locale.toString(10000000));
    QTest::newRow("PBKDF2, one more than allowed")
        << craftEncryptedPkcs8(pbkdf2Algorithm("10000001"))
        << u"%1 iterations"_s.arg(locale.toString(10000001));
    QTest::newRow("PBKDF2, 2^80 iterations")
        << craftEncryptedPkcs8(pbkdf2Algorithm("1208925819614629174706176"))
        << u"iterations; at most"_s;
    QTest::newRow("PBKDF2 made by OpenSSL, 20 million iterations")
        << craftEncryptedPkcs8(PKCS5_pbe2_set_iv(EVP_aes_256_cbc(), 20000000, nullptr, 0, nullptr,
                                                 NID_hmacWithSHA256))
        << u"%1 iterations"_s.arg(locale.toString(20000000));
    QTest::newRow("scrypt, huge N (memory)")
        << craftEncryptedPkcs8(scryptAlgorithm("1048576", "8", "1"))
        << u"N = %1, r = 8, p = 1"_s.arg(locale.toString(1048576));
    QTest::newRow("scrypt, N = 2^62")
        << craftEncryptedPkcs8(scryptAlgorithm("4611686018427387904", "8", "1"))
        << u"scrypt with N ="_s;
    QTest::newRow("scrypt, huge p (work)")
        << craftEncryptedPkcs8(scryptAlgorithm("16384", "8", "1024"))
        << u"p = %1"_s.arg(locale.toString(1024));
    QTest::newRow("scrypt made by OpenSSL, p = 64")
        << craftEncryptedPkcs8(
               PKCS5_pbe2_set_scrypt(EVP_aes_256_cbc(), nullptr, 0, nullptr, 16384, 8, 64))
        << u"p = 64"_s;
    QTest::newRow("PKCS#12 PBE, 50 million iterations")
        << craftEncryptedPkcs8(pkcs12PbeAlgorithm(50000000))
        << u"%1 iterations"_s.arg(locale.toString(50000000));
}

void TestPrivateKey::expensiveEncryptionIsRefusedBeforeDecrypting()
{
    QFETCH(QByteArray, pem);
    QFETCH(QString, detail);
    QVERIFY(pem.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
    QCOMPARE(PrivateKey::detectFormat(pem), PrivateKey::Format::EncryptedPkcs8);
    for (const QByteArray &passphrase : {m_passphrase, QByteArray()}) {
        QElapsedTimer timer;
        timer.start();
        PrivateKey::Error error = PrivateKey::Error::None;
        QString message;
        const PrivateKey key = PrivateKey::load(pem, passphrase, &error, &message);
        const qint64 elapsed = timer.elapsed();
        QVERIFY(key.isNull());
        QCOMPARE(error, PrivateKey::Error::TooExpensive);
        QVERIFY2(elapsed < 500, qPrintable(u"took %1 ms"_s.arg(elapsed)));
        QVERIFY2(message.startsWith(u"The private key is encrypted with settings that would take "
                                    "too long to decrypt ("_s),
                 qPrintable(message));
        QVERIFY2(message.contains(detail), qPrintable(message));
        QVERIFY(message.contains(u"openssl pkcs8 -topk8"_s));
        QVERIFY(!message.contains(QString::fromUtf8(m_passphrase)));
        QCOMPARE(ERR_peek_error(), 0ul);
    }
}

void TestPrivateKey::usualKeyDerivationSettingsStillLoad_data()
{
    QTest::addColumn<QByteArray>("pem");
    QTest::newRow("PBKDF2, 2048 iterations (OpenSSL's default)")
        << encryptPkcs8WithPbkdf2(m_keys.unencryptedPkcs8, m_passphrase, 2048);
    QTest::newRow("PBKDF2, 100,000 iterations")
        << encryptPkcs8WithPbkdf2(m_keys.unencryptedPkcs8, m_passphrase, 100000);
    QTest::newRow("scrypt, N = 16384, r = 8, p = 1 (openssl pkcs8 -scrypt)")
        << encryptPkcs8WithScrypt(m_keys.unencryptedPkcs8, m_passphrase, 16384, 8, 1);
}

void TestPrivateKey::usualKeyDerivationSettingsStillLoad()
{
    QFETCH(QByteArray, pem);
    PrivateKey::Error error = PrivateKey::Error::Empty;
    const PrivateKey key = PrivateKey::load(pem, m_passphrase, &error);
    QCOMPARE(error, PrivateKey::Error::None);
    QVERIFY(key.publicKeyPem() == m_keys.publicKeyPem);
    PrivateKey::load(pem, testSecret(u"wrong"_s).toUtf8(), &error);
    QCOMPARE(error, PrivateKey::Error::WrongPassphrase);
}

// config.json import decrypts the key to check it: the same cap applies there, and the
// import names the field.
void TestPrivateKey::configImportRefusesExpensiveKey()
{
    const QByteArray pem = craftEncryptedPkcs8(pbkdf2Algorithm("100000000"));
    const QJsonObject config{
        {u"boxAppSettings"_s,
         QJsonObject{
             {u"clientID"_s, u"abc123"_s},
             {u"clientSecret"_s, testSecret(u"client"_s)},
             {u"appAuth"_s, QJsonObject{{u"publicKeyID"_s, u"kid1"_s},
                                        {u"privateKey"_s, QString::fromUtf8(pem)},
                                        {u"passphrase"_s, QString::fromUtf8(m_passphrase)}}}}},
        {u"enterpriseID"_s, u"1234567"_s},
    };
    QElapsedTimer timer;
    timer.start();
    const ConfigImport result = ConfigJson::parse(QJsonDocument(config).toJson());
    QVERIFY2(timer.elapsed() < 500, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(result.errors, QStringList{u"boxAppSettings.appAuth.privateKey is encrypted with "
                                        "settings that would take too long to decrypt"_s});
    QVERIFY(result.secrets.isEmpty());
}

QTEST_GUILESS_MAIN(TestPrivateKey)
#include "tst_privatekey.moc"
