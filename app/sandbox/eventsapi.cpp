#include "sandbox/eventsapi.h"

#include "sandbox/contentevents.h"
#include "sandbox/errors.h"
#include "sandbox/usersapi.h"
#include "sandbox/world.h"

#include <QDateTime>
#include <QJsonArray>
#include <QUrl>

#include <algorithm>
#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

namespace {

constexpr qint64 kDefaultLimit = 100;
constexpr qint64 kMaxLimit = 500;

HttpResponse invalidParameter(const QString &name, const QString &value, const QString &why)
{
    return clientError(
        400, u"bad_request"_s, u"Bad Request"_s,
        contextErrors(u"invalid_parameter"_s, name, u"Invalid value '"_s + value + u"'. "_s + why));
}

// A date-time query parameter; *ok false when present but not a date-time.
qint64 dateParam(const HttpRequest &request, const QString &name, qint64 fallback, bool *ok)
{
    *ok = true;
    const QString raw = request.query.queryItemValue(name, QUrl::FullyDecoded);
    if (raw.isEmpty())
        return fallback;
    const QDateTime t = QDateTime::fromString(raw, Qt::ISODate);
    if (!t.isValid()) {
        *ok = false;
        return fallback;
    }
    return t.toSecsSinceEpoch();
}

// The query's limit (absent or 0: the default; at most kMaxLimit), or the 400 for a bad one.
std::optional<HttpResponse> limitParam(const HttpRequest &request, qint64 *limit)
{
    if (!request.query.hasQueryItem(u"limit"_s))
        return std::nullopt;
    bool ok = false;
    const QString raw = request.query.queryItemValue(u"limit"_s);
    const qint64 value = raw.toLongLong(&ok);
    if (!ok || value < 0)
        return invalidParameter(u"limit"_s, raw, u"'limit' must be a number"_s);
    *limit = value == 0 ? kDefaultLimit : qMin(value, kMaxLimit);
    return std::nullopt;
}

QJsonObject eventJson(const World &world, const AdminEvent &e)
{
    QJsonObject createdBy;
    if (const UserRecord *u = world.user(e.createdBy)) {
        createdBy = userMini(*u);
    } else {
        createdBy = QJsonObject{{u"type"_s, u"user"_s},
                                {u"id"_s, QString::number(e.createdBy)},
                                {u"name"_s, QString()},
                                {u"login"_s, QString()}};
    }
    QJsonObject o{{u"type"_s, u"event"_s},
                  {u"event_id"_s, e.id},
                  {u"event_type"_s, e.type},
                  {u"created_at"_s, boxDate(e.createdAt)},
                  {u"recorded_at"_s, boxDate(e.createdAt)},
                  {u"created_by"_s, createdBy}};
    if (e.source.isObject())
        o.insert(u"source"_s, e.source);
    if (e.details.isObject())
        o.insert(u"additional_details"_s, e.details);
    return o;
}

// The user stream's event for the user, or an empty event_type when it is not on that stream.
QString userEventTypeFor(const ContentEvent &e, qint64 userId, bool changes)
{
    const QString type = userEventType(e);
    if (type.isEmpty() || (changes && !onChangesStream(type)))
        return {};
    return std::binary_search(e.recipients.cbegin(), e.recipients.cend(), userId) ? type
                                                                                  : QString();
}

// Box's session_id: a hex string standing for the acting user's session (the sandbox keeps no
// sessions, so one per user and day).
QString sessionId(const World &world, const ContentEvent &e)
{
    return contentEventId(world, e,
                          u"session/"_s + QString::number(e.createdBy) + u'/' +
                              QString::number(e.createdAt / 86400))
        .remove(u'-')
        .left(22);
}

QJsonObject userEventJson(const World &world, const ContentEvent &e, const QString &type)
{
    QJsonObject createdBy;
    if (const UserRecord *u = world.user(e.createdBy))
        createdBy = userMini(*u);
    return QJsonObject{{u"type"_s, u"event"_s},
                       {u"event_id"_s, contentEventId(world, e)},
                       {u"event_type"_s, type},
                       {u"created_at"_s, boxDate(e.createdAt)},
                       {u"recorded_at"_s, boxDate(e.createdAt)},
                       {u"created_by"_s, createdBy},
                       {u"session_id"_s, sessionId(world, e)},
                       {u"source"_s, e.source},
                       // As Box's user events show it: details are for the enterprise streams.
                       {u"additional_details"_s, QJsonValue::Null}};
}

HttpResponse userEvents(World &world, const HttpRequest &request, const Principal &p,
                        const QString &streamType)
{
    qint64 limit = kDefaultLimit;
    if (auto e = limitParam(request, &limit))
        return *e;
    const QList<ContentEvent> &events = world.contentEvents();
    const qint64 latest = world.lastContentSequence();
    const QString position = request.query.queryItemValue(u"stream_position"_s, QUrl::FullyDecoded);
    qint64 after = 0;
    if (position == u"now"_s) {
        // Box: no entries, only the position to start from.
        return jsonResponse(200, QJsonObject{{u"chunk_size"_s, 0},
                                             {u"next_stream_position"_s, QString::number(latest)},
                                             {u"entries"_s, QJsonArray{}}});
    }
    if (!position.isEmpty()) {
        bool ok = false;
        after = position.toLongLong(&ok);
        if (!ok || after < 0)
            return invalidParameter(u"stream_position"_s, position,
                                    u"'stream_position' must be 0, now or a "
                                    "next_stream_position"_s);
    }
    const bool changes = streamType != u"all"_s; // sync: the sandbox has no synced folders
    QJsonArray entries;
    qint64 next = qMin(after, latest);
    qsizetype first = events.size();
    while (first > 0 && events.at(first - 1).sequence > after)
        --first;
    for (qsizetype i = first; i < events.size() && entries.size() < limit; ++i) {
        const ContentEvent &e = events.at(i);
        next = e.sequence;
        const QString type = userEventTypeFor(e, p.userId, changes);
        if (!type.isEmpty())
            entries.append(userEventJson(world, e, type));
    }
    return jsonResponse(200, QJsonObject{{u"chunk_size"_s, entries.size()},
                                         {u"next_stream_position"_s, QString::number(next)},
                                         {u"entries"_s, entries}});
}

} // namespace

std::optional<HttpResponse> userStreamRefusal(const Principal &p)
{
    // A downscoped token reads the user's whole stream only with a root scope.
    if (p.downscoped && !p.restrictedScopes.contains(u"root_readonly"_s) &&
        !p.restrictedScopes.contains(u"root_readwrite"_s))
        return insufficientScope();
    return std::nullopt;
}

bool userHasEventAfter(const World &world, qint64 userId, qint64 position)
{
    const QList<ContentEvent> &events = world.contentEvents();
    for (qsizetype i = events.size() - 1; i >= 0 && events.at(i).sequence > position; --i) {
        if (!userEventTypeFor(events.at(i), userId, false).isEmpty())
            return true;
    }
    return false;
}

HttpResponse getEvents(World &world, const HttpRequest &request, const Principal &p)
{
    const QString streamType =
        request.query.hasQueryItem(u"stream_type"_s)
            ? request.query.queryItemValue(u"stream_type"_s, QUrl::FullyDecoded)
            : u"all"_s;
    if (streamType == u"all"_s || streamType == u"changes"_s || streamType == u"sync"_s) {
        if (auto refused = userStreamRefusal(p))
            return *refused;
        return userEvents(world, request, p, streamType);
    }
    if (streamType != u"admin_logs"_s && streamType != u"admin_logs_streaming"_s) {
        return invalidParameter(u"stream_type"_s, streamType,
                                u"'stream_type' must be one of all, changes, sync, admin_logs, "
                                "admin_logs_streaming"_s);
    }
    if (p.downscoped || !hasScope(world, p, u"manage_enterprise_properties"_s))
        return insufficientScope();
    const UserRecord *caller = world.user(p.userId);
    if (!caller || !isAdminLike(*caller))
        return accessDenied();

    qint64 limit = kDefaultLimit;
    if (auto e = limitParam(request, &limit))
        return *e;
    const QList<AdminEvent> &log = world.adminEvents();
    const qint64 latest = log.isEmpty() ? 0 : log.last().position;
    const QString position = request.query.queryItemValue(u"stream_position"_s, QUrl::FullyDecoded);
    qint64 after = 0;
    if (position == u"now"_s) {
        after = latest;
    } else if (!position.isEmpty()) {
        bool ok = false;
        after = position.toLongLong(&ok);
        if (!ok || after < 0)
            return invalidParameter(u"stream_position"_s, position,
                                    u"'stream_position' must be 0, now or a "
                                    "next_stream_position"_s);
    }
    // Dates filter admin_logs only (Box ignores them on the other streams).
    bool okAfter = true, okBefore = true;
    const bool dated = streamType == u"admin_logs"_s;
    const qint64 createdAfter = dateParam(request, u"created_after"_s, 0, &okAfter);
    const qint64 createdBefore =
        dateParam(request, u"created_before"_s, std::numeric_limits<qint64>::max(), &okBefore);
    if (!okAfter || !okBefore) {
        const QString name = okAfter ? u"created_before"_s : u"created_after"_s;
        return invalidParameter(name, request.query.queryItemValue(name, QUrl::FullyDecoded),
                                u"'%1' must be a date-time (RFC 3339)"_s.arg(name));
    }
    QStringList types;
    for (const auto &item : request.query.queryItems(QUrl::FullyDecoded)) {
        if (item.first == u"event_type"_s)
            types += item.second.split(u',', Qt::SkipEmptyParts);
    }

    QJsonArray entries;
    qint64 next = qMax(after, qint64(0));
    for (const AdminEvent &e : log) {
        if (e.position <= after)
            continue;
        if (entries.size() >= limit)
            break;
        next = e.position;
        if (!types.isEmpty() && !types.contains(e.type))
            continue;
        if (dated && (e.createdAt < createdAfter || e.createdAt > createdBefore))
            continue;
        entries.append(eventJson(world, e));
    }
    return jsonResponse(200, QJsonObject{{u"chunk_size"_s, entries.size()},
                                         {u"next_stream_position"_s, QString::number(next)},
                                         {u"entries"_s, entries}});
}

} // namespace boxsandbox
