#include "sandbox/skilldelivery.h"

#include "sandbox/contentevents.h"
#include "sandbox/sandboxlogging.h"
#include "sandbox/signedpost.h"
#include "sandbox/skilltokens.h"
#include "sandbox/usersapi.h"
#include "sandbox/webhooksapi.h"
#include "sandbox/world.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QTimer>
#include <QUrl>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

namespace {
constexpr qsizetype kMaxInvocations = 1000;

const QString kPending = u"pending"_s;
const QString kRetrying = u"retrying"_s;
const QString kDelivered = u"delivered"_s;
const QString kFailed = u"failed"_s;

// The event type Box's Skills engine reports for a webhook-style trigger; empty: none.
QString skillEventType(const QString &trigger)
{
    if (trigger == u"FILE.UPLOADED"_s)
        return u"ITEM_UPLOAD"_s;
    if (trigger == u"FILE.COPIED"_s)
        return u"ITEM_COPY"_s;
    if (trigger == u"FILE.MOVED"_s)
        return u"ITEM_MOVE"_s;
    return {};
}

QString extensionOf(const QString &name)
{
    const qsizetype dot = name.lastIndexOf(u'.');
    return dot > 0 ? name.mid(dot + 1).toLower() : QString();
}

qint64 idOf(const QJsonValue &v)
{
    return v.isString() ? v.toString().toLongLong() : v.toInteger();
}
} // namespace

struct SkillInvoker::Invocation
{
    struct Attempt
    {
        QString at;
        int httpStatus = 0;
        QString error;
    };
    struct Change
    {
        QString state;
        QString at;
    };
    QString id;
    QString eventId;
    qint64 skillId = 0;
    qint64 fileId = 0;
    qint64 byUserId = 0;
    QString eventType;
    qint64 createdAt = 0;
    QString state = u"invoked"_s;
    QList<Change> history;
    QList<Attempt> attempts;
    QString delivery = kPending;
    QString reason;
    QJsonValue usage = QJsonValue::Null;
    int transientRetries = 0; // new invocation attempts after transient_failure
    int postRetries = 0;      // retries of the current event's POST
    QByteArray body;          // the current event (holds its tokens: never shown)
    QString address;
    int appIndex = -1;
    // Bumped by each start(): answers and retry timers of an older attempt are ignored.
    int generation = 0;
    QStringList tokens; // every token minted for it (revoked when it is dropped)
};

SkillInvoker::SkillInvoker(World &world, QObject *parent)
    : QObject(parent), m_world(world), m_network(new QNetworkAccessManager(this))
{
    m_network->setProxy(QNetworkProxy::NoProxy);
}

SkillInvoker::~SkillInvoker()
{
    delete m_network;
}

void SkillInvoker::process()
{
    const QList<ContentEvent> &events = m_world.contentEvents();
    for (qsizetype i = firstEventAfter(events, m_lastSequence); i < events.size(); ++i) {
        const ContentEvent &e = events.at(i);
        m_lastSequence = e.sequence;
        const QString eventType = skillEventType(e.trigger);
        if (eventType.isEmpty() || m_world.skills().isEmpty() || m_ignored.contains(e.sequence))
            continue;
        const FileRecord *f = m_world.file(idOf(e.source.value(u"id"_s)));
        if (!f || f->parentId == 0)
            continue;
        const qint64 fileId = f->id;
        const qint64 parentId = f->parentId;
        const QString extension = extensionOf(f->name);
        const QList<SkillRecord> skills = m_world.skills();
        for (const SkillRecord &s : skills) {
            if (!s.enabled || !s.folderIds.contains(parentId))
                continue;
            if (!s.fileExtensions.isEmpty() && !s.fileExtensions.contains(extension))
                continue;
            invoke(s, fileId, e.createdBy, eventType);
        }
    }
    m_ignored.clear();
}

void SkillInvoker::ignoreEventsAfter(qint64 afterSequence)
{
    const QList<ContentEvent> &events = m_world.contentEvents();
    for (qsizetype i = events.size() - 1; i >= 0 && events.at(i).sequence > afterSequence; --i)
        m_ignored.append(events.at(i).sequence);
}

QJsonObject SkillInvoker::invoke(const SkillRecord &skill, qint64 fileId, qint64 byUserId,
                                 const QString &eventType)
{
    auto inv = std::make_shared<Invocation>();
    inv->eventId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    inv->id = inv->eventId + u'_' + m_world.randomDigits(9);
    inv->skillId = skill.id;
    inv->fileId = fileId;
    inv->byUserId = byUserId;
    inv->eventType = eventType;
    inv->createdAt = m_world.now();
    inv->history.append({u"invoked"_s, boxDate(inv->createdAt)});
    m_invocations.append(inv);
    while (m_invocations.size() > kMaxInvocations)
        drop(m_invocations.takeFirst());
    qCInfo(lcSandbox) << "skill" << skill.id << "invoked for file" << fileId;
    start(inv);
    return recordJson(*inv);
}

void SkillInvoker::start(const std::shared_ptr<Invocation> &inv)
{
    inv->generation += 1;
    inv->postRetries = 0;
    inv->delivery = kPending;
    inv->reason.clear();
    const SkillRecord *skill = m_world.skill(inv->skillId);
    const FileRecord *file = m_world.file(inv->fileId);
    const int appIndex = skill ? m_world.appByClientId(skill->clientId) : -1;
    if (!skill || !file || appIndex < 0) {
        inv->delivery = kFailed;
        inv->reason = !skill  ? u"the skill was deleted"_s
                      : !file ? u"the file was deleted"_s
                              : u"the skill's client_id names no sandbox app"_s;
        return;
    }
    inv->appIndex = appIndex;
    inv->address = skill->invocationUrl;
    const int ttl = m_settings.tokenTtlSeconds;
    const SkillTokens tokens = mintSkillTokens(m_world, appIndex, inv->fileId, inv->id, ttl);
    inv->tokens << tokens.read.accessToken << tokens.write.accessToken;
    const auto tokenJson = [ttl](const SkillToken &t) {
        return QJsonObject{{u"access_token"_s, t.accessToken},
                           {u"expires_in"_s, ttl},
                           {u"restricted_to"_s, t.restrictedTo},
                           {u"token_type"_s, u"bearer"_s}};
    };
    const QString created = boxDate(m_world.now());
    // The file as Box's Skills payload shows it (Box's docs' example).
    QJsonObject source{
        {u"type"_s, u"file"_s},
        {u"id"_s, QString::number(file->id)},
        {u"name"_s, file->name},
        {u"sequence_id"_s, QString::number(file->sequence)},
        {u"file_version"_s, QJsonObject{{u"id"_s, QString::number(file->versionId)}}},
        {u"owner_enterprise_id"_s, m_world.enterpriseId()},
        {u"parent"_s, QJsonObject{{u"id"_s, QString::number(file->parentId)}}},
        {u"old_parent_id"_s, QString::number(file->parentId)},
        {u"collab_accessible_by"_s,
         QJsonObject{
             {u"type"_s, u""_s}, {u"id"_s, u""_s}, {u"name"_s, u""_s}, {u"login"_s, u""_s}}}};
    QJsonObject eventSource = source;
    source.insert(u"size"_s, file->size);
    const QJsonObject payload{
        {u"type"_s, u"skill_invocation"_s},
        {u"skill"_s, QJsonObject{{u"id"_s, QString::number(skill->id)},
                                 {u"type"_s, u"skill"_s},
                                 {u"name"_s, skill->name},
                                 {u"api_key"_s, skill->clientId}}},
        {u"token"_s,
         QJsonObject{{u"write"_s, tokenJson(tokens.write)}, {u"read"_s, tokenJson(tokens.read)}}},
        {u"status"_s, QJsonObject{{u"state"_s, u"invoked"_s},
                                  {u"message"_s, u""_s},
                                  {u"error_code"_s, u""_s},
                                  {u"additional_info"_s, u""_s}}},
        {u"id"_s, inv->id},
        {u"created_at"_s, created},
        {u"trigger"_s, u"FILE_CONTENT"_s},
        {u"enterprise"_s, QJsonObject{{u"type"_s, u"enterprise"_s},
                                      {u"id"_s, m_world.enterpriseId()},
                                      {u"name"_s, m_world.enterpriseName()}}},
        {u"source"_s, source},
        {u"event"_s, QJsonObject{{u"type"_s, u"event"_s},
                                 {u"event_id"_s, inv->eventId},
                                 {u"event_type"_s, inv->eventType},
                                 {u"created_at"_s, boxDate(inv->createdAt)},
                                 {u"created_by"_s, userMiniOrId(m_world, inv->byUserId)},
                                 {u"source"_s, eventSource}}},
        {u"parameters"_s, QJsonObject{}}};
    inv->body = QJsonDocument(payload).toJson(QJsonDocument::Compact);
    if (!isLoopbackHost(QUrl(inv->address).host())) {
        inv->delivery = kFailed;
        inv->reason = u"the sandbox calls only loopback addresses; Box would call this address"_s;
        qCInfo(lcSandbox) << "skill" << inv->skillId << "event not sent: not a loopback address";
        return;
    }
    attempt(inv);
}

void SkillInvoker::attempt(const std::shared_ptr<Invocation> &inv)
{
    Invocation::Attempt a;
    a.at = boxDate(m_world.now());
    inv->attempts.append(a);
    SignedPost post;
    post.url = QUrl(inv->address);
    post.body = inv->body;
    post.deliveryId = QUuid::createUuid().toString(QUuid::WithoutBraces).toUtf8();
    post.timestamp = a.at.toUtf8();
    post.userAgent = u"Box-Skills-Client/0.1"_s;
    post.timeoutMs = m_settings.requestTimeoutMs;
    useAppKeys(&post, m_world, inv->appIndex);
    const int generation = inv->generation;
    sendSignedPost(m_network, this, post,
                   [this, inv, generation](int status, const QString &error) {
                       if (generation == inv->generation)
                           finished(inv, status, error);
                   });
}

void SkillInvoker::finished(const std::shared_ptr<Invocation> &inv, int httpStatus,
                            const QString &error)
{
    Invocation::Attempt &a = inv->attempts.last();
    a.httpStatus = httpStatus;
    a.error = error;
    if (httpStatus >= 200 && httpStatus < 300) {
        inv->delivery = kDelivered;
        return;
    }
    if (inv->postRetries >= m_settings.retryDelaysMs.size()) {
        inv->delivery = kFailed;
        inv->reason = u"no 2xx answer after %1 attempts"_s.arg(inv->postRetries + 1);
        qCInfo(lcSandbox) << "skill" << inv->skillId << "event failed after" << inv->postRetries + 1
                          << "attempts";
        return;
    }
    const int wait = m_settings.retryDelaysMs.at(inv->postRetries);
    inv->postRetries += 1;
    inv->delivery = kRetrying;
    const int generation = inv->generation;
    QTimer::singleShot(wait, this, [this, inv, generation] {
        if (generation == inv->generation && m_invocations.contains(inv))
            attempt(inv);
    });
}

void SkillInvoker::setState(Invocation &inv, const QString &state)
{
    inv.state = state;
    inv.history.append({state, boxDate(m_world.now())});
}

void SkillInvoker::reportStatus(const QString &invocationId, const QString &state,
                                const QJsonValue &usage)
{
    const std::shared_ptr<Invocation> inv = find(invocationId);
    if (!inv)
        return;
    setState(*inv, state);
    if (!usage.isUndefined())
        inv->usage = usage;
    if (state != u"transient_failure"_s)
        return;
    if (inv->transientRetries >= m_settings.maxTransientRetries) {
        qCInfo(lcSandbox) << "skill" << inv->skillId << "invocation gave up after"
                          << inv->transientRetries << "new attempts";
        return;
    }
    const QList<int> &delays = m_settings.retryDelaysMs;
    const int wait =
        delays.isEmpty() ? 0 : delays.at(qMin(inv->transientRetries, int(delays.size()) - 1));
    inv->transientRetries += 1;
    QTimer::singleShot(wait, this, [this, inv] {
        if (!m_invocations.contains(inv) || inv->state != u"transient_failure"_s)
            return;
        setState(*inv, u"invoked"_s);
        start(inv);
    });
}

bool SkillInvoker::invocationTarget(const QString &invocationId, qint64 *skillId,
                                    qint64 *fileId) const
{
    const std::shared_ptr<Invocation> inv = find(invocationId);
    if (!inv)
        return false;
    *skillId = inv->skillId;
    *fileId = inv->fileId;
    return true;
}

std::shared_ptr<SkillInvoker::Invocation> SkillInvoker::find(const QString &id) const
{
    for (const auto &inv : m_invocations) {
        if (inv->id == id)
            return inv;
    }
    return nullptr;
}

QJsonObject SkillInvoker::recordJson(const Invocation &inv) const
{
    QJsonArray history, attempts;
    for (const Invocation::Change &c : inv.history)
        history.append(QJsonObject{{u"state"_s, c.state}, {u"at"_s, c.at}});
    for (const Invocation::Attempt &a : inv.attempts) {
        attempts.append(QJsonObject{
            {u"at"_s, a.at},
            {u"http_status"_s, a.httpStatus ? QJsonValue(a.httpStatus) : QJsonValue::Null},
            {u"error"_s, a.error.isEmpty() ? QJsonValue::Null : QJsonValue(a.error)}});
    }
    return QJsonObject{
        {u"id"_s, inv.id},
        {u"skill_id"_s, QString::number(inv.skillId)},
        {u"file_id"_s, QString::number(inv.fileId)},
        {u"event_type"_s, inv.eventType},
        {u"created_at"_s, boxDate(inv.createdAt)},
        {u"status"_s, QJsonObject{{u"state"_s, inv.state},
                                  {u"message"_s, u""_s},
                                  {u"error_code"_s, u""_s},
                                  {u"additional_info"_s, u""_s}}},
        {u"history"_s, history},
        {u"attempts"_s, attempts},
        {u"delivery"_s, inv.delivery},
        {u"reason"_s, inv.reason.isEmpty() ? QJsonValue::Null : QJsonValue(inv.reason)},
        {u"transient_retries"_s, inv.transientRetries},
        {u"usage"_s, inv.usage}};
}

QJsonObject SkillInvoker::invocationsJson(qint64 skillId) const
{
    QJsonArray entries;
    for (const auto &inv : m_invocations) {
        if (inv->skillId == skillId)
            entries.append(recordJson(*inv));
    }
    return QJsonObject{{u"entries"_s, entries}};
}

void SkillInvoker::forgetSkill(qint64 skillId)
{
    for (qsizetype i = m_invocations.size() - 1; i >= 0; --i) {
        if (m_invocations.at(i)->skillId == skillId)
            drop(m_invocations.takeAt(i));
    }
}

void SkillInvoker::drop(const std::shared_ptr<Invocation> &inv)
{
    inv->generation += 1; // its POST answer and retry timers now change nothing
    for (const QString &token : std::as_const(inv->tokens))
        m_world.revokeToken(token);
    inv->tokens.clear();
}

} // namespace boxsandbox
