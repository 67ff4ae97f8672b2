#include "appusersbenchscenarios.h"
#include "core/api/authenticator.h"
#include "core/api/boxclient.h"
#include "core/api/markerpeek.h"
#include "core/appusers/appuserrow.h"
#include "core/appusers/appusersmodel.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>

#include <functional>

using namespace Qt::Literals::StringLiterals;

namespace {

// The page query exactly as AppUsersModel's pager sends it for the full list.
QUrlQuery pageQuery(int pageSize, const QString &marker)
{
    QUrlQuery q;
    q.addQueryItem(u"fields"_s, AppUserRow::listFields().join(u','));
    q.addQueryItem(u"limit"_s, QString::number(pageSize));
    q.addQueryItem(u"usemarker"_s, u"true"_s);
    if (!marker.isEmpty())
        q.addQueryItem(u"marker"_s, marker);
    return q;
}

} // namespace

QJsonObject runFloorScenario(BoxClient *client)
{
    const QString token =
        client->authenticator() ? client->authenticator()->token().value : QString();
    if (token.isEmpty())
        return QJsonObject{{u"error"_s, u"no access token after the warm-up"_s}};
    const int pageSize = AppUsersModel().pageSize();
    QNetworkAccessManager *nam = client->networkManager();

    QEventLoop loop;
    QElapsedTimer timer;
    int pages = 0;
    qint64 bytes = 0;
    QString error;
    std::function<void(const QString &)> send = [&](const QString &marker) {
        // The request attributes and headers ApiReply sends.
        QNetworkRequest req(client->apiUrl(u"/users"_s, pageQuery(pageSize, marker)));
        req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
        req.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
        req.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
        req.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
        req.setRawHeader("User-Agent"_ba, "BoxCompanion/" BOX_COMPANION_VERSION ""_ba);
        req.setRawHeader("Accept"_ba, "application/json"_ba);
        req.setRawHeader("Authorization"_ba, "Bearer "_ba + token.toLatin1());
        QNetworkReply *reply = nam->get(req);
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply] {
            reply->deleteLater();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QByteArray body = reply->readAll();
            if (reply->error() != QNetworkReply::NoError || status != 200) {
                error = u"GET /2.0/users page %1: HTTP %2 %3"_s.arg(pages + 1).arg(status).arg(
                    reply->errorString());
                loop.quit();
                return;
            }
            ++pages;
            bytes += body.size();
            const QString next = peekNextMarker(body); // a byte scan, no parse
            if (next.isEmpty())
                loop.quit();
            else
                send(next);
        });
    };
    timer.start();
    send(QString());
    loop.exec();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;

    QJsonObject o{{u"pages"_s, pages},
                  {u"bytes"_s, bytes},
                  {u"seconds"_s, seconds},
                  {u"pageSize"_s, pageSize}};
    if (!error.isEmpty())
        o.insert(u"error"_s, error);
    return o;
}
