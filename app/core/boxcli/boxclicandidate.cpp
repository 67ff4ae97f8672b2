#include "core/boxcli/boxclicandidate.h"

#include "core/boundedfile.h"
#include "core/configjson.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QLocale>

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr qint64 kMaxConfigBytes = 1024 * 1024; // as the config.json import
constexpr qint64 kMaxKeyBytes = 64 * 1024;

QString tr(const char *text)
{
    return QCoreApplication::translate("BoxCliCandidate", text);
}

QString missingFileText(const QString &path, const BoundedFile::Result &file, bool key)
{
    if (file.error == BoundedFile::Error::NotFound && !QFileInfo::exists(path))
        return (key ? tr("The private key file %1 is missing: it was moved or deleted since Box "
                         "CLI added this environment.")
                    : tr("The config file %1 is missing: it was moved or deleted since Box CLI "
                         "added this environment."))
            .arg(path);
    return file.message;
}

QString dateText(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).date(), QLocale::ShortFormat);
}

QByteArray withPrivateKey(QJsonObject root, const QByteArray &privateKey)
{
    QJsonObject settings = root.value(u"boxAppSettings"_s).toObject();
    QJsonObject appAuth = settings.value(u"appAuth"_s).toObject();
    appAuth.insert(u"privateKey"_s, QString::fromUtf8(privateKey));
    settings.insert(u"appAuth"_s, appAuth);
    root.insert(u"boxAppSettings"_s, settings);
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

// JWT: the config file through the config.json import's own checks, the private key from
// privateKeyPath when Box CLI keeps it outside the file.
void buildJwt(const BoxCliEnvironment &env, BoxCliCandidate *c)
{
    if (env.configFilePath.isEmpty()) {
        c->problems.append(tr("Box CLI records no config file for this environment."));
        return;
    }
    const BoundedFile::Result file = BoundedFile::read(env.configFilePath, kMaxConfigBytes);
    if (!file.ok()) {
        c->problems.append(missingFileText(env.configFilePath, file, false));
        return;
    }
    QByteArray json = file.data;
    const bool separateKey = !env.hasInlinePrivateKey && !env.privateKeyPath.isEmpty();
    if (separateKey) {
        const BoundedFile::Result key = BoundedFile::read(env.privateKeyPath, kMaxKeyBytes);
        if (!key.ok()) {
            c->problems.append(missingFileText(env.privateKeyPath, key, true));
            return;
        }
        // Only a parsed file gets the key spliced in; a broken one goes to ConfigJson::parse as
        // it is, so its own "is not valid JSON" message shows instead of fields "missing".
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
        if (parseError.error == QJsonParseError::NoError && document.isObject())
            json = withPrivateKey(document.object(), key.data);
    }
    const ConfigImport parsed = ConfigJson::parse(json, env.name);
    const QString fileName = QFileInfo(env.configFilePath).fileName();
    if (!parsed.ok()) {
        for (const QString &error : parsed.errors)
            c->problems.append(tr("%1: %2").arg(fileName, error));
        return;
    }
    if (parsed.profile.method != AuthMethod::Jwt) {
        c->problems.append(tr("%1 has no key pair (boxAppSettings.appAuth), so it is not a JWT "
                              "app's config file.")
                               .arg(env.configFilePath));
        return;
    }
    c->profile = parsed.profile;
    c->secrets = parsed.secrets;
    c->imports.append(tr("Client ID and client secret from %1").arg(env.configFilePath));
    c->imports.append(separateKey ? tr("Private key from %1 (public key ID %2)")
                                        .arg(env.privateKeyPath, parsed.profile.publicKeyId)
                                  : tr("Private key and its passphrase (public key ID %1)")
                                        .arg(parsed.profile.publicKeyId));
    if (!env.clientId.isEmpty() && env.clientId != parsed.profile.clientId)
        c->notes.append(tr("Box CLI lists client ID %1, but the config file has %2; the file's "
                           "is imported.")
                            .arg(env.clientId, parsed.profile.clientId));
}

// CCG: client ID and secret from Box CLI, the enterprise from the config file (or the user
// Box CLI acts as).
void buildCcg(const BoxCliEnvironment &env, BoxCliCandidate *c)
{
    c->profile.method = AuthMethod::ClientCredentials;
    c->profile.clientId = env.clientId;
    c->secrets.clientSecret = env.clientSecret;
    QString enterpriseId;
    QString fileProblem;
    if (env.configFilePath.isEmpty()) {
        fileProblem = tr("Box CLI records no config file for this environment.");
    } else {
        const BoundedFile::Result file = BoundedFile::read(env.configFilePath, kMaxConfigBytes);
        if (!file.ok()) {
            fileProblem = missingFileText(env.configFilePath, file, false);
        } else {
            const QJsonObject root = QJsonDocument::fromJson(file.data).object();
            enterpriseId = BoxCliLayout::stringOf(root, u"enterpriseID"_s);
            const QJsonObject settings = root.value(u"boxAppSettings"_s).toObject();
            if (c->profile.clientId.isEmpty())
                c->profile.clientId = settings.value(u"clientID"_s).toString().trimmed();
            if (c->secrets.clientSecret.isEmpty())
                c->secrets.clientSecret = settings.value(u"clientSecret"_s).toString();
        }
    }
    if (!env.ccgUser.isEmpty()) {
        c->profile.subjectType = SubjectType::User;
        c->profile.subjectId = env.ccgUser;
        c->imports.append(tr("Client ID and client secret; signs in as user %1").arg(env.ccgUser));
        if (!fileProblem.isEmpty())
            c->notes.append(fileProblem);
    } else {
        c->profile.subjectType = SubjectType::Enterprise;
        if (enterpriseId.isEmpty() && !env.enterpriseId.isEmpty()) {
            enterpriseId = env.enterpriseId;
            if (!fileProblem.isEmpty())
                c->notes.append(tr("%1 The enterprise ID Box CLI recorded (%2) is used.")
                                    .arg(fileProblem, enterpriseId));
        } else if (enterpriseId.isEmpty()) {
            c->problems.append(
                fileProblem.isEmpty()
                    ? tr("The config file %1 has no enterpriseID.").arg(env.configFilePath)
                    : fileProblem);
        }
        c->profile.subjectId = enterpriseId;
        if (!enterpriseId.isEmpty())
            c->imports.append(tr("Client ID and client secret; Service Account of enterprise %1")
                                  .arg(enterpriseId));
    }
    if (c->secrets.clientSecret.isEmpty())
        c->problems.append(tr("Box CLI has no client secret for this environment."));
}

// OAuth 2.0: client ID and secret, and the cached refresh token while it is valid.
void buildOAuth(const BoxCliEnvironment &env, const std::optional<BoxCliTokenCache> &cache,
                qint64 nowMs, BoxCliCandidate *c)
{
    c->profile.method = AuthMethod::OAuth2;
    c->profile.clientId = env.clientId;
    c->profile.redirectUri = BoxCliLayout::defaultRedirectUri();
    c->secrets.clientSecret = env.clientSecret;
    if (env.clientSecret.isEmpty())
        c->problems.append(tr("Box CLI has no client secret for this environment."));
    else
        c->imports.append(
            tr("Client ID and client secret; redirect URI %1").arg(c->profile.redirectUri));
    if (!env.cacheTokens) {
        c->notes.append(tr("Box CLI does not cache tokens for this environment: sign in after "
                           "the import."));
    } else if (!cache || cache->refreshToken.isEmpty()) {
        c->notes.append(tr("No cached tokens: sign in after the import."));
    } else if (cache->refreshTokenExpiresAtMs() <= nowMs) {
        c->notes.append(tr("Box CLI's cached sign-in expired on %1: sign in after the import.")
                            .arg(dateText(cache->refreshTokenExpiresAtMs())));
    } else {
        c->cachedRefreshToken = cache->refreshToken;
        c->cachedSignInExpiresAtMs = cache->refreshTokenExpiresAtMs();
        c->notes.append(tr("Box CLI is signed in (until %1). Sign in in Box Companion after the "
                           "import, or take over Box CLI's sign-in below.")
                            .arg(dateText(cache->refreshTokenExpiresAtMs())));
    }
}

void applyEndpoints(const BoxCliEndpoints &endpoints, BoxCliCandidate *c)
{
    if (endpoints.isEmpty())
        return;
    const struct
    {
        const char *key;
        QUrl url;
        QUrl *target;
    } fields[] = {
        {"apiRootURL", endpoints.apiRoot, &c->profile.apiBaseUrl},
        {"uploadAPIRootURL", endpoints.uploadApiRoot, &c->profile.uploadBaseUrl},
        {"authorizeRootURL",
         endpoints.authorizeRoot.isEmpty()
             ? QUrl()
             : QUrl(endpoints.authorizeRoot.toString(QUrl::StripTrailingSlash) + u"/oauth2"_s),
         &c->profile.oauthBaseUrl},
    };
    QStringList used;
    for (const auto &f : fields) {
        if (f.url.isEmpty())
            continue;
        QString why;
        if (!isAllowedBaseUrl(f.url, &why)) {
            c->notes.append(tr("Box CLI's settings.json sets %1 to %2, which is not used: %3")
                                .arg(QString::fromLatin1(f.key), f.url.toString(), why));
            continue;
        }
        *f.target = f.url;
        used.append(QString::fromLatin1(f.key));
    }
    if (!used.isEmpty())
        c->imports.append(
            tr("Endpoints from Box CLI's settings.json (%1)").arg(used.join(u", "_s)));
}
} // namespace

ProfileSecrets BoxCliCandidate::secretsTakingOverSignIn() const
{
    ProfileSecrets taken = secrets;
    taken.refreshToken = cachedRefreshToken;
    return taken;
}

bool BoxCliCandidate::sameAppAs(const AppProfile &existing) const
{
    if (existing.clientId != profile.clientId || existing.method != profile.method)
        return false;
    if (!AuthMethods::hasSubject(profile.method))
        return existing.name == profile.name;
    return existing.subjectType == profile.subjectType && existing.subjectId == profile.subjectId;
}

BoxCliCandidate BoxCliCandidates::build(const BoxCliEnvironment &env,
                                        const std::optional<BoxCliTokenCache> &tokenCache,
                                        const BoxCliEndpoints &endpoints, qint64 nowMs)
{
    BoxCliCandidate c;
    c.environmentName = env.name;
    c.isDefault = env.isDefault;
    c.profile.clientId = env.clientId;
    if (env.authMethod.isEmpty()) {
        c.profile.method = AuthMethod::Jwt;
        buildJwt(env, &c);
    } else if (env.authMethod == u"ccg"_s) {
        buildCcg(env, &c);
    } else if (env.authMethod == u"oauth20"_s) {
        buildOAuth(env, tokenCache, nowMs, &c);
    } else {
        c.methodKnown = false;
        c.methodText = env.authMethod;
        c.problems.append(tr("Box CLI's sign-in method \"%1\" is not one Box Companion knows.")
                              .arg(env.authMethod));
    }
    if (c.methodKnown)
        c.methodText = AuthMethods::displayName(c.profile.method);
    c.profile.id.clear();
    c.profile.name = env.name;
    if (AuthMethods::hasSubject(c.profile.method) && env.useDefaultAsUser &&
        !env.defaultAsUserId.isEmpty())
        c.notes.append(tr("Box CLI acts as user %1 by default; Box Companion signs in as the "
                          "Service Account (act as the user from the App Users pane).")
                           .arg(env.defaultAsUserId));
    applyEndpoints(endpoints, &c);
    if (c.problems.isEmpty()) {
        for (const FieldProblem &problem : validateProfile(c.profile))
            c.problems.append(problem.message);
    }
    if (!c.problems.isEmpty()) {
        c.secrets = ProfileSecrets(); // nothing secret outlives a refused candidate
        c.cachedRefreshToken.clear();
        c.imports.clear();
    }
    return c;
}
