#include "core/authmethod.h"

#include <QCoreApplication>

#include <iterator>

using namespace Qt::Literals::StringLiterals;

namespace {

// Every fact about an auth method, in the order the UI lists them.
struct MethodFacts
{
    AuthMethod method;
    const char *key;         // settings and config.json: never translated, never changed
    const char *displayName; // translated in context "AuthMethod"
    const char *shortLabel;  // the icon's letters
    const char *identity;    // who the app acts as (the sidebar's name for that pane)
};

constexpr char serviceAccount[] = QT_TRANSLATE_NOOP("AuthMethod", "Service Account");
constexpr char signedInUser[] = QT_TRANSLATE_NOOP("AuthMethod", "Signed-in User");
constexpr char skill[] = QT_TRANSLATE_NOOP("AuthMethod", "Skill");

constexpr MethodFacts methodFacts[] = {
    {AuthMethod::OAuth2, "oauth2", QT_TRANSLATE_NOOP("AuthMethod", "OAuth 2.0"), "OA",
     signedInUser},
    {AuthMethod::Jwt, "jwt", QT_TRANSLATE_NOOP("AuthMethod", "JWT"), "JWT", serviceAccount},
    {AuthMethod::ClientCredentials, "ccg",
     QT_TRANSLATE_NOOP("AuthMethod", "Client Credentials Grant"), "CCG", serviceAccount},
    {AuthMethod::AppToken, "app_token", QT_TRANSLATE_NOOP("AuthMethod", "App Token"), "AT",
     serviceAccount},
    {AuthMethod::DeveloperToken, "developer_token",
     QT_TRANSLATE_NOOP("AuthMethod", "Developer Token"), "DT", signedInUser},
    {AuthMethod::CustomSkill, "custom_skill", QT_TRANSLATE_NOOP("AuthMethod", "Custom Skill"), "SK",
     skill},
};

const MethodFacts *factsOf(AuthMethod method)
{
    for (const MethodFacts &facts : methodFacts) {
        if (facts.method == method)
            return &facts;
    }
    return nullptr;
}

struct AlgorithmFacts
{
    JwtAlgorithm algorithm;
    const char *name;
};

constexpr AlgorithmFacts algorithmFacts[] = {
    {JwtAlgorithm::RS256, "RS256"},
    {JwtAlgorithm::RS384, "RS384"},
    {JwtAlgorithm::RS512, "RS512"},
};

} // namespace

QList<AuthMethod> AuthMethods::all()
{
    QList<AuthMethod> methods;
    for (const MethodFacts &facts : methodFacts)
        methods.append(facts.method);
    return methods;
}

QString AuthMethods::key(AuthMethod method)
{
    const MethodFacts *facts = factsOf(method);
    return facts ? QString::fromLatin1(facts->key) : QString();
}

bool AuthMethods::fromKey(const QString &key, AuthMethod *method)
{
    for (const MethodFacts &facts : methodFacts) {
        if (key == QLatin1StringView(facts.key)) {
            *method = facts.method;
            return true;
        }
    }
    return false;
}

QString AuthMethods::displayName(AuthMethod method)
{
    const MethodFacts *facts = factsOf(method);
    return facts ? QCoreApplication::translate("AuthMethod", facts->displayName) : QString();
}

QString AuthMethods::shortLabel(AuthMethod method)
{
    const MethodFacts *facts = factsOf(method);
    return facts ? QString::fromLatin1(facts->shortLabel) : QString();
}

QString AuthMethods::identityName(AuthMethod method)
{
    const MethodFacts *facts = factsOf(method);
    return QCoreApplication::translate("AuthMethod", facts ? facts->identity : serviceAccount);
}

QString AuthMethods::noIdentityName()
{
    return QCoreApplication::translate("AuthMethod", serviceAccount);
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

bool AuthMethods::hasToken(AuthMethod method)
{
    return method != AuthMethod::CustomSkill;
}

QList<JwtAlgorithm> JwtAlgorithms::all()
{
    QList<JwtAlgorithm> algorithms;
    for (const AlgorithmFacts &facts : algorithmFacts)
        algorithms.append(facts.algorithm);
    return algorithms;
}

QString JwtAlgorithms::name(JwtAlgorithm algorithm)
{
    for (const AlgorithmFacts &facts : algorithmFacts) {
        if (facts.algorithm == algorithm)
            return QString::fromLatin1(facts.name);
    }
    return {};
}

bool JwtAlgorithms::fromName(const QString &name, JwtAlgorithm *algorithm)
{
    for (const AlgorithmFacts &facts : algorithmFacts) {
        if (name == QLatin1StringView(facts.name)) {
            *algorithm = facts.algorithm;
            return true;
        }
    }
    return false;
}
