#pragma once

#include "core/api/boxerror.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

class QTimer;

class BoxClient;

// What happened to one user of a multi-delete.
struct AppUserDeleteResult
{
    enum class Outcome
    {
        Pending,
        Deleted,
        Failed,
        Cancelled // not attempted: the run was cancelled first
    };
    QString userId;
    QString name;
    Outcome outcome = Outcome::Pending;
    QString message; // why it failed
    BoxError error;
};

// Deletes users (DELETE /users/{id}, optionally with force=true to delete their files too),
// a few at a time, and keeps a result per user. Cancel stops starting new deletes; those in
// flight finish and are reported. Deleted users are also reported in batches
// (usersDeleted(), at most every BatchIntervalMs and once more before finished()), so a view
// of many thousand users is updated in a few passes rather than once per user. retry() runs
// some rows again, e.g. with force after Box refused because they own content.
class AppUserDeleter : public QObject
{
    Q_OBJECT
public:
    explicit AppUserDeleter(BoxClient *client, QObject *parent = nullptr);

    // (id, name) pairs.
    void start(const QList<QPair<QString, QString>> &users, bool force);
    // Deletes the users of these rows of results() again (e.g. with force after Box refused
    // because they own content); the other rows keep their results. progress() counts these.
    void retry(const QList<int> &rows, bool force);
    void cancel();
    void setConcurrency(int n) { m_concurrency = qBound(1, n, 8); }
    bool isRunning() const { return m_running; }
    QList<AppUserDeleteResult> results() const { return m_results; }
    int doneCount() const { return m_done; }
    int failedCount() const;
    static constexpr int BatchIntervalMs = 250;

Q_SIGNALS:
    void progress(int done, int total);
    void userDeleted(const QString &userId);
    void usersDeleted(const QStringList &userIds);
    void rowFinished(int index);
    void finished();

private:
    void run(bool force);
    void startNext();
    void maybeFinish();
    void flushDeleted();

    QPointer<BoxClient> m_client;
    QList<AppUserDeleteResult> m_results;
    bool m_force = false;
    bool m_running = false;
    bool m_cancelled = false;
    QList<int> m_queue; // rows of m_results this run deletes, in order
    int m_next = 0;     // into m_queue
    int m_inFlight = 0;
    int m_done = 0;
    int m_concurrency = 4;
    QStringList m_deletedBatch; // deleted, not yet reported by usersDeleted()
    QTimer *m_batchTimer;
};
