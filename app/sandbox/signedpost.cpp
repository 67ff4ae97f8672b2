#include "sandbox/signedpost.h"

#include "sandbox/world.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

void useAppKeys(SignedPost *post, const World &world, int appIndex)
{
    if (appIndex < 0 || appIndex >= world.apps().size())
        return;
    const AppRecord &app = world.apps().at(appIndex);
    post->withKeys = true;
    post->primaryKey = app.webhookPrimaryKey.toUtf8();
    post->secondaryKey = app.webhookSecondaryKey.toUtf8();
}

QByteArray boxSignature(const QByteArray &key, const QByteArray &body, const QByteArray &timestamp)
{
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, key);
    mac.addData(body);
    mac.addData(timestamp);
    return mac.result().toBase64();
}

void sendSignedPost(QNetworkAccessManager *network, QObject *context, const SignedPost &post,
                    std::function<void(int httpStatus, const QString &error)> done)
{
    QNetworkRequest request{post.url};
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json; charset=utf-8"_s);
    request.setHeader(QNetworkRequest::UserAgentHeader, post.userAgent);
    request.setRawHeader("BOX-DELIVERY-ID"_ba, post.deliveryId);
    request.setRawHeader("BOX-DELIVERY-TIMESTAMP"_ba, post.timestamp);
    if (post.withKeys) {
        request.setRawHeader("BOX-SIGNATURE-PRIMARY"_ba,
                             boxSignature(post.primaryKey, post.body, post.timestamp));
        request.setRawHeader("BOX-SIGNATURE-SECONDARY"_ba,
                             boxSignature(post.secondaryKey, post.body, post.timestamp));
    }
    request.setRawHeader("BOX-SIGNATURE-VERSION"_ba, "1"_ba);
    request.setRawHeader("BOX-SIGNATURE-ALGORITHM"_ba, "HmacSHA256"_ba);

    QNetworkReply *reply = network->post(request, post.body);
    // The whole answer within the timeout (a transfer timeout would only catch silence).
    const int timeoutMs = post.timeoutMs;
    auto timedOut = std::make_shared<bool>(false);
    QTimer::singleShot(timeoutMs, reply, [reply, timedOut] {
        if (reply->isRunning()) {
            *timedOut = true;
            reply->abort();
        }
    });
    QObject::connect(
        reply, &QNetworkReply::finished, context,
        [reply, timedOut, timeoutMs, done = std::move(done)] {
            reply->deleteLater();
            const int status =
                *timedOut ? 0 : reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            QString error;
            if (*timedOut)
                error = u"No answer within %1 ms"_s.arg(timeoutMs);
            else if (status == 0)
                error = reply->errorString();
            done(status, error);
        });
}

} // namespace boxsandbox
