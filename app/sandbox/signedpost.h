#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QObject;

namespace boxsandbox {

class World;

// One POST signed as Box signs webhook v2 deliveries (and, by the Skills guide, Skill events):
// BOX-DELIVERY-ID, BOX-DELIVERY-TIMESTAMP, BOX-SIGNATURE-PRIMARY/-SECONDARY (when `signed`),
// BOX-SIGNATURE-VERSION 1, BOX-SIGNATURE-ALGORITHM HmacSHA256; JSON body.
struct SignedPost
{
    QUrl url;
    QByteArray body;
    QByteArray deliveryId;
    QByteArray timestamp; // Box's date format, also signed
    bool withKeys = false;
    QByteArray primaryKey, secondaryKey; // used only for the signatures, never logged
    QString userAgent;
    int timeoutMs = 30 * 1000; // the whole attempt, connection to last byte
};

// Signs the post with the webhook keys of the sandbox app at appIndex (Box signs webhook
// deliveries and Skill events with the app's primary and secondary keys); an index that names
// no app leaves it unsigned.
void useAppKeys(SignedPost *post, const World &world, int appIndex);

// base64(HMAC-SHA256(key, body ‖ timestamp)): Box's webhook signature (version 1).
QByteArray boxSignature(const QByteArray &key, const QByteArray &body, const QByteArray &timestamp);

// Sends the POST without following redirects; calls done(httpStatus, error) once, in
// `context`'s thread (httpStatus 0 and an error text when there was no answer in time).
void sendSignedPost(QNetworkAccessManager *network, QObject *context, const SignedPost &post,
                    std::function<void(int httpStatus, const QString &error)> done);

} // namespace boxsandbox
