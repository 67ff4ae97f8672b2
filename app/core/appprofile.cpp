#include "core/appprofile.h"

#include "core/api/requestpacer.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("AppProfile", text);
}
} // namespace

bool isBoxId(const QString &text)
{
    if (text.isEmpty())
        return false;
    for (QChar c : text) {
        if (!c.isDigit())
            return false;
    }
    return true;
}

QUrl AppProfile::defaultApiBaseUrl()
{
    return QUrl(u"https://api.box.com"_s);
}

QUrl AppProfile::defaultOAuthBaseUrl()
{
    return QUrl(u"https://account.box.com/api/oauth2"_s);
}

QUrl AppProfile::defaultUploadBaseUrl()
{
    return QUrl(u"https://upload.box.com/api"_s);
}

QString AppProfile::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

int AppProfile::effectiveRequestsPerMinute() const
{
    static_assert(MaxRequestsPerMinute == RequestPacer::MaxRatePerMinute);
    return requestsPerMinute > 0 ? requestsPerMinute : RequestPacer::BoxRatePerMinute;
}

QString AppProfile::subjectDescription() const
{
    if (!AuthMethods::hasSubject(method) || subjectId.isEmpty())
        return {};
    return subjectType == SubjectType::Enterprise ? tr("Enterprise %1").arg(subjectId)
                                                  : tr("User %1").arg(subjectId);
}

bool AppProfile::operator==(const AppProfile &o) const
{
    return id == o.id && name == o.name && method == o.method && clientId == o.clientId &&
           subjectType == o.subjectType && subjectId == o.subjectId &&
           publicKeyId == o.publicKeyId && algorithm == o.algorithm &&
           redirectUri == o.redirectUri && invocationUrl == o.invocationUrl &&
           apiBaseUrl == o.apiBaseUrl && oauthBaseUrl == o.oauthBaseUrl &&
           uploadBaseUrl == o.uploadBaseUrl &&
           developerTokenObtainedAt == o.developerTokenObtainedAt &&
           requestsPerMinute == o.requestsPerMinute && console == o.console;
}

bool isAllowedBaseUrl(const QUrl &url, QString *why)
{
    auto fail = [why](const QString &message) {
        if (why)
            *why = message;
        return false;
    };
    if (!url.isValid() || url.host().isEmpty())
        return fail(tr("Enter a full URL such as https://api.box.com."));
    if (url.scheme() == u"https")
        return true;
    if (url.scheme() != u"http")
        return fail(tr("Only https:// URLs are allowed."));
    const QHostAddress address(url.host());
    const bool loopback = url.host() == u"localhost" || (!address.isNull() && address.isLoopback());
    if (!loopback)
        return fail(tr("Plain http:// is only allowed for this computer (127.0.0.1 or localhost); "
                       "use https://."));
    return true;
}

bool isAllowedInvocationUrl(const QUrl &url, QString *why)
{
    auto fail = [why](const QString &message) {
        if (why)
            *why = message;
        return false;
    };
    if (!url.isValid() || url.host().isEmpty())
        return fail(tr("Enter the full URL of your Skill service, such as "
                       "https://skills.example.com/box or http://127.0.0.1:8765/skill."));
    if (url.scheme() == u"https")
        return true;
    if (url.scheme() != u"http")
        return fail(tr("Box sends Skill events to https:// URLs only."));
    const QHostAddress address(url.host());
    const bool loopback = url.host() == u"localhost" || (!address.isNull() && address.isLoopback());
    if (!loopback)
        return fail(tr("Plain http:// is only allowed for a Skill service on this computer "
                       "(127.0.0.1 or localhost); use https://."));
    return true;
}

QList<FieldProblem> validateProfile(const AppProfile &p)
{
    QList<FieldProblem> problems;
    if (p.name.trimmed().isEmpty())
        problems.append({u"name"_s, tr("Give the app a name.")});
    const bool needsClientId = p.method != AuthMethod::DeveloperToken;
    if (needsClientId && p.clientId.trimmed().isEmpty())
        problems.append({u"clientId"_s, tr("The client ID is required (Developer Console > "
                                           "Configuration > OAuth 2.0 Credentials).")});
    else if (!p.clientId.isEmpty()) {
        for (QChar c : p.clientId) {
            if (!c.isLetterOrNumber()) {
                problems.append({u"clientId"_s, tr("A client ID has only letters and digits.")});
                break;
            }
        }
    }
    if (AuthMethods::hasSubject(p.method)) {
        if (p.subjectId.trimmed().isEmpty())
            problems.append({u"subjectId"_s, p.subjectType == SubjectType::Enterprise
                                                 ? tr("The enterprise ID is required.")
                                                 : tr("The user ID is required.")});
        else if (!isBoxId(p.subjectId))
            problems.append({u"subjectId"_s, tr("Box IDs are numbers, such as 1234567.")});
        else if (p.subjectId == u"0")
            problems.append({u"subjectId"_s,
                             tr("Enterprise ID 0 means a free account; JWT and Client Credentials "
                                "need an enterprise.")});
    }
    if (p.method == AuthMethod::Jwt && p.publicKeyId.trimmed().isEmpty())
        problems.append({u"publicKeyId"_s, tr("The public key ID is required (Developer Console > "
                                              "Configuration > Public Keys).")});
    if (p.method == AuthMethod::CustomSkill) {
        QString why;
        if (p.invocationUrl.isEmpty())
            problems.append({u"invocationUrl"_s,
                             tr("The invocation URL is required: where Box sends the Skill's "
                                "events (Developer Console > Configuration > Invocation URL).")});
        else if (!isAllowedInvocationUrl(p.invocationUrl, &why))
            problems.append({u"invocationUrl"_s, why});
    }
    if (p.method == AuthMethod::OAuth2) {
        const QUrl redirect(p.redirectUri);
        QString why;
        if (p.redirectUri.trimmed().isEmpty())
            problems.append({u"redirectUri"_s, tr("The redirect URI is required; it must match "
                                                  "one configured for the app.")});
        else if (!isAllowedBaseUrl(redirect, &why))
            problems.append({u"redirectUri"_s, why});
    }
    const struct
    {
        const char *field;
        QUrl url;
    } urls[] = {{"apiBaseUrl", p.apiBaseUrl},
                {"oauthBaseUrl", p.oauthBaseUrl},
                {"uploadBaseUrl", p.uploadBaseUrl}};
    for (const auto &u : urls) {
        QString why;
        if (!isAllowedBaseUrl(u.url, &why))
            problems.append({QString::fromLatin1(u.field), why});
    }
    return problems;
}
