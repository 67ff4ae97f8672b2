#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QNetworkAccessManager;

namespace boxsandbox {

class World;
struct SkillRecord;

// How the sandbox plays Box's Skills engine. Box does not publish its retry schedule for
// Skill events: the sandbox retries an event that got no 2xx answer after each of
// retryDelaysMs in turn, and invokes the Skill again (fresh tokens) after it reports
// transient_failure, at most maxTransientRetries times. Tests shorten these through
// /_sandbox/skills/settings.
struct SkillSettings
{
    int tokenTtlSeconds = 3600;
    QList<int> retryDelaysMs = {5000, 30000, 120000};
    int requestTimeoutMs = 30 * 1000;
    int maxTransientRetries = 3;
};

// Box Skill invocations (issue 18): an upload, copy or move of a file into a folder a Skill is
// enabled on (directly in it, the extension filter matching), or a control-surface request,
// makes an invocation; its event (Box's payload, with two fresh restricted tokens) is POSTed
// to the Skill's invocation URL, signed with the Skill app's webhook keys, without blocking the
// server. Only loopback URLs are called (like webhook deliveries). Invocations are kept in
// memory: a restarted sandbox starts with none.
class SkillInvoker : public QObject
{
    Q_OBJECT
public:
    explicit SkillInvoker(World &world, QObject *parent = nullptr);
    ~SkillInvoker() override;

    // Invokes the Skills for the content events reported since the last call.
    void process();
    // The content events after `afterSequence` came from a Skill's own token (a new version
    // it uploaded): they invoke no Skill, so a Skill cannot set off an endless chain.
    void ignoreEventsAfter(qint64 afterSequence);

    // Starts an invocation of the skill for the file (which must exist), as Box does after an
    // event of this type (ITEM_UPLOAD, ITEM_MOVE, ITEM_COPY) by this user. Answers its record.
    QJsonObject invoke(const SkillRecord &skill, qint64 fileId, qint64 byUserId,
                       const QString &eventType);

    // The Skill's PUT /skill_invocations/{skill_id}: the invocation's new state (and usage).
    // A transient_failure makes a new invocation attempt later (up to the limit).
    void reportStatus(const QString &invocationId, const QString &state, const QJsonValue &usage);
    // The invocation's skill and file (false when unknown).
    bool invocationTarget(const QString &invocationId, qint64 *skillId, qint64 *fileId) const;

    // {"entries":[invocation records]} of the skill, oldest first. Never holds a token.
    QJsonObject invocationsJson(qint64 skillId) const;
    // Drops the skill's invocations and revokes their tokens (the skill was deleted).
    void forgetSkill(qint64 skillId);

    const SkillSettings &settings() const { return m_settings; }
    void setSettings(const SkillSettings &settings) { m_settings = settings; }

private:
    struct Invocation;
    void start(const std::shared_ptr<Invocation> &inv); // new tokens and payload, then POST
    void attempt(const std::shared_ptr<Invocation> &inv);
    void finished(const std::shared_ptr<Invocation> &inv, int httpStatus, const QString &error);
    void setState(Invocation &inv, const QString &state);
    // Revokes the tokens of an invocation no longer kept and stops its deliveries.
    void drop(const std::shared_ptr<Invocation> &inv);
    QJsonObject recordJson(const Invocation &inv) const;
    std::shared_ptr<Invocation> find(const QString &id) const;

    World &m_world;
    SkillSettings m_settings;
    QNetworkAccessManager *m_network = nullptr;
    qint64 m_lastSequence = 0;
    QList<qint64> m_ignored; // sequences of events a Skill's token caused
    QList<std::shared_ptr<Invocation>> m_invocations;
};

} // namespace boxsandbox
