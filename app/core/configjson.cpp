#include "core/configjson.h"

#include "core/logging.h"
#include "core/privatekey.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qsizetype kMaxConfigSize = 1024 * 1024;

bool isDigits(const QString &text)
{
    if (text.isEmpty())
        return false;
    for (QChar c : text) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

// Keys pasted from environment variables may carry literal "\n" escape sequences (a JSON
// "\\n") instead of newlines; store the key with real newlines.
QString normalizedKeyText(QString key)
{
    key.replace(u"\\r\\n"_s, u"\n"_s);
    key.replace(u"\\n"_s, u"\n"_s);
    return key;
}

// Reads a required, non-empty string member; appends the problem (naming the JSON path) to
// errors and returns a null string when there is one.
QString requiredString(const QJsonObject &object, const QString &key, const QString &path,
                       QStringList *errors, bool allowEmpty = false)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined()) {
        errors->append(QCoreApplication::translate("ConfigJson", "%1 is missing").arg(path));
        return {};
    }
    if (!value.isString()) {
        errors->append(QCoreApplication::translate("ConfigJson", "%1 must be a string").arg(path));
        return {};
    }
    const QString text = value.toString();
    if (!allowEmpty && text.trimmed().isEmpty()) {
        errors->append(QCoreApplication::translate("ConfigJson", "%1 is empty").arg(path));
        return {};
    }
    return text;
}

// The subject ID under key (enterpriseID or userID): a string of digits.
QString subjectId(const QJsonObject &root, const QString &key, QStringList *errors)
{
    const QJsonValue value = root.value(key);
    if (!value.isString()) {
        errors->append(QCoreApplication::translate("ConfigJson", "%1 must be a string").arg(key));
        return {};
    }
    const QString id = value.toString().trimmed();
    if (id.isEmpty()) {
        errors->append(QCoreApplication::translate("ConfigJson", "%1 is empty").arg(key));
        return {};
    }
    if (!isDigits(id)) {
        errors->append(
            QCoreApplication::translate("ConfigJson", "%1 must contain only digits").arg(key));
        return {};
    }
    return id;
}

QString defaultName(AuthMethod method, SubjectType subjectType, const QString &id)
{
    const bool jwt = method == AuthMethod::Jwt;
    if (id.isEmpty())
        return jwt ? QCoreApplication::translate("ConfigJson", "JWT app")
                   : QCoreApplication::translate("ConfigJson", "CCG app");
    if (subjectType == SubjectType::User)
        return (jwt ? QCoreApplication::translate("ConfigJson", "JWT app user %1")
                    : QCoreApplication::translate("ConfigJson", "CCG app user %1"))
            .arg(id);
    return (jwt ? QCoreApplication::translate("ConfigJson", "JWT app %1")
                : QCoreApplication::translate("ConfigJson", "CCG app %1"))
        .arg(id);
}

void checkPrivateKey(const QString &keyText, const QString &passphrase,
                     bool reportMissingPassphrase, QStringList *errors)
{
    const QString keyPath = u"boxAppSettings.appAuth.privateKey"_s;
    const QString passPath = u"boxAppSettings.appAuth.passphrase"_s;
    PrivateKey::Error error = PrivateKey::Error::None;
    PrivateKey::load(keyText.toUtf8(), passphrase.toUtf8(), &error);
    switch (error) {
    case PrivateKey::Error::None:
        return;
    case PrivateKey::Error::Empty:
        errors->append(QCoreApplication::translate("ConfigJson", "%1 is empty").arg(keyPath));
        return;
    case PrivateKey::Error::NotPem:
        errors->append(
            QCoreApplication::translate("ConfigJson", "%1 is not a PEM private key").arg(keyPath));
        return;
    case PrivateKey::Error::PassphraseRequired:
        if (reportMissingPassphrase)
            errors->append(QCoreApplication::translate(
                               "ConfigJson", "%1 is empty, but the private key is encrypted")
                               .arg(passPath));
        return;
    case PrivateKey::Error::WrongPassphrase:
        errors->append(
            QCoreApplication::translate("ConfigJson", "%1 does not decrypt the private key")
                .arg(passPath));
        return;
    case PrivateKey::Error::Malformed:
        errors->append(
            QCoreApplication::translate("ConfigJson", "%1 is damaged or incomplete").arg(keyPath));
        return;
    case PrivateKey::Error::NotRsa:
        errors->append(
            QCoreApplication::translate("ConfigJson", "%1 is not an RSA key").arg(keyPath));
        return;
    case PrivateKey::Error::TooExpensive:
        errors->append(QCoreApplication::translate(
                           "ConfigJson", "%1 is encrypted with settings that would take too "
                                         "long to decrypt")
                           .arg(keyPath));
        return;
    }
}

// JSON string literal, escaped per RFC 8259 (UTF-8 kept as is).
QByteArray jsonString(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out += '"';
    for (char ch : utf8) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            if (c < 0x20) {
                static const char hex[] = "0123456789abcdef";
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 0xf];
            } else {
                out += ch;
            }
        }
    }
    out += '"';
    return out;
}

} // namespace

ConfigImport ConfigJson::parse(const QByteArray &json, const QString &suggestedName)
{
    ConfigImport result;
    QStringList &errors = result.errors;

    if (json.size() > kMaxConfigSize) {
        errors.append(QCoreApplication::translate(
            "ConfigJson", "config.json is larger than 1 MiB; is this the right file?"));
        return result;
    }
    QByteArray text = json;
    if (text.startsWith("\xEF\xBB\xBF")) // UTF-8 byte order mark from Windows editors
        text.remove(0, 3);
    if (text.trimmed().isEmpty()) {
        errors.append(QCoreApplication::translate("ConfigJson", "config.json is empty"));
        return result;
    }

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        errors.append(QCoreApplication::translate(
                          "ConfigJson", "config.json is not valid JSON: %1 at character %2")
                          .arg(parseError.errorString())
                          .arg(parseError.offset));
        return result;
    }
    if (!document.isObject()) {
        errors.append(
            QCoreApplication::translate("ConfigJson", "config.json must contain a JSON object"));
        return result;
    }
    const QJsonObject root = document.object();

    AppProfile &profile = result.profile;
    ProfileSecrets &secrets = result.secrets;
    profile.method = AuthMethod::ClientCredentials;
    profile.algorithm = JwtAlgorithm::RS256;

    const QJsonValue settingsValue = root.value(u"boxAppSettings"_s);
    if (settingsValue.isUndefined()) {
        errors.append(
            QCoreApplication::translate("ConfigJson", "%1 is missing").arg(u"boxAppSettings"_s));
    } else if (!settingsValue.isObject()) {
        errors.append(QCoreApplication::translate("ConfigJson", "%1 must be an object")
                          .arg(u"boxAppSettings"_s));
    } else {
        const QJsonObject settings = settingsValue.toObject();
        profile.clientId =
            requiredString(settings, u"clientID"_s, u"boxAppSettings.clientID"_s, &errors)
                .trimmed();
        secrets.clientSecret =
            requiredString(settings, u"clientSecret"_s, u"boxAppSettings.clientSecret"_s, &errors);

        const QJsonValue appAuthValue = settings.value(u"appAuth"_s);
        if (!appAuthValue.isUndefined()) {
            profile.method = AuthMethod::Jwt;
            if (!appAuthValue.isObject()) {
                errors.append(QCoreApplication::translate("ConfigJson", "%1 must be an object")
                                  .arg(u"boxAppSettings.appAuth"_s));
            } else {
                const QJsonObject appAuth = appAuthValue.toObject();
                profile.publicKeyId =
                    requiredString(appAuth, u"publicKeyID"_s,
                                   u"boxAppSettings.appAuth.publicKeyID"_s, &errors)
                        .trimmed();
                // The private key is checked here for presence and type only; an empty one is
                // reported by checkPrivateKey() with the key's own wording.
                const int errorsBefore = int(errors.size());
                const QString keyText = normalizedKeyText(
                    requiredString(appAuth, u"privateKey"_s, u"boxAppSettings.appAuth.privateKey"_s,
                                   &errors, /*allowEmpty=*/true));
                const bool keyUsable = errors.size() == errorsBefore;
                // The passphrase may be empty (or absent) only for an unencrypted key.
                const QJsonValue passValue = appAuth.value(u"passphrase"_s);
                const bool passGiven = !passValue.isUndefined();
                bool passUsable = true;
                if (passGiven && !passValue.isString()) {
                    errors.append(QCoreApplication::translate("ConfigJson", "%1 must be a string")
                                      .arg(u"boxAppSettings.appAuth.passphrase"_s));
                    passUsable = false;
                }
                const QString passphrase = passUsable ? passValue.toString() : QString();
                if (keyUsable) {
                    const PrivateKey::Format format = PrivateKey::detectFormat(keyText.toUtf8());
                    const bool encrypted = format == PrivateKey::Format::EncryptedPkcs8 ||
                                           format == PrivateKey::Format::EncryptedTraditional;
                    if (!passGiven && encrypted)
                        errors.append(
                            QCoreApplication::translate(
                                "ConfigJson", "%1 is missing, but the private key is encrypted")
                                .arg(u"boxAppSettings.appAuth.passphrase"_s));
                    // A missing or unusable passphrase has been reported already; still
                    // check the key itself so every problem is listed.
                    checkPrivateKey(keyText, passphrase, passGiven && passUsable, &errors);
                }
                secrets.privateKey = keyText;
                secrets.passphrase = passphrase;
            }
        }
    }

    // Subject: enterpriseID (Service Account) or, failing that, userID.
    if (root.contains(u"enterpriseID"_s)) {
        profile.subjectType = SubjectType::Enterprise;
        profile.subjectId = subjectId(root, u"enterpriseID"_s, &errors);
    } else if (root.contains(u"userID"_s)) {
        profile.subjectType = SubjectType::User;
        profile.subjectId = subjectId(root, u"userID"_s, &errors);
    } else {
        errors.append(
            QCoreApplication::translate("ConfigJson", "%1 is missing").arg(u"enterpriseID"_s));
    }

    if (!errors.isEmpty()) {
        // Nothing secret outlives a failed import.
        secrets = ProfileSecrets();
        qCInfo(lcImport, "config.json rejected with %d problem(s)", int(errors.size()));
        return result;
    }

    profile.apiBaseUrl = AppProfile::defaultApiBaseUrl();
    profile.oauthBaseUrl = AppProfile::defaultOAuthBaseUrl();
    profile.uploadBaseUrl = AppProfile::defaultUploadBaseUrl();
    profile.name = suggestedName.trimmed().isEmpty()
                       ? defaultName(profile.method, profile.subjectType, profile.subjectId)
                       : suggestedName.trimmed();
    qCInfo(lcImport, "config.json imported: %s app",
           qUtf8Printable(AuthMethods::key(profile.method)));
    return result;
}

QString ConfigJson::suggestedNameForFile(const QString &filePath, const QByteArray &json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    const QJsonObject root = document.object();
    const bool jwt = root.value(u"boxAppSettings"_s).toObject().contains(u"appAuth"_s);
    const AuthMethod method = jwt ? AuthMethod::Jwt : AuthMethod::ClientCredentials;

    const QFileInfo info(filePath);
    // "<enterpriseID>_<publicKeyID>_config.json"; browsers add " (1)" to a second download.
    static const QRegularExpression consoleName(
        u"^(\\d+)_([A-Za-z0-9]+)_config(?: ?\\(\\d+\\))?\\.json$"_s,
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = consoleName.match(info.fileName());
    if (match.hasMatch())
        return defaultName(method, SubjectType::Enterprise, match.captured(1));

    const QString base = info.completeBaseName().trimmed();
    if (!base.isEmpty() && base.compare(u"config"_s, Qt::CaseInsensitive) != 0)
        return base;

    QString id;
    SubjectType subjectType = SubjectType::Enterprise;
    if (root.value(u"enterpriseID"_s).isString()) {
        id = root.value(u"enterpriseID"_s).toString().trimmed();
    } else if (root.value(u"userID"_s).isString()) {
        id = root.value(u"userID"_s).toString().trimmed();
        subjectType = SubjectType::User;
    }
    if (!isDigits(id))
        id.clear();
    return defaultName(method, subjectType, id);
}

bool ConfigJson::canExport(const AppProfile &profile, QString *why)
{
    if (profile.method == AuthMethod::Jwt || profile.method == AuthMethod::ClientCredentials)
        return true;
    if (why)
        *why = QCoreApplication::translate(
                   "ConfigJson",
                   "Only JWT and Client Credentials Grant apps can be saved as a config.json; "
                   "%1 apps have no config.json.")
                   .arg(AuthMethods::displayName(profile.method));
    return false;
}

QByteArray ConfigJson::toJson(const AppProfile &profile, const ProfileSecrets &secrets)
{
    if (!canExport(profile))
        return {};
    // Written by hand: QJsonDocument sorts keys, the Console does not.
    QByteArray out;
    out += "{\n";
    out += "  \"boxAppSettings\": {\n";
    out += "    \"clientID\": " + jsonString(profile.clientId) + ",\n";
    out += "    \"clientSecret\": " + jsonString(secrets.clientSecret);
    if (profile.method == AuthMethod::Jwt) {
        out += ",\n";
        out += "    \"appAuth\": {\n";
        out += "      \"publicKeyID\": " + jsonString(profile.publicKeyId) + ",\n";
        out += "      \"privateKey\": " + jsonString(secrets.privateKey) + ",\n";
        out += "      \"passphrase\": " + jsonString(secrets.passphrase) + "\n";
        out += "    }\n";
    } else {
        out += "\n";
    }
    out += "  },\n";
    const QByteArray subjectKey =
        profile.subjectType == SubjectType::User ? "userID"_ba : "enterpriseID"_ba;
    out += "  \"" + subjectKey + "\": " + jsonString(profile.subjectId) + "\n";
    out += "}\n";
    return out;
}
