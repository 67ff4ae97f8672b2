#include "core/api/apireply.h"

#include "core/api/apilogging.h"
#include "core/api/authenticator.h"
#include "core/api/boxclient.h"
#include "core/api/requestlog.h"
#include "core/network/networkconfigurator.h"
#include "core/network/transportfailure.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QIODevice>
#include <QJsonParseError>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThreadPool>

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int MaxRedirects = 5;

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0 &&
           a.port(a.scheme() == u"https"_s ? 443 : 80) ==
               b.port(b.scheme() == u"https"_s ? 443 : 80);
}

// The body of a request that must not be sent twice. Qt's HTTP layer silently resends a
// request when the server closes the connection before answering, even a POST; a body that
// cannot be rewound makes it report ContentReSendError instead, so the client decides.
class OneShotBody : public QIODevice
{
public:
    OneShotBody(const QByteArray &data, QObject *parent) : QIODevice(parent), m_data(data)
    {
        open(QIODevice::ReadOnly);
    }
    bool isSequential() const override { return true; }
    bool reset() override { return false; }
    qint64 bytesAvailable() const override
    {
        return m_data.size() - m_pos + QIODevice::bytesAvailable();
    }
    bool atEnd() const override { return m_pos >= m_data.size() && QIODevice::atEnd(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = std::min<qint64>(maxSize, m_data.size() - m_pos);
        if (n <= 0)
            return m_pos >= m_data.size() ? -1 : 0;
        memcpy(data, m_data.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_pos = 0;
};

std::optional<QDateTime> parseHttpDate(const QByteArray &value)
{
    if (value.isEmpty())
        return std::nullopt;
    // RFC 7231 IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
    QDateTime dt = QLocale::c().toDateTime(QString::fromLatin1(value.trimmed()),
                                           u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s);
    if (!dt.isValid())
        return std::nullopt;
    dt.setTimeSpec(Qt::UTC);
    return dt;
}
} // namespace

ApiReply::ApiReply(BoxClient *client, ApiRequest request)
    : QObject(client), m_client(client), m_request(std::move(request))
{
    m_currentUrl = m_request.url;
    m_currentMethod = m_request.method;
    m_currentBody = m_request.body;
    m_timeout.setSingleShot(true);
    m_retryTimer.setSingleShot(true);
    // Coarse timers may fire up to 5% early: a retry-after wait and a pacer slot must not.
    m_retryTimer.setTimerType(Qt::PreciseTimer);
    m_paceTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        if (m_reply) {
            m_timedOut = true;
            m_reply->abort();
        }
    });
    connect(&m_retryTimer, &QTimer::timeout, this, &ApiReply::authenticateAndSend);
    m_paceTimer.setSingleShot(true);
    connect(&m_paceTimer, &QTimer::timeout, this, [this] {
        // A 429 arrived while this request waited for its slot: book one after the hold.
        RequestPacer *pacer = m_client ? m_client->pacer() : nullptr;
        if (pacer && pacer->holdRemaining(paceKey(), QDateTime::currentMSecsSinceEpoch()) > 0)
            sendAttempt();
        else
            sendNow();
    });
}

ApiReply::~ApiReply()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void ApiReply::abort()
{
    if (m_finished)
        return;
    m_aborted = true;
    m_retryTimer.stop();
    m_paceTimer.stop();
    if (m_parsePending) {
        // The answer arrived whole and Box counted it: logged as such, then cancelled.
        m_parsePending = false;
        completeAttempt(m_result.body, {}, false);
        return;
    }
    if (m_reply)
        m_reply->abort(); // onAttemptFinished() finishes
    else
        finish(BoxError::local(BoxError::Kind::Network, tr("The request was cancelled.")));
}

void ApiReply::start()
{
    if (m_aborted || m_finished)
        return;
    const QString problem = BoxClient::urlProblem(m_request.url);
    if (!problem.isEmpty()) {
        finish(BoxError::local(BoxError::Kind::InsecureUrl, problem));
        return;
    }
    if (m_request.authenticate) {
        Authenticator *auth = m_client ? m_client->authenticator() : nullptr;
        if (!auth) {
            finish(BoxError::local(BoxError::Kind::Config,
                                   tr("This profile has no way to sign in to Box.")));
            return;
        }
        const BoxError refused = auth->checkRequest(m_request);
        if (refused.isError()) {
            finish(refused);
            return;
        }
    }
    authenticateAndSend();
}

void ApiReply::authenticateAndSend()
{
    if (m_aborted || m_finished || !m_client)
        return;
    if (!m_request.authenticate) {
        sendAttempt();
        return;
    }
    Authenticator *auth = m_client->authenticator();
    if (!auth) {
        finish(BoxError::local(BoxError::Kind::Config,
                               tr("This profile has no way to sign in to Box.")));
        return;
    }
    auth->requestToken(this, [this](const QString &token, const BoxError &error) {
        if (error.isError()) {
            finish(error);
            return;
        }
        m_token = token;
        sendAttempt();
    });
}

QString ApiReply::paceKey() const
{
    return m_request.asUser;
}

void ApiReply::sendAttempt()
{
    if (m_aborted || m_finished || !m_client)
        return;
    RequestPacer *pacer = m_request.authenticate ? m_client->pacer() : nullptr;
    if (pacer) {
        const qint64 wait = pacer->reserve(paceKey(), QDateTime::currentMSecsSinceEpoch());
        if (wait > 0) {
            m_paceTimer.start(int(std::min<qint64>(wait, 3600 * 1000)));
            return;
        }
    }
    sendNow();
}

void ApiReply::sendNow()
{
    if (m_aborted || m_finished || !m_client)
        return;
    if (NetworkConfigurator *net = NetworkConfigurator::instance(); !net->isReady()) {
        // At start-up the proxy password is still being read from the keychain.
        connect(net, &NetworkConfigurator::changed, this, &ApiReply::sendNow,
                Qt::SingleShotConnection);
        return;
    }
    QNetworkRequest req(m_currentUrl);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::ManualRedirectPolicy);
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    req.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    req.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    m_sentHeaders.clear();
    auto setHeader = [&](const QByteArray &name, const QByteArray &value) {
        req.setRawHeader(name, value);
        m_sentHeaders.append({name, value});
    };
    setHeader("User-Agent"_ba, "BoxCompanion/" BOX_COMPANION_VERSION ""_ba);
    setHeader("Accept"_ba, "application/json"_ba);
    if (m_request.authenticate && m_sendToken && !m_token.isEmpty())
        setHeader("Authorization"_ba, "Bearer "_ba + m_token.toLatin1());
    if (!m_request.asUser.isEmpty())
        setHeader("As-User"_ba, m_request.asUser.toLatin1());
    for (const auto &h : m_request.headers)
        setHeader(h.first, h.second);
    if (!m_currentBody.isEmpty() || !m_request.contentType.isEmpty())
        setHeader("Content-Type"_ba, m_request.contentType);

    m_timedOut = false;
    m_incompleteBytes = {0, 0};
    m_attemptStarted = QDateTime::currentDateTimeUtc();
    m_attemptClock.start();
    ++m_result.attempts;
    qCDebug(lcApi).noquote() << m_currentMethod << m_currentUrl.toString(QUrl::RemoveQuery)
                             << "attempt" << m_result.attempts;
    QNetworkAccessManager *nam = m_client->networkManager();
    // The network settings in force now (proxy, extra trusted CAs): a change applies here.
    NetworkConfigurator::instance()->prepare(nam, req);
    m_tls.clear();
    m_streaming = false;
    m_streamed = 0;
    m_streamError.clear();
    if (m_request.openBody) {
        // A streamed body (a file): a fresh device per attempt, never buffered or resent by Qt.
        QString problem;
        QIODevice *body = m_request.openBody(this, &problem);
        if (!body) {
            --m_result.attempts;
            finish(BoxError::local(BoxError::Kind::Refused, problem));
            return;
        }
        req.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        req.setHeader(QNetworkRequest::ContentLengthHeader, m_request.bodySize);
        m_reply = nam->sendCustomRequest(req, m_currentMethod, body);
        body->setParent(m_reply);
        // The device could not give its bytes (the file shrank, a read failed): Qt would
        // wait for them until the timeout, or fail with "Unknown error"; fail now with the
        // device's own words. Direct: the words are kept before Qt reports its failure; the
        // abort is queued (the device is being read).
        connect(body, &QIODevice::readChannelFinished, this, [this, body] {
            if (!m_reply || body->parent() != m_reply || !m_streamError.isEmpty())
                return;
            m_streamError = body->errorString();
            QMetaObject::invokeMethod(
                m_reply.data(),
                [reply = m_reply] {
                    if (reply)
                        reply->abort();
                },
                Qt::QueuedConnection);
        });
        connect(m_reply, &QNetworkReply::uploadProgress, this, [this](qint64 sent, qint64 total) {
            m_timeout.start(); // progress resets the timeout
            Q_EMIT uploadProgress(sent, total);
        });
    } else if (!m_request.isIdempotent()) {
        req.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        req.setHeader(QNetworkRequest::ContentLengthHeader, m_currentBody.size());
        auto *body = new OneShotBody(m_currentBody, this);
        m_reply = nam->sendCustomRequest(req, m_currentMethod, body);
        body->setParent(m_reply);
    } else if (m_currentBody.isEmpty() && m_currentMethod == "GET") {
        m_reply = nam->get(req);
    } else if (m_currentBody.isEmpty() && m_currentMethod != "PUT") {
        m_reply = nam->sendCustomRequest(req, m_currentMethod);
    } else {
        m_reply = nam->sendCustomRequest(req, m_currentMethod, m_currentBody);
    }
    connect(m_reply, &QNetworkReply::finished, this, &ApiReply::onAttemptFinished);
    m_tls.watch(m_reply, this);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, [this] {
        if (!m_reply)
            return;
        const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        // Only the file's bytes: a 202 "not ready yet" (or any other 2xx) is Box's answer.
        const bool streaming = m_request.receiveBody && (status == 200 || status == 206);
        if (streaming && !m_streaming && m_streamed == 0 && m_streamError.isEmpty()) {
            // A new attempt's body starts: the receiver starts over, even if it stays empty.
            QString problem;
            if (!m_request.receiveBody(0, {}, &problem)) {
                m_streamError =
                    problem.isEmpty() ? tr("The download could not be written.") : problem;
                m_streaming = true;
                m_reply->abort();
                return;
            }
        }
        m_streaming = streaming;
        checkReplySize(m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong());
    });
    if (m_request.receiveBody) {
        connect(m_reply, &QNetworkReply::readyRead, this, [this] {
            if (m_reply && m_streaming)
                streamBody(m_reply);
        });
    }
    connect(m_reply, &QNetworkReply::downloadProgress, this, [this](qint64 received) {
        m_timeout.start(); // progress resets the timeout
        checkReplySize(received);
    });
    const int timeoutMs =
        m_request.timeoutMs > 0 ? m_request.timeoutMs : m_client->defaultTimeoutMs();
    m_timeout.start(timeoutMs);
}

qint64 ApiReply::maxReplyBytes() const
{
    return m_request.maxReplyBytes > 0 ? m_request.maxReplyBytes : ApiRequest::DefaultMaxReplyBytes;
}

void ApiReply::streamBody(QNetworkReply *reply)
{
    if (!m_streamError.isEmpty())
        return;
    const QByteArray chunk = reply->readAll();
    if (chunk.isEmpty())
        return;
    QString problem;
    if (!m_request.receiveBody(m_streamed, chunk, &problem)) {
        m_streamError = problem.isEmpty() ? tr("The download could not be written.") : problem;
        reply->abort();
        return;
    }
    m_streamed += chunk.size();
    const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
    Q_EMIT downloadProgress(m_streamed, length.isValid() ? length.toLongLong() : -1);
}

void ApiReply::checkReplySize(qint64 bytes)
{
    if (m_streaming || bytes <= maxReplyBytes() || m_tooLarge || !m_reply)
        return;
    m_tooLarge = true;
    qCWarning(lcApi).noquote() << m_currentMethod << m_currentUrl.toString(QUrl::RemoveQuery)
                               << "reply refused: over" << maxReplyBytes() << "bytes";
    m_reply->abort();
}

// A reply whose transfer failed: no status line, or a status line whose body never arrived
// whole (closed before Content-Length, reset, our timeout or abort after the headers).
BoxError ApiReply::transportError(QNetworkReply *reply, int status) const
{
    const auto netError = reply->error();
    BoxError::Kind kind = BoxError::Kind::Network;
    QString detail = reply->errorString();
    if (m_tooLarge) {
        BoxError e =
            BoxError::local(BoxError::Kind::BadReply,
                            tr("The answer is larger than %1 and was refused.")
                                .arg(QLocale::c().formattedDataSize(
                                    maxReplyBytes(), 0, QLocale::DataSizeTraditionalFormat)));
        e.httpStatus = status;
        e.boxRequestId = QString::fromLatin1(reply->rawHeader("box-request-id"_ba));
        e.maybeApplied = !m_request.isIdempotent();
        return e;
    }
    if (!m_streamError.isEmpty()) {
        BoxError e = BoxError::local(BoxError::Kind::Refused, m_streamError);
        e.httpStatus = status;
        return e;
    }
    std::optional<BoxError> failure; // the TLS handshake's or the proxy's
    if (m_timedOut) {
        kind = BoxError::Kind::Timeout;
        detail = status > 0 ? tr("Box's answer stopped arriving (HTTP %1, incomplete).").arg(status)
                            : tr("Box did not answer in time.");
    } else if ((failure =
                    TransportFailure::classify(reply, m_tls, m_currentUrl,
                                               NetworkConfigurator::instance()->configuration()))) {
        kind = failure->kind;
    } else if (m_aborted) {
        detail = tr("The request was cancelled.");
    } else if (m_incompleteBytes.second > 0 || (status > 0 && netError == QNetworkReply::NoError)) {
        detail = tr("The connection closed before Box's answer arrived whole (HTTP %1: %2 of "
                    "%3 bytes).")
                     .arg(status)
                     .arg(m_incompleteBytes.first)
                     .arg(m_incompleteBytes.second);
    } else if (status > 0) {
        detail = tr("The connection closed before Box's answer arrived whole (HTTP %1: %2).")
                     .arg(status)
                     .arg(reply->errorString());
    }
    BoxError error = failure ? *failure : BoxError::local(kind, detail);
    if (!failure)
        error.networkError = int(netError);
    error.httpStatus = status;
    error.boxRequestId = QString::fromLatin1(reply->rawHeader("box-request-id"_ba));
    // A request that may have reached the server and changes something: we cannot know
    // whether it was applied.
    error.maybeApplied = !m_request.isIdempotent() && kind != BoxError::Kind::Tls &&
                         netError != QNetworkReply::ConnectionRefusedError &&
                         netError != QNetworkReply::HostNotFoundError;
    return error;
}

bool ApiReply::needsJsonParse(const QByteArray &body) const
{
    if (!m_request.expectJson || m_result.status == 204)
        return false;
    return !body.isEmpty() || m_currentMethod == "GET";
}

// A 2xx that arrived whole must be the JSON object Box sends; parses it once for the caller.
BoxError ApiReply::checkJsonBody(const QByteArray &body)
{
    if (!needsJsonParse(body))
        return {};
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    return acceptJson(doc, parseError, body);
}

BoxError ApiReply::acceptJson(const QJsonDocument &doc, const QJsonParseError &parseError,
                              const QByteArray &body)
{
    if (parseError.error == QJsonParseError::NoError && doc.isObject()) {
        m_result.parsedJson = doc.object();
        m_result.jsonParsed = true;
        return {};
    }
    return jsonBodyError(body, parseError);
}

BoxError ApiReply::jsonBodyError(const QByteArray &body, const QJsonParseError &parseError)
{
    const QString requestId =
        QString::fromLatin1(headerValue(m_result.headers, "box-request-id"_ba));
    const QString what = body.isEmpty()     ? tr("an empty body")
                         : parseError.error ? tr("a body that is not JSON (%1 at byte %2)")
                                                  .arg(parseError.errorString())
                                                  .arg(parseError.offset)
                                            : tr("JSON that is not an object");
    BoxError e = BoxError::local(
        BoxError::Kind::BadReply,
        requestId.isEmpty() ? tr("Box answered HTTP %1 with %2.").arg(m_result.status).arg(what)
                            : tr("Box answered HTTP %1 with %2 (request ID %3).")
                                  .arg(m_result.status)
                                  .arg(what, requestId));
    e.httpStatus = m_result.status;
    e.boxRequestId = requestId;
    e.maybeApplied = !m_request.isIdempotent();
    return e;
}

void ApiReply::onAttemptFinished()
{
    m_timeout.stop();
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_reply = nullptr;
    reply->deleteLater();

    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const int status = statusAttr.isValid() ? statusAttr.toInt() : 0;
    const auto netError = reply->error();
    // Errors Qt derives from the HTTP status (404, 409, 5xx...) are answers; everything below
    // 200 (connection, timeout, cancel, TLS, proxy) and ProtocolFailure mean the transfer broke.
    bool transferFailed = status == 0 || m_tooLarge ||
                          (netError != QNetworkReply::NoError &&
                           (int(netError) < 200 || netError == QNetworkReply::ProtocolFailure));
    if (m_streaming && reply->isOpen())
        streamBody(reply); // the rest of a streamed body
    transferFailed = transferFailed || !m_streamError.isEmpty();
    const QByteArray body =
        reply->isOpen() && !m_tooLarge && !m_streaming ? reply->readAll() : QByteArray();
    const qint64 bodySize = m_streaming ? m_streamed : body.size();
    if (!transferFailed && status >= 200 && status != 204 && status != 304 &&
        m_currentMethod != "HEAD" && reply->rawHeader("content-encoding"_ba).isEmpty()) {
        // Qt does not always report a connection closed before Content-Length was reached
        // (seen with unbuffered uploads): compare for ourselves.
        bool known = false;
        const qint64 declared = reply->rawHeader("content-length"_ba).trimmed().toLongLong(&known);
        if (known && declared != bodySize) {
            m_incompleteBytes = {bodySize, declared};
            transferFailed = true;
        }
    }
    RawHeaders headers;
    for (const auto &h : reply->rawHeaderPairs())
        headers.append({h.first, h.second});
    m_result.status = status;
    m_result.body = body;
    m_result.headers = headers;
    m_result.parsedJson = {};
    m_result.jsonParsed = false;
    m_result.decoded.reset();
    m_result.serverDate = parseHttpDate(headerValue(headers, "Date"_ba));

    BoxError error;
    if (transferFailed) {
        error = transportError(reply, status);
        if (status > 0)
            qCInfo(lcApi).noquote() << m_currentMethod << m_currentUrl.toString(QUrl::RemoveQuery)
                                    << "HTTP" << status << "arrived incomplete:" << error.detail;
    } else if (status >= 400) {
        error = BoxError::fromHttp(status, body, headers);
    } else if (status >= 200 && status < 300) {
        Q_EMIT bodyReceived(body);
        if (m_aborted || m_finished)
            return;
        if (m_request.parseOffThread && needsJsonParse(body)) {
            parseOffThread(body);
            return;
        }
        error = checkJsonBody(body);
    }
    completeAttempt(body, error, transferFailed);
}

void ApiReply::parseOffThread(const QByteArray &body)
{
    m_parsePending = true;
    const QPointer<ApiReply> guard(this);
    QThreadPool::globalInstance()->start(
        QRunnable::create([guard, body, read = m_request.readOffThread] {
            QJsonParseError parseError{};
            QJsonDocument doc;
            std::any decoded;
            if (std::optional<ApiRequest::BodyRead> fast = read ? read(body) : std::nullopt) {
                doc = QJsonDocument(fast->json);
                decoded = std::move(fast->decoded);
            } else {
                doc = QJsonDocument::fromJson(body, &parseError);
            }
            QCoreApplication *app = QCoreApplication::instance();
            if (!app)
                return;
            // Runs on the GUI thread, where the guard may be checked.
            QMetaObject::invokeMethod(
                app,
                [guard, doc, parseError, body, decoded] {
                    if (guard)
                        guard->onParsedOffThread(doc, parseError, body, decoded);
                },
                Qt::QueuedConnection);
        }));
}

void ApiReply::onParsedOffThread(const QJsonDocument &doc, const QJsonParseError &parseError,
                                 const QByteArray &body, const std::any &decoded)
{
    if (m_finished || !m_parsePending)
        return; // aborted meanwhile: already answered
    m_parsePending = false;
    const BoxError error = acceptJson(doc, parseError, body);
    if (!error.isError())
        m_result.decoded = decoded;
    completeAttempt(body, error, false);
}

void ApiReply::completeAttempt(const QByteArray &body, const BoxError &error, bool transferFailed)
{
    const int status = m_result.status;
    logAttempt(body, error);
    if (RequestPacer *pacer = m_request.authenticate && m_client ? m_client->pacer() : nullptr) {
        if (status == 429)
            pacer->onRateLimited(paceKey(), error.retryAfterSeconds,
                                 QDateTime::currentMSecsSinceEpoch());
        else if (status > 0 && status < 400)
            pacer->onSuccess(paceKey());
    }

    if (m_aborted) {
        finish(error.isError()
                   ? error
                   : BoxError::local(BoxError::Kind::Network, tr("The request was cancelled.")));
        return;
    }
    if (!transferFailed && status >= 300 && status < 400 && followRedirect())
        return;
    if (!transferFailed && status == 401 && m_request.authenticate && !m_authRetried && m_client &&
        m_client->authenticator() && m_client->authenticator()->invalidate(m_token)) {
        // Box did not process the request: safe to send again with a new token.
        m_authRetried = true;
        qCInfo(lcApi) << "access token rejected; renewing it once";
        authenticateAndSend();
        return;
    }
    if (retryIfUseful(error))
        return;
    finish(error);
}

bool ApiReply::followRedirect()
{
    const QByteArray location = headerValue(m_result.headers, "Location"_ba);
    if (location.isEmpty() || (m_currentMethod != "GET" && m_currentMethod != "HEAD"))
        return false; // hand the 3xx to the caller
    if (++m_redirects > MaxRedirects) {
        finish(BoxError::local(BoxError::Kind::Network, tr("Too many redirects.")));
        return true;
    }
    const QUrl target = m_currentUrl.resolved(QUrl::fromEncoded(location));
    if (m_currentUrl.scheme() == u"https"_s && target.scheme() != u"https"_s) {
        finish(BoxError::local(BoxError::Kind::InsecureUrl,
                               tr("Box redirected to an unencrypted address; not followed.")));
        return true;
    }
    const QString problem = BoxClient::urlProblem(target);
    if (!problem.isEmpty()) {
        finish(BoxError::local(BoxError::Kind::InsecureUrl, problem));
        return true;
    }
    if (!sameOrigin(target, m_request.url))
        m_sendToken = false; // never hand the bearer token to another host
    m_currentUrl = target;
    --m_result.attempts; // a redirect is part of the same attempt
    sendAttempt();
    return true;
}

namespace {
// Refused by this computer itself: nothing listens on that port (a local server such as the
// Box sandbox is not running). It will not start within a back-off, so say so at once.
bool refusedByThisComputer(const BoxError &error, const QUrl &url)
{
    if (error.networkError != QNetworkReply::ConnectionRefusedError)
        return false;
    const QHostAddress address(url.host());
    return url.host() == u"localhost"_s || (!address.isNull() && address.isLoopback());
}
} // namespace

bool ApiReply::retryIfUseful(const BoxError &error)
{
    if (!error.isError() || !m_client || refusedByThisComputer(error, m_currentUrl))
        return false;
    if (error.networkError == QNetworkReply::ProxyAuthenticationRequiredError)
        return false; // the same password fails again
    RetryPolicy::Failure failure = RetryPolicy::Failure::None;
    if (error.kind == BoxError::Kind::Network || error.kind == BoxError::Kind::Timeout)
        failure = RetryPolicy::Failure::Network; // also a reply cut off after its status line
    else if (error.kind == BoxError::Kind::BadReply && m_request.isIdempotent() && !m_tooLarge)
        failure = RetryPolicy::Failure::Network; // garbled in transit: reading again is safe
    else if (m_result.status == 429)
        failure = RetryPolicy::Failure::RateLimited;
    else if (m_result.status >= 500)
        failure = RetryPolicy::Failure::ServerError;
    const int delay = m_client->retryPolicy().delayBeforeRetry(
        m_result.attempts, failure, m_request.isIdempotent(), error.retryAfterSeconds);
    if (delay < 0)
        return false;
    qCInfo(lcApi).noquote() << "retrying" << m_request.method
                            << m_request.url.toString(QUrl::RemoveQuery) << "in" << delay
                            << "ms after" << error.summary();
    m_result.retryDelaysMs.append(delay);
    m_result.retryStatuses.append(m_result.status);
    m_result.retryAfterSeconds.append(error.retryAfterSeconds);
    m_retryTimer.start(delay);
    return true;
}

void ApiReply::logAttempt(const QByteArray &responseBody, const BoxError &error)
{
    if (!m_client || !m_client->requestLog())
        return;
    RequestLogEntry e;
    e.startedAt = m_attemptStarted;
    e.app = m_client->profile().name;
    e.method = m_currentMethod;
    e.url = m_currentUrl;
    e.status = m_result.status;
    e.durationMs = m_attemptClock.elapsed();
    e.attempt = m_result.attempts;
    e.requestHeaders = m_sentHeaders;
    e.responseHeaders = m_result.headers;
    // Streamed bodies (file content) are never logged: the request says what it sent instead.
    e.requestBody = m_request.openBody ? m_request.loggedBody : m_currentBody;
    e.streamedBody = bool(m_request.openBody);
    e.curlForm = m_request.curlForm;
    e.requestContentType = m_request.contentType;
    e.responseBody = m_streaming
                         ? tr("(%1 bytes of file content, not kept)").arg(m_streamed).toUtf8()
                         : responseBody;
    e.responseContentType = headerValue(m_result.headers, "Content-Type"_ba);
    e.requestId = QString::fromLatin1(headerValue(m_result.headers, "box-request-id"_ba));
    if (e.requestId.isEmpty())
        e.requestId = error.requestId;
    if (m_result.status == 0 || error.kind == BoxError::Kind::Network ||
        error.kind == BoxError::Kind::Timeout || error.kind == BoxError::Kind::BadReply)
        e.error = error.detail;
    m_client->requestLog()->append(std::move(e));
}

void ApiReply::finish(const BoxError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timeout.stop();
    m_retryTimer.stop();
    m_paceTimer.stop();
    m_result.error = error;
    if (error.isError())
        qCInfo(lcApi).noquote() << m_request.method << m_request.url.toString(QUrl::RemoveQuery)
                                << "failed:" << error.summary();
    Q_EMIT finished(m_result);
    deleteLater();
}
