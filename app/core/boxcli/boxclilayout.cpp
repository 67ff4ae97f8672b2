#include "core/boxcli/boxclilayout.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

using namespace Qt::Literals::StringLiterals;

QString BoxCliLayout::stringOf(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key);
    if (value.isString())
        return value.toString().trimmed();
    if (value.isDouble()) // an ID written as a number
        return QString::number(qint64(value.toDouble()));
    return {};
}

namespace {
using BoxCliLayout::stringOf;

QUrl urlOf(const QJsonObject &object, const QString &key)
{
    const QString text = stringOf(object, key);
    if (text.isEmpty())
        return {};
    QUrl url(text);
    if (url.path().endsWith(u'/'))
        url.setPath(url.path().chopped(1));
    return url;
}
} // namespace

QString BoxCliLayout::environmentsService()
{
    return u"boxcli"_s;
}

QString BoxCliLayout::account()
{
    return u"Box"_s;
}

QString BoxCliLayout::tokenCacheService(const QString &envName)
{
    return u"boxcli-token-"_s + envName;
}

QString BoxCliLayout::defaultRedirectUri()
{
    return u"http://localhost:3000/callback"_s;
}

QString BoxCliLayout::configDir(const QString &homeDir)
{
    return QDir(homeDir).filePath(u".box"_s);
}

QString BoxCliLayout::environmentsFile(const QString &homeDir)
{
    return QDir(configDir(homeDir)).filePath(u"box_environments.json"_s);
}

QString BoxCliLayout::tokenCacheFile(const QString &homeDir, const QString &envName)
{
    return QDir(configDir(homeDir)).filePath(envName + u"_token_cache.json"_s);
}

QString BoxCliLayout::settingsFile(const QString &homeDir)
{
    return QDir(configDir(homeDir)).filePath(u"settings.json"_s);
}

BoxCliEnvironments BoxCliLayout::parseEnvironments(const QByteArray &json)
{
    BoxCliEnvironments result;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.error =
            QCoreApplication::translate("BoxCliLayout", "It is not valid JSON: %1 at character %2")
                .arg(parseError.errorString())
                .arg(parseError.offset);
        return result;
    }
    const QJsonObject root = document.object();
    const QJsonValue environments = root.value(u"environments"_s);
    if (!document.isObject() || !environments.isObject()) {
        result.error = QCoreApplication::translate(
            "BoxCliLayout", "It has no \"environments\" object, so it is not Box CLI's list.");
        return result;
    }
    result.defaultName = stringOf(root, u"default"_s);
    const QJsonObject all = environments.toObject();
    for (auto it = all.begin(); it != all.end(); ++it) {
        const QJsonObject e = it.value().toObject();
        BoxCliEnvironment env;
        env.name = it.key();
        env.isDefault = env.name == result.defaultName;
        env.authMethod = stringOf(e, u"authMethod"_s);
        env.clientId = stringOf(e, u"clientId"_s);
        env.clientSecret = e.value(u"clientSecret"_s).toString();
        env.enterpriseId = stringOf(e, u"enterpriseId"_s);
        env.configFilePath = e.value(u"boxConfigFilePath"_s).toString();
        env.hasInlinePrivateKey = e.value(u"hasInLinePrivateKey"_s).toBool(true);
        env.privateKeyPath = e.value(u"privateKeyPath"_s).toString();
        env.ccgUser = stringOf(e, u"ccgUser"_s);
        env.defaultAsUserId = stringOf(e, u"defaultAsUserId"_s);
        env.useDefaultAsUser = e.value(u"useDefaultAsUser"_s).toBool(false);
        env.cacheTokens = e.value(u"cacheTokens"_s).toBool(true);
        result.environments.append(env);
    }
    return result;
}

std::optional<BoxCliTokenCache> BoxCliLayout::parseTokenCache(const QByteArray &json)
{
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    BoxCliTokenCache cache;
    cache.accessToken = root.value(u"accessToken"_s).toString();
    if (cache.accessToken.isEmpty())
        return std::nullopt;
    cache.refreshToken = root.value(u"refreshToken"_s).toString();
    cache.acquiredAtMs = qint64(root.value(u"acquiredAtMS"_s).toDouble());
    cache.accessTokenTtlMs = qint64(root.value(u"accessTokenTTLMS"_s).toDouble());
    return cache;
}

BoxCliEndpoints BoxCliLayout::parseSettings(const QByteArray &json)
{
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    BoxCliEndpoints endpoints;
    endpoints.apiRoot = urlOf(root, u"apiRootURL"_s);
    endpoints.uploadApiRoot = urlOf(root, u"uploadAPIRootURL"_s);
    endpoints.authorizeRoot = urlOf(root, u"authorizeRootURL"_s);
    return endpoints;
}
