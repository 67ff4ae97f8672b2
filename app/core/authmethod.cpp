#include "core/authmethod.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

QList<AuthMethod> AuthMethods::all()
{
    return {AuthMethod::OAuth2, AuthMethod::Jwt, AuthMethod::ClientCredentials,
            AuthMethod::AppToken, AuthMethod::DeveloperToken};
}

QString AuthMethods::key(AuthMethod method)
{
    switch (method) {
    case AuthMethod::OAuth2:
        return u"oauth2"_s;
    case AuthMethod::Jwt:
        return u"jwt"_s;
    case AuthMethod::ClientCredentials:
        return u"ccg"_s;
    case AuthMethod::AppToken:
        return u"app_token"_s;
    case AuthMethod::DeveloperToken:
        return u"developer_token"_s;
    }
    return {};
}

bool AuthMethods::fromKey(const QString &key, AuthMethod *method)
{
    for (AuthMethod candidate : all()) {
        if (AuthMethods::key(candidate) == key) {
            *method = candidate;
            return true;
        }
    }
    return false;
}

QString AuthMethods::displayName(AuthMethod method)
{
    switch (method) {
    case AuthMethod::OAuth2:
        return QCoreApplication::translate("AuthMethod", "OAuth 2.0");
    case AuthMethod::Jwt:
        return QCoreApplication::translate("AuthMethod", "JWT");
    case AuthMethod::ClientCredentials:
        return QCoreApplication::translate("AuthMethod", "Client Credentials Grant");
    case AuthMethod::AppToken:
        return QCoreApplication::translate("AuthMethod", "App Token");
    case AuthMethod::DeveloperToken:
        return QCoreApplication::translate("AuthMethod", "Developer Token");
    }
    return {};
}

QString AuthMethods::shortLabel(AuthMethod method)
{
    switch (method) {
    case AuthMethod::OAuth2:
        return u"OA"_s;
    case AuthMethod::Jwt:
        return u"JWT"_s;
    case AuthMethod::ClientCredentials:
        return u"CCG"_s;
    case AuthMethod::AppToken:
        return u"AT"_s;
    case AuthMethod::DeveloperToken:
        return u"DT"_s;
    }
    return {};
}

bool AuthMethods::hasSubject(AuthMethod method)
{
    return method == AuthMethod::Jwt || method == AuthMethod::ClientCredentials;
}

bool AuthMethods::usesClientCredentials(AuthMethod method)
{
    return method == AuthMethod::OAuth2 || method == AuthMethod::Jwt ||
           method == AuthMethod::ClientCredentials;
}

QList<JwtAlgorithm> JwtAlgorithms::all()
{
    return {JwtAlgorithm::RS256, JwtAlgorithm::RS384, JwtAlgorithm::RS512};
}

QString JwtAlgorithms::name(JwtAlgorithm algorithm)
{
    switch (algorithm) {
    case JwtAlgorithm::RS256:
        return u"RS256"_s;
    case JwtAlgorithm::RS384:
        return u"RS384"_s;
    case JwtAlgorithm::RS512:
        return u"RS512"_s;
    }
    return {};
}

bool JwtAlgorithms::fromName(const QString &name, JwtAlgorithm *algorithm)
{
    for (JwtAlgorithm candidate : all()) {
        if (JwtAlgorithms::name(candidate) == name) {
            *algorithm = candidate;
            return true;
        }
    }
    return false;
}
