// The Skills event lab's readers (core/skills) on hostile input: a pasted Skills event payload
// (SkillPayload::parse) and Skill cards (SkillCard::fromJson, SkillCards::fromMetadata).
// Input: JSON text, read as a payload, as one card and as a metadata instance.
// Properties: reading never crashes; a payload that parses has readable token expiries; a card
// Box would take (no problems()) survives toJson -> fromJson unchanged, and so does a list of
// such cards through the metadata form.

#include "fuzzsupport.h"

#include "core/skills/skillcard.h"
#include "core/skills/skillpayload.h"

#include <QDateTime>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::initQt();
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1767225600, Qt::UTC);

    QStringList problems;
    if (const std::optional<SkillPayload> payload = SkillPayload::parse(json, &problems)) {
        for (const SkillToken *token : {&payload->readToken, &payload->writeToken}) {
            (void)payload->expiresAt(*token);
            (void)payload->expiryExplanation(*token, now);
            (void)token->scopes();
            (void)token->fileIds();
        }
    } else {
        FUZZ_CHECK(!problems.isEmpty(), u"a refused payload names its problem"_s);
    }

    const QJsonDocument document = QJsonDocument::fromJson(json);
    if (!document.isObject())
        return 0;
    QString error;
    if (const std::optional<SkillCard> card = SkillCard::fromJson(document.object(), &error)) {
        if (card->problems().isEmpty()) {
            QString again;
            const std::optional<SkillCard> back = SkillCard::fromJson(card->toJson(), &again);
            FUZZ_CHECK(back.has_value(), again);
            FUZZ_CHECK(*back == *card, u"a valid card survives toJson -> fromJson"_s);
        }
    }
    QStringList cardProblems;
    const QList<SkillCard> cards = SkillCards::fromMetadata(document.object(), &cardProblems);
    QList<SkillCard> valid;
    for (const SkillCard &card : cards)
        if (card.problems().isEmpty())
            valid.append(card);
    QStringList again;
    FUZZ_CHECK(SkillCards::fromMetadata(SkillCards::toMetadata(valid), &again) == valid,
               u"valid cards survive the metadata form"_s);
    return 0;
}
