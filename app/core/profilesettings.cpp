#include "core/profilesettings.h"

#include "core/logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int kFormatVersion = 1;

QUrl readUrl(const QSettings &s, const QString &key, const QUrl &fallback)
{
    const QString text = s.value(key).toString();
    return text.isEmpty() ? fallback : QUrl(text);
}

// Absent: Box's default (0). Anything but a whole number in range (a hand-edited file) is
// logged and read as the default.
int readRequestsPerMinute(const QSettings &s, const QString &profileId)
{
    const QVariant value = s.value(u"requestsPerMinute"_s);
    if (!value.isValid())
        return 0;
    bool ok = false;
    const int perMinute = value.toString().trimmed().toInt(&ok);
    if (ok && perMinute >= 0 && perMinute <= AppProfile::MaxRequestsPerMinute)
        return perMinute;
    qCWarning(lcProfiles).noquote()
        << u"profile %1 has an unusable requestsPerMinute \"%2\" (not a whole number from 0 to "
           u"%3); using Box's default"_s.arg(profileId, value.toString())
               .arg(AppProfile::MaxRequestsPerMinute);
    return 0;
}

// The Developer Console settings the user ticked (Check App's expectations), in the profile's
// group under "console/"; absent: not known.
ConsoleSettings readConsole(const QSettings &s)
{
    ConsoleSettings c;
    c.known = s.value(u"console/known"_s).toBool();
    if (!c.known)
        return c;
    c.scopes = s.value(u"console/scopes"_s).toStringList();
    c.enterpriseAccess = s.value(u"console/enterpriseAccess"_s).toBool();
    c.performAsUsers = s.value(u"console/performAsUsers"_s).toBool();
    c.generateUserTokens = s.value(u"console/generateUserTokens"_s).toBool();
    return c;
}

void writeConsole(QSettings &s, const ConsoleSettings &c)
{
    if (!c.known)
        return;
    s.setValue(u"console/known"_s, true);
    s.setValue(u"console/scopes"_s, c.scopes);
    s.setValue(u"console/enterpriseAccess"_s, c.enterpriseAccess);
    s.setValue(u"console/performAsUsers"_s, c.performAsUsers);
    s.setValue(u"console/generateUserTokens"_s, c.generateUserTokens);
}
} // namespace

ProfileSettings::ProfileSettings(const QString &filePath) : m_filePath(filePath) {}

QString ProfileSettings::stateGroup(const QString &profileId)
{
    return u"profile-%1/state"_s.arg(profileId);
}

QString ProfileSettings::defaultFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           u"/BoxCompanion/profiles.ini"_s;
}

QList<AppProfile> ProfileSettings::load() const
{
    QList<AppProfile> profiles;
    QSettings s(m_filePath, QSettings::IniFormat);
    const QStringList order = s.value(u"order"_s).toStringList();
    for (const QString &id : order) {
        s.beginGroup(u"profile-"_s + id);
        AppProfile p;
        p.id = id;
        p.name = s.value(u"name"_s).toString();
        if (!AuthMethods::fromKey(s.value(u"method"_s).toString(), &p.method)) {
            qCWarning(lcProfiles) << "skipping profile with unknown auth method" << id;
            s.endGroup();
            continue;
        }
        p.clientId = s.value(u"clientId"_s).toString();
        p.subjectType = s.value(u"subjectType"_s).toString() == u"user" ? SubjectType::User
                                                                        : SubjectType::Enterprise;
        p.subjectId = s.value(u"subjectId"_s).toString();
        p.publicKeyId = s.value(u"publicKeyId"_s).toString();
        JwtAlgorithms::fromName(s.value(u"algorithm"_s, u"RS256"_s).toString(), &p.algorithm);
        p.redirectUri = s.value(u"redirectUri"_s).toString();
        p.invocationUrl = QUrl(s.value(u"invocationUrl"_s).toString());
        p.apiBaseUrl = readUrl(s, u"apiBaseUrl"_s, AppProfile::defaultApiBaseUrl());
        p.oauthBaseUrl = readUrl(s, u"oauthBaseUrl"_s, AppProfile::defaultOAuthBaseUrl());
        p.uploadBaseUrl = readUrl(s, u"uploadBaseUrl"_s, AppProfile::defaultUploadBaseUrl());
        p.developerTokenObtainedAt = QDateTime::fromString(
            s.value(u"developerTokenObtainedAt"_s).toString(), Qt::ISODateWithMs);
        p.requestsPerMinute = readRequestsPerMinute(s, id);
        p.console = readConsole(s);
        s.endGroup();
        profiles.append(p);
    }
    return profiles;
}

bool ProfileSettings::save(const QList<AppProfile> &profiles, QString *error) const
{
    QDir().mkpath(QFileInfo(m_filePath).absolutePath());
    QSettings s(m_filePath, QSettings::IniFormat);
    // The state the app keeps for the profiles that stay (a removed profile's goes with it).
    QList<std::pair<QString, QVariant>> kept;
    for (const AppProfile &p : profiles) {
        s.beginGroup(stateGroup(p.id));
        const QStringList keys = s.allKeys();
        for (const QString &key : keys)
            kept.append({stateGroup(p.id) + u'/' + key, s.value(key)});
        s.endGroup();
    }
    s.clear();
    s.setValue(u"formatVersion"_s, kFormatVersion);
    QStringList order;
    for (const AppProfile &p : profiles) {
        order.append(p.id);
        s.beginGroup(u"profile-"_s + p.id);
        s.setValue(u"name"_s, p.name);
        s.setValue(u"method"_s, AuthMethods::key(p.method));
        s.setValue(u"clientId"_s, p.clientId);
        s.setValue(u"subjectType"_s,
                   p.subjectType == SubjectType::User ? u"user"_s : u"enterprise"_s);
        s.setValue(u"subjectId"_s, p.subjectId);
        s.setValue(u"publicKeyId"_s, p.publicKeyId);
        s.setValue(u"algorithm"_s, JwtAlgorithms::name(p.algorithm));
        s.setValue(u"redirectUri"_s, p.redirectUri);
        if (!p.invocationUrl.isEmpty())
            s.setValue(u"invocationUrl"_s, p.invocationUrl.toString());
        s.setValue(u"apiBaseUrl"_s, p.apiBaseUrl.toString());
        s.setValue(u"oauthBaseUrl"_s, p.oauthBaseUrl.toString());
        s.setValue(u"uploadBaseUrl"_s, p.uploadBaseUrl.toString());
        if (p.developerTokenObtainedAt.isValid()) {
            s.setValue(u"developerTokenObtainedAt"_s,
                       p.developerTokenObtainedAt.toUTC().toString(Qt::ISODateWithMs));
        }
        if (p.requestsPerMinute > 0)
            s.setValue(u"requestsPerMinute"_s, p.requestsPerMinute);
        writeConsole(s, p.console);
        s.endGroup();
    }
    s.setValue(u"order"_s, order);
    for (const auto &[key, value] : std::as_const(kept))
        s.setValue(key, value);
    s.sync();
    if (s.status() != QSettings::NoError) {
        if (error)
            *error = QCoreApplication::translate("ProfileSettings", "Could not write %1.")
                         .arg(QDir::toNativeSeparators(m_filePath));
        return false;
    }
    return true;
}
