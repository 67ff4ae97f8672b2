#pragma once

#include "sandbox/httpserver.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace boxsandbox {

struct Principal;

// Who may call a route.
enum class RouteAccess : quint8
{
    Open,            // no bearer token (OAuth 2.0 endpoints, the authorize pages)
    Token,           // a bearer token of a user (not an app's primary App Token)
    TokenOrAppToken, // also the App Token of a Limited Access app
    Control,         // the loopback control surface under /_sandbox
};

// What a handler gets: the request, the values of the pattern's {name} segments in order,
// and the caller for token routes (null otherwise).
struct RouteCall
{
    const HttpRequest &request;
    const QStringList &params;
    const Principal *principal = nullptr;
};

using RouteHandler = std::function<HttpResponse(const RouteCall &)>;

// The sandbox's route table: method, path pattern and handler. A pattern is a path whose
// segments are literals or {name} (one non-empty segment); a literal segment beats {name}
// ("/2.0/users/me" before "/2.0/users/{user_id}"). Each request is matched once.
class Router
{
public:
    struct Route
    {
        QByteArray method;
        QString pattern;
        RouteAccess access;
        RouteHandler handler;
    };

    struct Match
    {
        const Route *route = nullptr; // the route of the request's method; null if none
        QString pattern;              // the matched pattern; empty when no pattern matched
        QByteArray allow;             // the pattern's methods, for 405's Allow ("GET, POST")
        QStringList params;
        bool pathMatched() const { return !pattern.isEmpty(); }
    };

    void add(const QByteArray &method, const QString &pattern, RouteAccess access,
             RouteHandler handler);
    Match match(const QByteArray &method, const QString &path) const;
    // Every route, in the order added.
    const QList<Route> &routes() const { return m_routes; }

private:
    struct Pattern
    {
        QString text;
        QStringList segments; // "{...}" = a parameter
        QList<qsizetype> routes;
        QByteArray allow;
    };
    static bool matches(const Pattern &p, const QList<QStringView> &segments, QStringList *params);
    static bool moreSpecific(const Pattern &a, const Pattern &b);

    QList<Route> m_routes;
    QList<Pattern> m_patterns;
};

} // namespace boxsandbox
