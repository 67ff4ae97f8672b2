#include "skillcardjson.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QStringDecoder>

using namespace Qt::Literals::StringLiterals;

namespace SkillCardJson {

QStringList keywords(const QString &fileName, const QByteArray &sha1Hex, const QByteArray &content)
{
    QStringList result{fileName, u"sha1:"_s + QString::fromLatin1(sha1Hex.left(8))};
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder.decode(content);
    if (decoder.hasError())
        return result; // not text: no words
    static const QRegularExpression word(u"\\p{L}{3,}"_s);
    QStringList words;
    for (auto it = word.globalMatch(text); it.hasNext() && words.size() < 5;) {
        const QString w = it.next().captured().toLower();
        if (!words.contains(w))
            words.append(w);
    }
    return result + words;
}

namespace {
QJsonObject cardBase(const QString &type, const QString &skillId, const QString &invocationId)
{
    return QJsonObject{{u"type"_s, u"skill_card"_s},
                       {u"skill_card_type"_s, type},
                       {u"skill"_s, QJsonObject{{u"type"_s, u"service"_s}, {u"id"_s, skillId}}},
                       {u"invocation"_s,
                        QJsonObject{{u"type"_s, u"skill_invocation"_s}, {u"id"_s, invocationId}}}};
}
} // namespace

QJsonObject keywordCard(const QString &skillId, const QString &invocationId,
                        const QStringList &keywords)
{
    QJsonObject card = cardBase(u"keyword"_s, skillId, invocationId);
    card.insert(u"skill_card_title"_s,
                QJsonObject{{u"code"_s, u"skills_keywords"_s}, {u"message"_s, u"Keywords"_s}});
    QJsonArray entries;
    for (const QString &k : keywords)
        entries.append(QJsonObject{{u"text"_s, k}});
    card.insert(u"entries"_s, entries);
    return card;
}

QJsonObject statusCard(const QString &skillId, const QString &invocationId, const QString &code,
                       const QString &message)
{
    QJsonObject card = cardBase(u"status"_s, skillId, invocationId);
    card.insert(u"skill_card_title"_s,
                QJsonObject{{u"code"_s, u"skills_status"_s}, {u"message"_s, u"Status"_s}});
    card.insert(u"status"_s, QJsonObject{{u"code"_s, code}, {u"message"_s, message}});
    return card;
}

QJsonObject invocationBody(const QString &state, const QJsonObject &card, const QString &fileId)
{
    QJsonObject body{{u"status"_s, state},
                     {u"metadata"_s, QJsonObject{{u"cards"_s, QJsonArray{card}}}},
                     {u"file"_s, QJsonObject{{u"type"_s, u"file"_s}, {u"id"_s, fileId}}}};
    if (state == u"success"_s)
        body.insert(u"usage"_s, QJsonObject{{u"unit"_s, u"files"_s}, {u"value"_s, 1}});
    return body;
}

} // namespace SkillCardJson
