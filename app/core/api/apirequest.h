#pragma once

#include "core/api/boxerror.h"

#include <QByteArray>
#include <QDateTime>
#include <QIODevice>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <any>
#include <functional>
#include <optional>

// One logical request to Box (the client may send it more than once: retries, redirects).
struct ApiRequest
{
    QByteArray method = "GET";
    QUrl url; // absolute
    QByteArray body;
    QByteArray contentType;
    RawHeaders headers;       // extra headers; Authorization and As-User are set by the client
    QString asUser;           // user ID for the As-User header; empty = none
    bool authenticate = true; // false for the token endpoint itself
    std::optional<bool> idempotent; // unset: true for GET, HEAD, PUT, DELETE, OPTIONS
    int timeoutMs = 0;              // per attempt; 0 = the client's default
    // A 2xx reply must be a JSON object (an empty body is accepted except for GET); anything
    // else fails with BoxError::Kind::BadReply. False for endpoints that answer otherwise.
    bool expectJson = true;
    // Large answers (pages of a collection): the JSON is parsed on a worker thread, so the GUI
    // thread stays free; finished() comes when it is parsed.
    bool parseOffThread = false;
    // With parseOffThread: a faster reader tried first on the worker thread. It gives the
    // object to use as the parsed JSON and what goes to ApiResult::decoded (e.g. table rows),
    // or nullopt to have the body parsed as usual. Must not touch GUI-thread objects.
    struct BodyRead
    {
        QJsonObject json;
        std::any decoded;
    };
    std::function<std::optional<BodyRead>(const QByteArray &body)> readOffThread;
    // Replies larger than this are refused (BadReply); 0 = ApiRequest::DefaultMaxReplyBytes.
    qint64 maxReplyBytes = 0;
    static constexpr qint64 DefaultMaxReplyBytes = 64 * 1024 * 1024;
    // A streamed body (uploads): opens a fresh device (parented to `parent`) for each attempt,
    // or null with `error` set when it cannot (the request then fails with that error).
    // Sent unbuffered with Content-Length bodySize; the request log shows loggedBody instead.
    // A device that cannot give all its bytes (a file that shrank, a read error) sets its
    // errorString() and emits readChannelFinished(): the attempt fails with that text.
    std::function<QIODevice *(QObject *parent, QString *error)> openBody;
    qint64 bodySize = 0;
    QByteArray loggedBody;
    // How Copy as curl repeats a streamed body: pairs of a curl option and its value, e.g.
    // "--form-string", "attributes={...}", "-F", "file=@\"/local/path\"" (empty: the command
    // says it cannot repeat the body).
    QStringList curlForm;
    // A streamed 2xx answer (downloads): each chunk of an attempt's body, at `offset` bytes of
    // that attempt (0 starts a new attempt: the receiver starts over). Not kept in
    // ApiResult::body, not logged, not limited by maxReplyBytes. Return false to stop (with
    // `error` set, e.g. a disk write error).
    std::function<bool(qint64 offset, const QByteArray &chunk, QString *error)> receiveBody;

    bool isIdempotent() const;
};

// The outcome of one ApiRequest after retries.
struct ApiResult
{
    int status = 0; // HTTP status of the last attempt; 0 when no response arrived
    QByteArray body;
    RawHeaders headers;
    BoxError error; // kind None on success (2xx)
    int attempts = 0;
    QList<int> retryDelaysMs;     // the wait chosen before each retry
    QList<int> retryStatuses;     // per retry: the HTTP status that caused it (0: no response)
    QList<int> retryAfterSeconds; // per retry: the retry-after Box sent with it (-1: none)
    std::optional<QDateTime> serverDate; // the response's Date header (UTC)

    // The body parsed as a JSON object, once by the client when the request expected JSON.
    QJsonObject parsedJson;
    bool jsonParsed = false;
    std::any decoded; // ApiRequest::readOffThread's result (successful answers only)

    bool ok() const { return !error.isError(); }
    QJsonObject json() const
    {
        return jsonParsed ? parsedJson : QJsonDocument::fromJson(body).object();
    }
    QByteArray header(const QByteArray &name) const { return headerValue(headers, name); }
};
Q_DECLARE_METATYPE(ApiResult)
