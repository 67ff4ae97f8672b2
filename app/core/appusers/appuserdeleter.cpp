#include "core/appusers/appuserdeleter.h"

#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/appusers/appusererrors.h"
#include "core/appusers/appuserslogging.h"

#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <utility>

using namespace Qt::Literals::StringLiterals;

AppUserDeleter::AppUserDeleter(BoxClient *client, QObject *parent)
    : QObject(parent), m_client(client), m_batchTimer(new QTimer(this))
{
    m_batchTimer->setSingleShot(true);
    m_batchTimer->setInterval(BatchIntervalMs);
    connect(m_batchTimer, &QTimer::timeout, this, &AppUserDeleter::flushDeleted);
}

void AppUserDeleter::flushDeleted()
{
    m_batchTimer->stop();
    if (m_deletedBatch.isEmpty())
        return;
    const QStringList ids = std::exchange(m_deletedBatch, {});
    Q_EMIT usersDeleted(ids);
}

void AppUserDeleter::start(const QList<QPair<QString, QString>> &users, bool force)
{
    if (m_running)
        return;
    m_results.clear();
    for (const auto &[id, name] : users) {
        AppUserDeleteResult r;
        r.userId = id;
        r.name = name;
        m_results.append(r);
    }
    m_queue.clear();
    for (int i = 0; i < m_results.size(); ++i)
        m_queue.append(i);
    run(force);
}

void AppUserDeleter::retry(const QList<int> &rows, bool force)
{
    if (m_running)
        return;
    m_queue.clear();
    for (int row : rows) {
        if (row < 0 || row >= m_results.size() || m_queue.contains(row))
            continue;
        AppUserDeleteResult &r = m_results[row];
        r.outcome = AppUserDeleteResult::Outcome::Pending;
        r.message.clear();
        r.error = {};
        m_queue.append(row);
    }
    run(force);
}

void AppUserDeleter::run(bool force)
{
    m_force = force;
    m_running = true;
    m_cancelled = false;
    m_next = 0;
    m_inFlight = 0;
    m_done = 0;
    Q_EMIT progress(0, int(m_queue.size()));
    startNext();
    maybeFinish();
}

int AppUserDeleter::failedCount() const
{
    return int(std::count_if(m_results.cbegin(), m_results.cend(), [](const auto &r) {
        return r.outcome == AppUserDeleteResult::Outcome::Failed;
    }));
}

void AppUserDeleter::cancel()
{
    if (!m_running)
        return;
    m_cancelled = true;
    for (int i = m_next; i < m_queue.size(); ++i) {
        m_results[m_queue[i]].outcome = AppUserDeleteResult::Outcome::Cancelled;
        Q_EMIT rowFinished(m_queue[i]);
    }
    m_next = int(m_queue.size());
    maybeFinish();
}

void AppUserDeleter::startNext()
{
    while (m_running && !m_cancelled && m_client && m_inFlight < m_concurrency &&
           m_next < m_queue.size()) {
        const int index = m_queue[m_next++];
        QUrlQuery query;
        if (m_force)
            query.addQueryItem(u"force"_s, u"true"_s);
        ApiRequest request;
        request.method = "DELETE";
        request.url = m_client->apiUrl(
            u"/users/"_s + QString::fromUtf8(QUrl::toPercentEncoding(m_results[index].userId)),
            query);
        ++m_inFlight;
        ApiReply *reply = m_client->send(request);
        reply->onFinished(this, [this, index](const ApiResult &result) {
            --m_inFlight;
            ++m_done;
            AppUserDeleteResult &r = m_results[index];
            if (result.ok()) {
                r.outcome = AppUserDeleteResult::Outcome::Deleted;
                Q_EMIT userDeleted(r.userId);
                m_deletedBatch.append(r.userId);
                if (!m_batchTimer->isActive())
                    m_batchTimer->start();
            } else {
                r.outcome = AppUserDeleteResult::Outcome::Failed;
                r.error = result.error;
                r.message = AppUserErrors::describe(result.error, guidanceContextOf(m_client));
                qCInfo(lcAppUsers) << "delete" << r.userId << "failed:" << result.error.summary();
            }
            Q_EMIT rowFinished(index);
            Q_EMIT progress(m_done, int(m_queue.size()));
            startNext();
            maybeFinish();
        });
    }
}

void AppUserDeleter::maybeFinish()
{
    if (!m_running || m_inFlight > 0 || (m_next < m_queue.size() && !m_cancelled && m_client))
        return;
    m_running = false;
    flushDeleted();
    Q_EMIT finished();
}
