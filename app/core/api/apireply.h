#pragma once

#include "core/api/apirequest.h"
#include "core/network/transportfailure.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

class BoxClient;
class QJsonDocument;
class QNetworkReply;
struct QJsonParseError;

// One request in flight: authenticates, sends, follows safe redirects, retries by the
// client's RetryPolicy, logs every attempt, then emits finished() exactly once and deletes
// itself. Connect with a context object: reply->onFinished(this, [](const ApiResult &r){...}).
class ApiReply : public QObject
{
    Q_OBJECT
public:
    ~ApiReply() override;

    const ApiRequest &request() const { return m_request; }
    bool isFinished() const { return m_finished; }
    const ApiResult &result() const { return m_result; }
    // Stops the request; finished() is emitted with a Network error "cancelled".
    void abort();

    template <typename Context, typename Func> void onFinished(const Context *context, Func &&f)
    {
        connect(this, &ApiReply::finished, context, std::forward<Func>(f),
                Qt::SingleShotConnection);
    }

Q_SIGNALS:
    void finished(const ApiResult &result);
    // An attempt's 2xx body arrived whole, before it is checked or parsed (finished() follows:
    // with this body, or with an error, or after a retry). For looking ahead, e.g. at a page's
    // next_marker while the page is parsed.
    void bodyReceived(const QByteArray &body);
    // A streamed body's progress (ApiRequest::openBody / receiveBody); total -1 when unknown.
    void uploadProgress(qint64 sent, qint64 total);
    void downloadProgress(qint64 received, qint64 total);

private:
    friend class BoxClient;
    ApiReply(BoxClient *client, ApiRequest request);
    void start();
    void authenticateAndSend();
    void sendAttempt(); // waits for the pacer, then sends
    void sendNow();
    QString paceKey() const;
    void onAttemptFinished();
    bool followRedirect();
    bool retryIfUseful(const BoxError &error);
    void finish(const BoxError &error);
    void logAttempt(const QByteArray &responseBody, const BoxError &error);
    qint64 maxReplyBytes() const;
    void checkReplySize(qint64 bytes);
    BoxError transportError(QNetworkReply *reply, int status) const;
    BoxError checkJsonBody(const QByteArray &body);
    bool needsJsonParse(const QByteArray &body) const;
    // Keeps a parsed 2xx body that is a JSON object; else the BadReply error for it.
    BoxError acceptJson(const QJsonDocument &doc, const QJsonParseError &parseError,
                        const QByteArray &body);
    // The BadReply error for a 2xx body that is not a JSON object.
    BoxError jsonBodyError(const QByteArray &body, const QJsonParseError &parseError);
    void parseOffThread(const QByteArray &body);
    void onParsedOffThread(const QJsonDocument &doc, const QJsonParseError &parseError,
                           const QByteArray &body, const std::any &decoded);
    // The rest of an attempt once its answer is known: log, pacer, redirect, retry or finish.
    void completeAttempt(const QByteArray &body, const BoxError &error, bool transferFailed);
    // Hands what arrived of a streamed 2xx body to ApiRequest::receiveBody.
    void streamBody(QNetworkReply *reply);

    QPointer<BoxClient> m_client;
    ApiRequest m_request;
    QUrl m_currentUrl;
    QByteArray m_currentMethod;
    QByteArray m_currentBody;
    QString m_token;
    bool m_sendToken = true; // false after a redirect to another host
    bool m_authRetried = false;
    int m_redirects = 0;
    bool m_timedOut = false;
    bool m_tooLarge = false;                       // the reply passed maxReplyBytes; aborted
    QPair<qint64, qint64> m_incompleteBytes{0, 0}; // body bytes received vs Content-Length
    bool m_aborted = false;
    bool m_streaming = false;    // this attempt's 2xx body goes to ApiRequest::receiveBody
    qint64 m_streamed = 0;       // bytes of it handed over
    QString m_streamError;       // why receiveBody stopped the attempt
    bool m_parsePending = false; // a 2xx body is being parsed on a worker thread
    bool m_finished = false;
    QPointer<QNetworkReply> m_reply;
    TransportFailure::TlsEvidence m_tls; // the current attempt's certificate errors and chain
    QTimer m_timeout;
    QTimer m_retryTimer;
    QTimer m_paceTimer;
    QElapsedTimer m_attemptClock;
    QDateTime m_attemptStarted;
    RawHeaders m_sentHeaders;
    ApiResult m_result;
};
