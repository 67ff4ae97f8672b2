#include "core/events/enterpriseevents.h"

#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/events/eventerrors.h"
#include "core/events/eventslogging.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

EnterpriseEvents::EnterpriseEvents(QObject *parent) : QObject(parent) {}

EnterpriseEvents::~EnterpriseEvents()
{
    cancel();
}

void EnterpriseEvents::setClient(BoxClient *client, const QString &asUser)
{
    cancel();
    m_client = client;
    m_asUser = asUser;
}

void EnterpriseEvents::cancel()
{
    ++m_generation;
    if (ApiReply *reply = m_reply.data()) {
        m_reply = nullptr;
        reply->abort();
    }
}

bool EnterpriseEvents::fetch(const Query &query)
{
    cancel();
    if (!m_client)
        return false;
    m_query = query;
    m_pages = 0;
    m_received = 0;
    m_truncated = false;
    m_errorText.clear();
    m_lastError = {};
    readPage({});
    return true;
}

void EnterpriseEvents::readPage(const QString &position)
{
    QUrlQuery query;
    query.addQueryItem(u"stream_type"_s, u"admin_logs"_s);
    if (!position.isEmpty())
        query.addQueryItem(u"stream_position"_s, position);
    query.addQueryItem(u"limit"_s, QString::number(m_pageLimit));
    if (m_query.createdAfter.isValid())
        query.addQueryItem(u"created_after"_s, boxDateTime(m_query.createdAfter));
    if (m_query.createdBefore.isValid())
        query.addQueryItem(u"created_before"_s, boxDateTime(m_query.createdBefore));
    if (!m_query.eventTypes.isEmpty())
        query.addQueryItem(u"event_type"_s, m_query.eventTypes.join(u','));
    ++m_pages;
    const quint64 generation = m_generation;
    m_reply = m_client->get(u"/events"_s, query, m_asUser);
    m_reply->onFinished(this, [this, generation, position](const ApiResult &result) {
        if (generation != m_generation)
            return;
        m_reply = nullptr;
        onPage(result, position);
    });
}

void EnterpriseEvents::onPage(const ApiResult &result, const QString &position)
{
    if (!result.ok()) {
        m_lastError = result.error;
        m_errorText = EventErrors::describe(result.error, m_client, true);
        qCInfo(lcEvents).noquote() << "enterprise events failed:" << result.error.summary();
        Q_EMIT finished(false);
        return;
    }
    const QJsonObject page = result.json();
    const QJsonArray entries = page.value(u"entries"_s).toArray();
    const QString next = BoxEvents::nextStreamPosition(page, result.body);
    const QList<BoxEvent> events = BoxEvent::fromEntries(entries);
    m_received += events.size();
    const quint64 generation = m_generation;
    if (!events.isEmpty())
        Q_EMIT eventsReceived(events);
    if (generation != m_generation)
        return;
    const bool more = !entries.isEmpty() && !next.isEmpty() && next != position;
    if (more && m_pages < MaxPages) {
        readPage(next);
        return;
    }
    m_truncated = more;
    qCDebug(lcEvents) << "enterprise events:" << m_received << "in" << m_pages << "pages";
    Q_EMIT finished(true);
}

QStringList EnterpriseEvents::parseEventTypes(const QString &text)
{
    static const QRegularExpression separators(u"[\\s,;]+"_s);
    QStringList types;
    for (const QString &part : text.split(separators, Qt::SkipEmptyParts)) {
        const QString type = part.toUpper();
        if (!types.contains(type))
            types << type;
    }
    return types;
}

QString EnterpriseEvents::boxDateTime(const QDateTime &time)
{
    return time.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss"_s) + u"+00:00"_s;
}
