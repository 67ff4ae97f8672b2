#include "core/appusers/externalidcheck.h"

#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/appusers/appuserslogging.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QTimer>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

ExternalIdCheck::ExternalIdCheck(BoxClient *client, QObject *parent)
    : QObject(parent), m_client(client), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setInterval(DebounceMs);
    connect(m_timer, &QTimer::timeout, this, &ExternalIdCheck::start);
}

void ExternalIdCheck::check(const QString &externalId)
{
    const QString id = externalId.trimmed();
    if (id == m_wanted && (isPending() || id == m_checked))
        return;
    cancel();
    m_wanted = id;
    if (id.isEmpty()) {
        m_checked.clear();
        m_users.clear();
        Q_EMIT checked(id, {});
        return;
    }
    m_timer->start();
}

void ExternalIdCheck::checkNow(const QString &externalId)
{
    const QString id = externalId.trimmed();
    if (id == m_wanted && m_reply)
        return; // already being asked
    if (id == m_checked && id == m_wanted && !m_timer->isActive())
        return; // already answered
    check(id);
    if (m_timer->isActive()) {
        m_timer->stop();
        start();
    }
}

void ExternalIdCheck::cancel()
{
    m_timer->stop();
    if (ApiReply *r = m_reply.data()) {
        m_reply = nullptr;
        r->abort();
    }
}

bool ExternalIdCheck::isPending() const
{
    return m_timer->isActive() || m_reply;
}

void ExternalIdCheck::start()
{
    if (!m_client || m_wanted.isEmpty())
        return;
    const QString id = m_wanted;
    // BoxClient::get sends a '+' in the ID as %2B (QUrlQuery leaves it bare, which Box reads as
    // a space); '&', '=' and spaces are encoded by QUrlQuery.
    QUrlQuery query;
    query.addQueryItem(u"external_app_user_id"_s, id);
    query.addQueryItem(u"fields"_s, u"id,name,external_app_user_id"_s);
    query.addQueryItem(u"limit"_s, u"10"_s);
    ApiReply *reply = m_client->get(u"/users"_s, query);
    m_reply = reply;
    reply->onFinished(this, [this, reply, id](const ApiResult &result) {
        if (m_reply != reply)
            return; // superseded
        m_reply = nullptr;
        QList<User> users;
        if (result.ok()) {
            const QJsonArray entries = result.json().value(u"entries"_s).toArray();
            for (const QJsonValue &v : entries) {
                const QJsonObject o = v.toObject();
                User u{o.value(u"id"_s).toString(), o.value(u"name"_s).toString()};
                if (u.id.isEmpty() || u.id == m_excluded)
                    continue;
                users.append(u);
            }
        } else {
            qCInfo(lcAppUsers) << "external ID lookup failed:" << result.error.summary();
        }
        m_checked = id;
        m_users = users;
        Q_EMIT checked(id, users);
    });
}

QString ExternalIdCheck::warningText(const QString &externalId, const QList<User> &users)
{
    if (users.isEmpty())
        return {};
    const User &first = users.first();
    const QString who = QCoreApplication::translate("ExternalIdCheck", "%1 (ID %2)")
                            .arg(first.name.isEmpty() ? first.id : first.name, first.id);
    if (users.size() == 1) {
        return QCoreApplication::translate("ExternalIdCheck",
                                           "External ID %1 is already used by %2.")
            .arg(externalId, who);
    }
    if (users.size() == 2) {
        return QCoreApplication::translate("ExternalIdCheck",
                                           "External ID %1 is already used by %2 and 1 other "
                                           "user.")
            .arg(externalId, who);
    }
    return QCoreApplication::translate("ExternalIdCheck",
                                       "External ID %1 is already used by %2 and %3 other users.")
        .arg(externalId, who, QString::number(users.size() - 1));
}
