#include "core/skills/skilltokentrials.h"

#include "core/api/boxclient.h"
#include "core/skills/skillrequests.h"
#include "core/skills/skillslogging.h"

using namespace Qt::Literals::StringLiterals;

namespace {
using Id = SkillTokenTrial::Id;
using Verdict = SkillTrialOutcome::Verdict;

// Box's code for an HTTP refusal: the ClientError code, else the WWW-Authenticate error.
QString codeOf(const BoxError &error)
{
    return !error.code.isEmpty() ? error.code : error.oauthError;
}

QString answerText(int status, const QString &code)
{
    return code.isEmpty() ? QString::number(status) : u"%1 %2"_s.arg(status).arg(code);
}

// "1 card" / "3 cards".
QString cardCount(qsizetype n)
{
    return n == 1 ? SkillTokenTrialRunner::tr("1 card")
                  : SkillTokenTrialRunner::tr("%1 cards").arg(QString::number(n));
}

SkillTrialOutcome notSent(const QString &why)
{
    SkillTrialOutcome o;
    o.verdict = Verdict::NotSent;
    o.summary = SkillTrialOutcome::tr("not sent: %1").arg(why);
    return o;
}
} // namespace

QList<SkillTokenTrial> SkillTokenTrial::all()
{
    return {
        of(Id::ReadTokenReadsContent),      of(Id::WriteTokenPutsInvocation),
        of(Id::WriteTokenWritesMetadata),   of(Id::ReadTokenWritesCards),
        of(Id::ReadTokenReadsOtherFile),    of(Id::ReadTokenListsParentFolder),
        of(Id::WriteTokenDownloadsContent),
    };
}

SkillTokenTrial SkillTokenTrial::of(Id id)
{
    switch (id) {
    case Id::ReadTokenReadsContent:
        return {id, SkillTokenRole::Read, Expected::Allowed};
    case Id::WriteTokenPutsInvocation:
    case Id::WriteTokenWritesMetadata:
        return {id, SkillTokenRole::Write, Expected::Allowed};
    case Id::ReadTokenWritesCards:
    case Id::ReadTokenReadsOtherFile:
    case Id::ReadTokenListsParentFolder:
        return {id, SkillTokenRole::Read, Expected::Refused};
    case Id::WriteTokenDownloadsContent:
        return {id, SkillTokenRole::Write, Expected::Refused};
    }
    return {id, SkillTokenRole::Read, Expected::Refused};
}

QString SkillTokenTrial::key(Id id)
{
    switch (id) {
    case Id::ReadTokenReadsContent:
        return u"read_content"_s;
    case Id::WriteTokenPutsInvocation:
        return u"write_invocation"_s;
    case Id::WriteTokenWritesMetadata:
        return u"write_metadata"_s;
    case Id::ReadTokenWritesCards:
        return u"read_writes_cards"_s;
    case Id::ReadTokenReadsOtherFile:
        return u"read_other_file"_s;
    case Id::ReadTokenListsParentFolder:
        return u"read_lists_folder"_s;
    case Id::WriteTokenDownloadsContent:
        return u"write_downloads"_s;
    }
    return {};
}

QString SkillTokenTrial::title() const
{
    switch (id) {
    case Id::ReadTokenReadsContent:
        return tr("Read the file's content with the read token");
    case Id::WriteTokenPutsInvocation:
        return tr("Write cards and the invocation status with the write token "
                  "(PUT /skill_invocations)");
    case Id::WriteTokenWritesMetadata:
        return tr("Write cards to the file's boxSkillsCards metadata with the write token");
    case Id::ReadTokenWritesCards:
        return tr("Write cards with the read token");
    case Id::ReadTokenReadsOtherFile:
        return tr("Read another file with the read token");
    case Id::ReadTokenListsParentFolder:
        return tr("List the file's folder with the read token");
    case Id::WriteTokenDownloadsContent:
        return tr("Download the file's content with the write token");
    }
    return {};
}

QString SkillTokenTrial::explanation() const
{
    switch (id) {
    case Id::ReadTokenReadsContent:
        return tr("The read token is limited to reading the file that triggered the Skill.");
    case Id::WriteTokenPutsInvocation:
        return tr("The write token may set this invocation's status and the file's cards.");
    case Id::WriteTokenWritesMetadata:
        return tr("The write token may write the global/boxSkillsCards metadata of this "
                  "file.");
    case Id::ReadTokenWritesCards:
        return tr("The read token can only read: Box refuses writes with it.");
    case Id::ReadTokenReadsOtherFile:
        return tr("The read token covers only the file that triggered the Skill.");
    case Id::ReadTokenListsParentFolder:
        return tr("The read token covers the file, not the folder it is in.");
    case Id::WriteTokenDownloadsContent:
        return tr("The write token can write cards but not read the file's content.");
    }
    return {};
}

SkillTrialOutcome SkillTokenTrials::classify(const SkillTokenTrial &trial, const ApiResult &result)
{
    const bool expectAllowed = trial.expected == SkillTokenTrial::Expected::Allowed;
    const BoxError &error = result.error;
    if (result.status == 0 &&
        (error.kind == BoxError::Kind::Expired || error.kind == BoxError::Kind::Refused ||
         error.kind == BoxError::Kind::Config)) {
        SkillTrialOutcome o = notSent(error.detail);
        o.detail = error.detail;
        return o;
    }
    SkillTrialOutcome o;
    o.httpStatus = result.status;
    o.boxCode = codeOf(error);
    if (result.ok()) {
        if (expectAllowed) {
            o.verdict = Verdict::AllowedAsExpected;
            o.summary =
                SkillTrialOutcome::tr("allowed as expected: Box answered %1").arg(result.status);
        } else {
            o.verdict = Verdict::Unexpected;
            o.summary = SkillTrialOutcome::tr("unexpected: Box allowed it (%1), but a Skill "
                                              "token should not reach this")
                            .arg(result.status);
        }
        return o;
    }
    o.detail = !error.message.isEmpty()            ? error.message
               : !error.oauthDescription.isEmpty() ? error.oauthDescription
                                                   : error.detail;
    // Box's schema errors name the field: {"context_info":{"errors":[{"name","message"}]}}.
    const QJsonObject first = error.contextInfo.value(u"errors"_s).toArray().first().toObject();
    if (!first.value(u"name"_s).toString().isEmpty())
        o.detail += u" ("_s + first.value(u"name"_s).toString() + u": "_s +
                    first.value(u"message"_s).toString() + u")"_s;
    const bool refusal =
        (error.kind == BoxError::Kind::Http || error.kind == BoxError::Kind::OAuth) &&
        (result.status == 401 || result.status == 403 || result.status == 404);
    if (refusal && !expectAllowed) {
        o.verdict = Verdict::RefusedAsExpected;
        o.summary = SkillTrialOutcome::tr("refused as expected: Box answered %1")
                        .arg(answerText(result.status, o.boxCode));
    } else if (refusal) {
        o.verdict = Verdict::Unexpected;
        o.summary = SkillTrialOutcome::tr("unexpected: Box refused it with %1")
                        .arg(answerText(result.status, o.boxCode));
    } else {
        o.verdict = Verdict::Unexpected;
        o.summary = SkillTrialOutcome::tr("unexpected: %1").arg(error.summary());
    }
    return o;
}

QString SkillTokenTrials::verdictName(SkillTrialOutcome::Verdict verdict)
{
    switch (verdict) {
    case Verdict::AllowedAsExpected:
        return SkillTrialOutcome::tr("Allowed as expected");
    case Verdict::RefusedAsExpected:
        return SkillTrialOutcome::tr("Refused as expected");
    case Verdict::Unexpected:
        return SkillTrialOutcome::tr("Unexpected");
    case Verdict::NotSent:
        return SkillTrialOutcome::tr("Not sent");
    }
    return {};
}

SkillTokenTrialRunner::SkillTokenTrialRunner(const AppProfile &profile, const SkillPayload &payload,
                                             QNetworkAccessManager *nam, RequestLog *log,
                                             QObject *parent)
    : QObject(parent), m_payload(payload), m_cards(defaultCards(payload))
{
    m_readClient = SkillTokenClient::create(profile, payload, SkillTokenRole::Read, nam, log, this);
    m_writeClient =
        SkillTokenClient::create(profile, payload, SkillTokenRole::Write, nam, log, this);
}

SkillTokenTrialRunner::~SkillTokenTrialRunner()
{
    if (m_reply)
        m_reply->disconnect(this);
}

QList<SkillCard> SkillTokenTrialRunner::defaultCards(const SkillPayload &payload)
{
    SkillCard card;
    card.type = SkillCardType::Keyword;
    card.titleMessage = tr("Topics");
    card.titleCode = SkillCard::kitTitleCode(u"Topics"_s);
    card.skillId = payload.skillId.isEmpty() ? u"box-companion"_s : payload.skillId;
    card.invocationId = payload.id;
    card.entries = {SkillCardEntry{tr("Box Companion"), {}, {}, {}},
                    SkillCardEntry{tr("skill lab"), {}, {}, {}}};
    return {card};
}

BoxClient *SkillTokenTrialRunner::clientFor(SkillTokenRole role) const
{
    return role == SkillTokenRole::Read ? m_readClient : m_writeClient;
}

void SkillTokenTrialRunner::runAll()
{
    if (m_running)
        return;
    for (const SkillTokenTrial &t : SkillTokenTrial::all())
        m_queue.append(t.id);
    m_all = true;
    startNext();
}

void SkillTokenTrialRunner::run(SkillTokenTrial::Id id)
{
    if (m_running)
        return;
    m_queue = {id};
    startNext();
}

void SkillTokenTrialRunner::cancel()
{
    m_queue.clear();
    if (m_reply)
        m_reply->abort();
}

void SkillTokenTrialRunner::startNext()
{
    if (m_queue.isEmpty()) {
        const bool wasAll = m_all;
        m_running = false;
        m_all = false;
        if (wasAll)
            Q_EMIT allFinished();
        return;
    }
    const Id id = m_queue.takeFirst();
    const SkillTokenTrial trial = SkillTokenTrial::of(id);
    m_running = true;
    Q_EMIT trialStarted(id);
    qCInfo(lcSkills).noquote() << "token trial" << SkillTokenTrial::key(id);
    BoxClient *client = clientFor(trial.role);
    const QString fileId = m_payload.sourceId;

    auto finishWith = [this, id, trial](const ApiResult &result, const QString &detail) {
        SkillTrialOutcome o = SkillTokenTrials::classify(trial, result);
        if (!detail.isEmpty() && result.ok())
            o.detail = detail;
        finishTrial(id, o);
    };

    switch (id) {
    case Id::ReadTokenReadsContent:
    case Id::WriteTokenDownloadsContent: {
        auto read = std::make_shared<SkillRequests::ContentRead>();
        m_reply = SkillRequests::readContent(client, fileId, read);
        m_reply->onFinished(this, [finishWith, read](const ApiResult &result) {
            finishWith(result,
                       tr("Read %1 bytes, SHA-1 %2.")
                           .arg(QString::number(read->size), QString::fromLatin1(read->sha1Hex())));
        });
        return;
    }
    case Id::WriteTokenPutsInvocation: {
        std::optional<SkillRequests::Usage> usage;
        if (m_invocationStatus == u"success"_s)
            usage = SkillRequests::Usage{u"file"_s, 1};
        m_reply = SkillRequests::putInvocation(client, m_payload.skillId, m_invocationStatus,
                                               fileId, m_payload.fileVersionId, m_cards, usage);
        const QString detail = tr("Set the invocation to %1 with %2.")
                                   .arg(m_invocationStatus, cardCount(m_cards.size()));
        m_reply->onFinished(
            this, [finishWith, detail](const ApiResult &result) { finishWith(result, detail); });
        return;
    }
    case Id::WriteTokenWritesMetadata:
        SkillRequests::writeCards(
            client, fileId, m_cards, this, [this](ApiReply *reply) { m_reply = reply; },
            [finishWith](const ApiResult &result, const QString &detail) {
                finishWith(result, detail);
            });
        return;
    case Id::ReadTokenWritesCards:
        m_reply = SkillRequests::createCards(client, fileId, m_cards);
        break;
    case Id::ReadTokenReadsOtherFile:
        if (m_otherFileId.isEmpty()) {
            finishTrial(id, notSent(tr("no other file ID was given")));
            return;
        }
        m_reply = client->get(u"/files/"_s + m_otherFileId);
        break;
    case Id::ReadTokenListsParentFolder:
        if (m_payload.parentId.isEmpty()) {
            finishTrial(id, notSent(tr("the payload names no parent folder (source.parent.id)")));
            return;
        }
        m_reply = client->get(u"/folders/"_s + m_payload.parentId + u"/items"_s);
        break;
    }
    m_reply->onFinished(this, [finishWith](const ApiResult &result) { finishWith(result, {}); });
}

void SkillTokenTrialRunner::finishTrial(SkillTokenTrial::Id id, const SkillTrialOutcome &outcome)
{
    m_reply = nullptr;
    qCInfo(lcSkills).noquote() << "token trial" << SkillTokenTrial::key(id) << "->"
                               << outcome.summary;
    Q_EMIT trialFinished(id, outcome);
    startNext();
}
