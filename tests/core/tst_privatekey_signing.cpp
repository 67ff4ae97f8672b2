// PrivateKey, signing and the checks around loading: RS256/384/512 signatures verified with
// OpenSSL, error messages that never carry a secret, and encryption settings too costly to
// decrypt refused before any key derivation. Loading every form: tst_privatekey.cpp.

#include "core/configjson.h"
#include "core/privatekey.h"
#include "pemkeys.h"
#include "privatekeyfixture.h"
#include "testsecrets.h"

#include <QtTest>

#include <openssl/asn1t.h>
#include <openssl/bn.h>
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

Q_DECLARE_METATYPE(PrivateKey::Error)
Q_DECLARE_METATYPE(JwtAlgorithm)

namespace {

struct MdCtxFree
{
    void operator()(EVP_MD_CTX *c) const { EVP_MD_CTX_free(c); }
};

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
    PkeyPtr key = readPublicPem(publicPem);
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

class TestPrivateKeySigning : public PrivateKeyFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { generateKeys(); }

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
};

void TestPrivateKeySigning::signVerifyRoundTrip_data()
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

void TestPrivateKeySigning::signVerifyRoundTrip()
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

void TestPrivateKeySigning::signatureIsDeterministicAndKeySpecific()
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

void TestPrivateKeySigning::nullKey()
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

void TestPrivateKeySigning::copiesShareTheKey()
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

void TestPrivateKeySigning::messagesNeverContainSecrets()
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

void TestPrivateKeySigning::errorMessagesArePlainSentences()
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

void TestPrivateKeySigning::openSslErrorQueueClearedAfterFailure()
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

void TestPrivateKeySigning::expensiveEncryptionIsRefusedBeforeDecrypting_data()
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

void TestPrivateKeySigning::expensiveEncryptionIsRefusedBeforeDecrypting()
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

void TestPrivateKeySigning::usualKeyDerivationSettingsStillLoad_data()
{
    QTest::addColumn<QByteArray>("pem");
    QTest::newRow("PBKDF2, 2048 iterations (OpenSSL's default)")
        << encryptPkcs8WithPbkdf2(m_keys.unencryptedPkcs8, m_passphrase, 2048);
    QTest::newRow("PBKDF2, 100,000 iterations")
        << encryptPkcs8WithPbkdf2(m_keys.unencryptedPkcs8, m_passphrase, 100000);
    QTest::newRow("scrypt, N = 16384, r = 8, p = 1 (openssl pkcs8 -scrypt)")
        << encryptPkcs8WithScrypt(m_keys.unencryptedPkcs8, m_passphrase, 16384, 8, 1);
}

void TestPrivateKeySigning::usualKeyDerivationSettingsStillLoad()
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
void TestPrivateKeySigning::configImportRefusesExpensiveKey()
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

QTEST_GUILESS_MAIN(TestPrivateKeySigning)
#include "tst_privatekey_signing.moc"
