// config.json import. Properties: a file that imports cleanly exports (ConfigJson::toJson)
// to a file that imports to the same profile and secrets; a rejected file always says why.

#include "fuzzsupport.h"

#include "core/configjson.h"

using namespace Qt::Literals::StringLiterals;

namespace {
QString describe(const AppProfile &p, const ProfileSecrets &s)
{
    return QStringLiteral(
               "name=%1 client=%2 subject=%3/%4 kid=%5 secretLen=%6 keyLen=%7 passLen=%8")
        .arg(p.name, p.clientId)
        .arg(int(p.subjectType))
        .arg(p.subjectId, p.publicKeyId)
        .arg(s.clientSecret.size())
        .arg(s.privateKey.size())
        .arg(s.passphrase.size());
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::initQt();
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString name = QStringLiteral("Fuzzed app");
    const ConfigImport first = ConfigJson::parse(json, name);
    (void)ConfigJson::suggestedNameForFile(QStringLiteral("/tmp/1234_abcd_config.json"), json);
    if (!first.ok())
        return 0;

    QString why;
    FUZZ_CHECK(ConfigJson::canExport(first.profile, &why), why);
    const QByteArray exported = ConfigJson::toJson(first.profile, first.secrets);
    const ConfigImport second = ConfigJson::parse(exported, name);
    FUZZ_CHECK(second.ok(), second.errors.join(u'\n'));
    FUZZ_CHECK(second.profile == first.profile, describe(first.profile, first.secrets) +
                                                    u"\n -> "_s +
                                                    describe(second.profile, second.secrets));
    FUZZ_CHECK(second.secrets == first.secrets, describe(first.profile, first.secrets) +
                                                    u"\n -> "_s +
                                                    describe(second.profile, second.secrets));
    return 0;
}
