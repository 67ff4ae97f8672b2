#include "core/serviceaccount/emailaliases.h"

#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/api/errorguidance.h"
#include "core/appusers/appusererrors.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcEmailAliases, "box.serviceaccount.aliases", QtInfoMsg)

EmailAliases::EmailAliases(QObject *parent) : QObject(parent) {}

EmailAliases::~EmailAliases()
{
    if (m_reply)
        m_reply->abort();
}

void EmailAliases::setUser(BoxClient *client, const QString &userId)
{
    if (m_reply) {
        ApiReply *reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
    }
    const bool wasBusy = m_busyWith != Operation::None;
    m_busyWith = Operation::None;
    m_client = client;
    m_userId = userId;
    m_errorText.clear();
    m_lastError = {};
    m_aliases.clear();
    if (wasBusy)
        Q_EMIT busyChanged(false);
    Q_EMIT aliasesChanged();
}

bool EmailAliases::hasUser() const
{
    return m_client && !m_userId.isEmpty();
}

bool EmailAliases::isBusy() const
{
    return m_reply != nullptr;
}

QString EmailAliases::basePath() const
{
    return u"/users/"_s + QString::fromLatin1(QUrl::toPercentEncoding(m_userId)) +
           u"/email_aliases"_s;
}

QString EmailAliases::addressProblem(const QString &email)
{
    const QString address = email.trimmed();
    if (address.isEmpty())
        return tr("Enter the email address to add as an alias.");
    // What any email address has: one "@", something before it, a dotted domain after it,
    // no spaces. Box decides the rest (its confirmed domains, addresses in use).
    static const QRegularExpression form(u"^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$"_s);
    if (!form.match(address).hasMatch())
        return tr("“%1” is not an email address (name@example.com).").arg(address);
    return {};
}

EmailAlias EmailAliases::aliasFrom(const QJsonObject &json)
{
    EmailAlias alias;
    const QJsonValue id = json.value(u"id"_s);
    alias.id = id.isString() ? id.toString() : QString::number(id.toInteger());
    alias.email = json.value(u"email"_s).toString();
    alias.confirmed = json.value(u"is_confirmed"_s).toBool();
    return alias;
}

void EmailAliases::start(Operation operation, ApiReply *reply)
{
    m_reply = reply;
    m_busyWith = operation;
    m_errorText.clear();
    m_lastError = {};
    Q_EMIT busyChanged(true);
}

void EmailAliases::finish()
{
    m_reply = nullptr;
    m_busyWith = Operation::None;
    Q_EMIT busyChanged(false);
}

void EmailAliases::fail(Operation operation, const QString &message, const BoxError &error)
{
    m_errorText = message;
    m_lastError = error;
    qCInfo(lcEmailAliases) << operation << "failed:" << error.summary();
    Q_EMIT failed(operation, message);
}

bool EmailAliases::load()
{
    if (!hasUser() || isBusy())
        return false;
    ApiReply *reply = m_client->get(basePath());
    start(Operation::List, reply);
    reply->onFinished(this, [this, reply](const ApiResult &result) {
        if (reply != m_reply)
            return;
        finish();
        if (!result.ok()) {
            fail(Operation::List,
                 tr("Box did not list the email aliases: %1")
                     .arg(AppUserErrors::describe(result.error, guidanceContextOf(m_client))),
                 result.error);
            return;
        }
        m_aliases.clear();
        const QJsonArray entries = result.json().value(u"entries"_s).toArray();
        for (const QJsonValue &v : entries)
            m_aliases.append(aliasFrom(v.toObject()));
        Q_EMIT aliasesChanged();
    });
    return true;
}

QString EmailAliases::describeAddFailure(const BoxError &error, const QString &email,
                                         BoxClient *client)
{
    // Box answers a refused address with 400 and names the field; its reference states only
    // that the alias's domain must be registered to the enterprise, not the exact words, so
    // the plain words say every reason Box has for refusing an address, with Box's own.
    if (error.kind == BoxError::Kind::Http && error.httpStatus == 400) {
        const QHash<QString, QString> fields = AppUserErrors::fieldErrors(error);
        const QString boxWords = fields.value(u"email"_s, error.message);
        QString why;
        if (boxWords.contains(u"domain"_s, Qt::CaseInsensitive)) {
            why = tr("“%1” is not at one of the enterprise's confirmed domains. An alias must "
                     "use a domain an admin has verified for the enterprise (Admin Console > "
                     "Enterprise Settings).")
                      .arg(email);
        } else if (boxWords.contains(u"already"_s, Qt::CaseInsensitive)) {
            why = tr("“%1” is already in use: it is a user's login or someone's email alias.")
                      .arg(email);
        } else {
            why = tr("Box refused “%1” as an email alias. An alias must be a valid address at "
                     "one of the enterprise's confirmed domains, not in use as a login or "
                     "another alias.")
                      .arg(email);
        }
        if (!boxWords.isEmpty())
            why += u' ' + tr("Box says: %1").arg(boxWords);
        return why;
    }
    const Guidance g = guidanceFor(error, guidanceContextOf(client));
    if (g.isEmpty())
        return tr("Box did not add the alias: %1").arg(error.summary());
    QString text = tr("Box did not add the alias: %1.").arg(g.title);
    if (!g.explanation.isEmpty())
        text += u' ' + g.explanation;
    if (!g.fix.isEmpty())
        text += u' ' + g.fix;
    return text;
}

bool EmailAliases::add(const QString &email)
{
    if (!hasUser() || isBusy())
        return false;
    const QString address = email.trimmed();
    if (const QString problem = addressProblem(address); !problem.isEmpty()) {
        fail(Operation::Add, problem, BoxError::local(BoxError::Kind::Refused, problem));
        return false;
    }
    ApiReply *reply = m_client->post(basePath(), QJsonObject{{u"email"_s, address}});
    start(Operation::Add, reply);
    reply->onFinished(this, [this, reply, address](const ApiResult &result) {
        if (reply != m_reply)
            return;
        finish();
        if (!result.ok()) {
            fail(Operation::Add, describeAddFailure(result.error, address, m_client), result.error);
            return;
        }
        const EmailAlias alias = aliasFrom(result.json());
        m_aliases.append(alias);
        Q_EMIT aliasesChanged();
        Q_EMIT added(alias);
    });
    return true;
}

bool EmailAliases::remove(const QString &aliasId)
{
    if (!hasUser() || isBusy() || aliasId.isEmpty())
        return false;
    ApiReply *reply = m_client->deleteResource(
        basePath() + u'/' + QString::fromLatin1(QUrl::toPercentEncoding(aliasId)));
    start(Operation::Remove, reply);
    reply->onFinished(this, [this, reply, aliasId](const ApiResult &result) {
        if (reply != m_reply)
            return;
        finish();
        if (!result.ok()) {
            fail(Operation::Remove,
                 tr("Box did not remove the alias: %1")
                     .arg(AppUserErrors::describe(result.error, guidanceContextOf(m_client))),
                 result.error);
            return;
        }
        m_aliases.removeIf([&aliasId](const EmailAlias &a) { return a.id == aliasId; });
        Q_EMIT aliasesChanged();
        Q_EMIT removed(aliasId);
    });
    return true;
}
