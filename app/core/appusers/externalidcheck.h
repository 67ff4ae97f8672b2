#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

class ApiReply;
class BoxClient;
class QTimer;

// Looks up who already uses an external app user ID (GET /users?external_app_user_id=…), so a
// form can warn before a second user gets the same one. Box does not refuse a duplicate: this
// is a warning, never a block. check() waits DebounceMs for more typing, checkNow() asks at
// once; only the answer for the latest value is reported (older replies are aborted), and the
// user being edited is left out of the answer.
class ExternalIdCheck : public QObject
{
    Q_OBJECT
public:
    struct User
    {
        QString id;
        QString name;
    };
    static constexpr int DebounceMs = 400;

    explicit ExternalIdCheck(BoxClient *client, QObject *parent = nullptr);

    // The user whose own external ID is not a clash (edit); empty when creating.
    void setExcludedUserId(const QString &userId) { m_excluded = userId; }
    void check(const QString &externalId);
    void checkNow(const QString &externalId);
    void cancel();
    bool isPending() const;
    QString checkedId() const { return m_checked; }
    QList<User> usersWithId() const { return m_users; }

    // "External ID ext-42 is already used by Jane Doe (ID 123)." (empty when nobody else has it)
    static QString warningText(const QString &externalId, const QList<User> &users);

Q_SIGNALS:
    // The lookup for externalId finished: the other users that have it (empty: it is free, or
    // Box could not be asked; a failed lookup warns about nothing).
    void checked(const QString &externalId, const QList<ExternalIdCheck::User> &users);

private:
    void start();

    QPointer<BoxClient> m_client;
    QString m_excluded;
    QString m_wanted;  // the value to look up next
    QString m_checked; // the value the last answer is about
    QList<User> m_users;
    QPointer<ApiReply> m_reply;
    QTimer *m_timer;
};
