#pragma once

#include "core/api/apirequest.h"
#include "core/appprofile.h"
#include "core/skills/skillcard.h"
#include "core/skills/skillpayload.h"
#include "core/skills/skilltokenclient.h"

#include <QCoreApplication>
#include <QList>
#include <QObject>
#include <QPointer>

#include "core/api/apireply.h"
#include <QString>

class BoxClient;
class QNetworkAccessManager;
class RequestLog;

// One try of a Skills event's token, within its limits or beyond them, with what Box should do.
struct SkillTokenTrial
{
    Q_DECLARE_TR_FUNCTIONS(SkillTokenTrial)
public:
    enum class Id
    {
        // Within limits (Box should allow)
        ReadTokenReadsContent,      // GET /files/{source}/content with the read token
        WriteTokenPutsInvocation,   // PUT /skill_invocations/{skill} with the cards
        WriteTokenWritesMetadata,   // POST (409: PUT replace) .../metadata/global/boxSkillsCards
                                    // Beyond limits (Box should refuse)
        ReadTokenWritesCards,       // POST .../metadata/global/boxSkillsCards with the read token
        ReadTokenReadsOtherFile,    // GET /files/{other} with the read token (needs otherFileId)
        ReadTokenListsParentFolder, // GET /folders/{parent}/items with the read token
        WriteTokenDownloadsContent, // GET /files/{source}/content with the write token
    };
    enum class Expected
    {
        Allowed,
        Refused,
    };

    Id id;
    SkillTokenRole role;
    Expected expected;
    bool withinLimits() const { return expected == Expected::Allowed; }
    QString title() const;       // "Read the file's content with the read token"
    QString explanation() const; // why Box allows or refuses it, one plain sentence

    static QList<SkillTokenTrial> all(); // in the order above
    static SkillTokenTrial of(Id id);
    // Stable key for objectNames / logs: "read_content", "write_invocation", ...
    static QString key(Id id);
};

// What came of one try.
struct SkillTrialOutcome
{
    Q_DECLARE_TR_FUNCTIONS(SkillTrialOutcome)
public:
    enum class Verdict
    {
        AllowedAsExpected,
        RefusedAsExpected,
        Unexpected, // allowed when Box should refuse, or refused when it should allow
        NotSent,    // refused locally (token expired) or missing input (no other file ID)
    };
    Verdict verdict = Verdict::NotSent;
    int httpStatus = 0; // 0 when nothing was sent / no answer
    QString boxCode;    // Box's error code ("insufficient_scope", "not_found"), if any
    QString summary;    // "allowed as expected", "refused as expected: Box answered 403
                        // insufficient_scope", "unexpected: Box allowed it (200)" ...
    QString detail;     // e.g. "read 150031 bytes, SHA-1 ab12..."; Box's message; never a token

    bool asExpected() const
    {
        return verdict == Verdict::AllowedAsExpected || verdict == Verdict::RefusedAsExpected;
    }
};

namespace SkillTokenTrials {
// Classifies `result` against the trial's expectation. A 401/403/404 (or a local refusal of
// kind Refused) counts as a refusal; 2xx as allowed; anything else (5xx, transport) is
// unexpected; a local Expired refusal is NotSent.
SkillTrialOutcome classify(const SkillTokenTrial &trial, const ApiResult &result);
QString verdictName(SkillTrialOutcome::Verdict verdict); // translated short label
} // namespace SkillTokenTrials

// Runs trials with a payload's tokens against `profile`'s base URLs through SkillRequests,
// one at a time, logging every request into `log` (tokens redacted).
class SkillTokenTrialRunner : public QObject
{
    Q_OBJECT
public:
    SkillTokenTrialRunner(const AppProfile &profile, const SkillPayload &payload,
                          QNetworkAccessManager *nam = nullptr, RequestLog *log = nullptr,
                          QObject *parent = nullptr);
    ~SkillTokenTrialRunner() override;

    // Cards the write tries send (default: one keyword card, kit title code, the payload's
    // skill and invocation IDs).
    void setCards(const QList<SkillCard> &cards) { m_cards = cards; }
    QList<SkillCard> cards() const { return m_cards; }
    // Status the invocation try sends (default "processing").
    void setInvocationStatus(const QString &status) { m_invocationStatus = status; }
    // The file ReadTokenReadsOtherFile tries (empty: that try is NotSent).
    void setOtherFileId(const QString &fileId) { m_otherFileId = fileId; }

    bool isRunning() const { return m_running; }
    // Starts one try (ignored while one runs); trialFinished follows.
    void run(SkillTokenTrial::Id id);
    // Runs every try in SkillTokenTrial::all() order; allFinished at the end.
    void runAll();
    void cancel();

    static QList<SkillCard> defaultCards(const SkillPayload &payload);

Q_SIGNALS:
    void trialStarted(SkillTokenTrial::Id id);
    void trialFinished(SkillTokenTrial::Id id, const SkillTrialOutcome &outcome);
    void allFinished();

private:
    void startNext();
    void finishTrial(SkillTokenTrial::Id id, const SkillTrialOutcome &outcome);
    BoxClient *clientFor(SkillTokenRole role) const;

    SkillPayload m_payload;
    BoxClient *m_readClient = nullptr; // children
    BoxClient *m_writeClient = nullptr;
    QList<SkillCard> m_cards;
    QString m_invocationStatus = QStringLiteral("processing");
    QString m_otherFileId;
    QList<SkillTokenTrial::Id> m_queue;
    bool m_running = false;
    bool m_all = false; // runAll(): allFinished() at the end
    QPointer<ApiReply> m_reply;
};

Q_DECLARE_METATYPE(SkillTokenTrial::Id)
Q_DECLARE_METATYPE(SkillTrialOutcome)
