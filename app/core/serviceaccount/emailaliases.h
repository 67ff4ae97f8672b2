#pragma once

#include "core/api/boxerror.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

class ApiReply;
class BoxClient;

// One of a user's email aliases, as Box lists it (GET /users/{id}/email_aliases).
struct EmailAlias
{
    QString id;
    QString email;
    bool confirmed = false;
};

// A user's email aliases, listed, added and removed through a BoxClient (the profile
// session's): GET and POST /2.0/users/{id}/email_aliases, DELETE
// /2.0/users/{id}/email_aliases/{email_alias_id}. Box's Service Account guide suggests an
// alias because the AutomationUser_…@boxdevedition.com login is hard to remember when
// inviting the Service Account to folders.
//
// One request at a time. Every failure comes with a message in plain words (errorText()):
// an address Box refuses (outside the enterprise's confirmed domains, already in use, not an
// address), or the client's guidance for anything else (scopes, authorization, network).
class EmailAliases : public QObject
{
    Q_OBJECT
public:
    enum class Operation
    {
        None,
        List,
        Add,
        Remove,
    };
    Q_ENUM(Operation)

    explicit EmailAliases(QObject *parent = nullptr);
    ~EmailAliases() override;

    // The client (not owned) and whose aliases; forgets the list and drops a request in
    // flight. Null client or empty user: nothing can be done.
    void setUser(BoxClient *client, const QString &userId);
    QString userId() const { return m_userId; }
    bool hasUser() const;

    // Each returns false (and sends nothing) while another request runs or without a user;
    // add() also for an address that cannot be one (errorText() says why).
    bool load();
    bool add(const QString &email);
    bool remove(const QString &aliasId);

    QList<EmailAlias> aliases() const { return m_aliases; }
    bool isBusy() const;
    Operation busyWith() const { return m_busyWith; }
    // The last failure: what Box (or the address) said, in plain words; empty after a success.
    QString errorText() const { return m_errorText; }
    BoxError lastError() const { return m_lastError; }

    // Why an address cannot be an alias before Box is asked (empty, no "@", spaces...);
    // empty when it looks like an email address.
    static QString addressProblem(const QString &email);
    // A failed POST, in plain words: Box's reasons for refusing an address, else guidance.
    static QString describeAddFailure(const BoxError &error, const QString &email,
                                      BoxClient *client);

Q_SIGNALS:
    void busyChanged(bool busy);
    void aliasesChanged();
    // The request `operation` failed: errorText() has the words.
    void failed(EmailAliases::Operation operation, const QString &message);
    void added(const EmailAlias &alias);
    void removed(const QString &aliasId);

private:
    QString basePath() const;
    void start(Operation operation, ApiReply *reply);
    void finish();
    void fail(Operation operation, const QString &message, const BoxError &error);
    static EmailAlias aliasFrom(const QJsonObject &json);

    QPointer<BoxClient> m_client;
    QString m_userId;
    QList<EmailAlias> m_aliases;
    QPointer<ApiReply> m_reply;
    Operation m_busyWith = Operation::None;
    QString m_errorText;
    BoxError m_lastError;
};
Q_DECLARE_METATYPE(EmailAlias)
