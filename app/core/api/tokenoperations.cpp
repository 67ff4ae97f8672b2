#include "core/api/tokenoperations.h"

#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/api/requestlog.h"
#include "core/api/tokenreply.h"

#include <QCoreApplication>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

void TokenOperations::revoke(BoxClient *client, const QString &token, const QString &clientId,
                             const QString &clientSecret, QObject *context, DoneCallback done)
{
    client->requestLog()->addKnownSecret(token);
    client->requestLog()->addKnownSecret(clientSecret);
    FormFields form;
    if (!clientId.isEmpty()) {
        form.append({u"client_id"_s, clientId});
        form.append({u"client_secret"_s, clientSecret});
    }
    form.append({u"token"_s, token});
    // Revoking twice does no harm: safe to retry.
    client->postForm(client->revokeUrl(), form, true)
        ->onFinished(context, [done](const ApiResult &r) { done(r.error); });
}

void TokenOperations::downscope(BoxClient *client, const QString &subjectToken,
                                const QStringList &scopes, const QUrl &resource, QObject *context,
                                TokenCallback done)
{
    client->requestLog()->addKnownSecret(subjectToken);
    FormFields form;
    form.append({u"grant_type"_s, u"urn:ietf:params:oauth:grant-type:token-exchange"_s});
    form.append({u"subject_token"_s, subjectToken});
    form.append({u"subject_token_type"_s, u"urn:ietf:params:oauth:token-type:access_token"_s});
    form.append({u"scope"_s, scopes.join(u' ')});
    if (!resource.isEmpty())
        form.append({u"resource"_s, resource.toString(QUrl::FullyEncoded)});
    RequestLog *log = client->requestLog();
    client->postForm(client->tokenUrl(), form, true)
        ->onFinished(context, [done, log = QPointer<RequestLog>(log)](const ApiResult &r) {
            if (!r.ok()) {
                done({}, {}, r.error);
                return;
            }
            const QJsonObject o = r.json();
            QString problem;
            const std::optional<AccessToken> parsed =
                TokenReply::parse(o, false, QDateTime::currentDateTimeUtc(), &problem);
            if (!parsed) {
                done({}, {},
                     BoxError::local(BoxError::Kind::BadReply,
                                     QCoreApplication::translate(
                                         "TokenOperations",
                                         "Box answered the token exchange in an unexpected "
                                         "form: %1.")
                                         .arg(problem)));
                return;
            }
            const AccessToken token = *parsed;
            if (log)
                log->addKnownSecret(token.value, RequestLog::SecretLifetime::ShortLived);
            done(token, o.value(u"restricted_to"_s).toArray(), {});
        });
}
