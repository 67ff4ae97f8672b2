#include "skilljob.h"

#include "skillcardjson.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int kTimeoutMs = 5000;

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject probeResult(int status, const QString &code, const QString &authError)
{
    return QJsonObject{{u"status"_s, status}, {u"code"_s, code}, {u"auth_error"_s, authError}};
}
} // namespace

QString SkillJob::Answer::code() const
{
    return QJsonDocument::fromJson(body).object().value(u"code"_s).toString();
}

QString SkillJob::Answer::authError() const
{
    static const QRegularExpression error(u"error=\"([^\"]*)\""_s);
    return error.match(QString::fromLatin1(wwwAuthenticate)).captured(1);
}

SkillJob::SkillJob(const QJsonObject &payload, const QJsonObject &report, const Options &options,
                   QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), m_options(options), m_network(network), m_report(report)
{
    m_skillId = payload.value(u"skill"_s).toObject().value(u"id"_s).toString();
    m_invocationId = payload.value(u"id"_s).toString();
    const QJsonObject source = payload.value(u"source"_s).toObject();
    m_fileId = source.value(u"id"_s).toString();
    m_fileName = source.value(u"name"_s).toString();
    const QJsonObject token = payload.value(u"token"_s).toObject();
    m_readToken = token.value(u"read"_s).toObject().value(u"access_token"_s).toString().toUtf8();
    m_writeToken = token.value(u"write"_s).toObject().value(u"access_token"_s).toString().toUtf8();
    m_report.insert(u"skill_id"_s, m_skillId);
    m_report.insert(u"file_id"_s, m_fileId);
    m_report.insert(u"file_name"_s, m_fileName);
}

void SkillJob::start()
{
    if (m_skillId.isEmpty() || m_fileId.isEmpty() || m_readToken.isEmpty() ||
        m_writeToken.isEmpty()) {
        m_report.insert(u"error"_s, u"the event lacks skill.id, source.id or a token"_s);
        emit done(m_report);
        return;
    }
    if (m_options.probeLimits)
        probe(0);
    else
        markProcessing();
}

QUrl SkillJob::api(const QString &path) const
{
    QUrl url = m_options.apiBase;
    QString base = url.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    url.setPath(base + path);
    return url;
}

void SkillJob::send(const QByteArray &method, const QUrl &url, const QByteArray &token,
                    const QByteArray &body, const QByteArray &contentType, const Next &next)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(kTimeoutMs);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    if (!contentType.isEmpty())
        request.setRawHeader("Content-Type", contentType);
    request.setRawHeader("Cache-Control", "no-cache");
    QNetworkReply *reply = m_network->sendCustomRequest(request, method, body);
    connect(reply, &QNetworkReply::finished, this, [reply, next] {
        reply->deleteLater();
        Answer a;
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.body = reply->readAll();
        a.location = reply->rawHeader("Location");
        a.wwwAuthenticate = reply->rawHeader("WWW-Authenticate");
        next(a);
    });
}

void SkillJob::putInvocation(const QByteArray &token, const QJsonObject &body, const Next &next)
{
    send("PUT", api(u"/2.0/skill_invocations/"_s + m_skillId), token, compact(body),
         "application/json", next);
}

// The tries beyond the tokens' limits, one after the other; each result lands in "probes".
void SkillJob::probe(int index)
{
    const auto record = [this, index](const QString &name) {
        return [this, index, name](const Answer &a) {
            m_probes.insert(name, probeResult(a.status, a.code(), a.authError()));
            probe(index + 1);
        };
    };
    const QJsonObject probeCard =
        SkillCardJson::keywordCard(m_skillId, m_invocationId, {u"probe"_s});
    const QString other = m_options.otherFileId;
    switch (index) {
    case 0: // the read token on another file's content
        if (other.isEmpty())
            return probe(index + 1);
        return send("GET", api(u"/2.0/files/"_s + other + u"/content"_s), m_readToken, {}, {},
                    record(u"read_other_file"_s));
    case 1: // the read token writing cards through the invocation
        return putInvocation(m_readToken,
                             SkillCardJson::invocationBody(u"success"_s, probeCard, m_fileId),
                             record(u"read_put_invocation"_s));
    case 2: // the read token writing the cards metadata instance
        return send("POST", api(u"/2.0/files/"_s + m_fileId + u"/metadata/global/boxSkillsCards"_s),
                    m_readToken, compact(QJsonObject{{u"cards"_s, QJsonArray{probeCard}}}),
                    "application/json", record(u"read_post_metadata"_s));
    case 3: // the write token downloading the file
        return send("GET", api(u"/2.0/files/"_s + m_fileId + u"/content"_s), m_writeToken, {}, {},
                    record(u"write_download"_s));
    case 4: // the write token writing another file's cards
        if (other.isEmpty())
            return probe(index + 1);
        return putInvocation(m_writeToken,
                             SkillCardJson::invocationBody(u"success"_s, probeCard, other),
                             record(u"write_other_file"_s));
    default:
        m_report.insert(u"probes"_s, m_probes);
        markProcessing();
    }
}

void SkillJob::markProcessing()
{
    const QJsonObject card = SkillCardJson::statusCard(m_skillId, m_invocationId, u"processing"_s,
                                                       u"The test Skill is reading the file."_s);
    putInvocation(m_writeToken, SkillCardJson::invocationBody(u"processing"_s, card, m_fileId),
                  [this](const Answer &a) {
                      m_report.insert(u"processing_status"_s, a.status);
                      if (a.status / 100 != 2)
                          m_report.insert(u"processing_code"_s, a.code());
                      download();
                  });
}

// GET /files/{id}/content answers 302 to a download URL that needs no token (Box's
// dl.boxcloud.com); the token is sent to the API only.
void SkillJob::download()
{
    const auto got = [this](const Answer &a) {
        m_report.insert(u"read_status"_s, a.status);
        if (a.status != 200) {
            m_report.insert(u"read_code"_s, a.code());
            finish(u"permanent_failure"_s,
                   SkillCardJson::statusCard(m_skillId, m_invocationId, u"permanent_failure"_s,
                                             u"The test Skill could not read the file."_s));
            return;
        }
        const QByteArray sha1 = QCryptographicHash::hash(a.body, QCryptographicHash::Sha1).toHex();
        m_report.insert(u"size"_s, a.body.size());
        m_report.insert(u"sha1"_s, QString::fromLatin1(sha1));
        if (m_options.failTransient) {
            finish(u"transient_failure"_s,
                   SkillCardJson::statusCard(m_skillId, m_invocationId, u"transient_failure"_s,
                                             u"The test Skill was asked to fail once."_s));
            return;
        }
        const QStringList keywords = SkillCardJson::keywords(m_fileName, sha1, a.body);
        m_report.insert(u"keywords"_s, QJsonArray::fromStringList(keywords));
        finish(u"success"_s, SkillCardJson::keywordCard(m_skillId, m_invocationId, keywords));
    };
    send("GET", api(u"/2.0/files/"_s + m_fileId + u"/content"_s), m_readToken, {}, {},
         [this, got](const Answer &a) {
             if (a.status / 100 != 3 || a.location.isEmpty())
                 return got(a);
             m_report.insert(u"read_redirect_status"_s, a.status);
             const QUrl to = api({}).resolved(QUrl::fromEncoded(a.location));
             send("GET", to, {}, {}, {}, got);
         });
}

void SkillJob::finish(const QString &state, const QJsonObject &card)
{
    m_report.insert(u"put_state"_s, state);
    putInvocation(m_writeToken, SkillCardJson::invocationBody(state, card, m_fileId),
                  [this](const Answer &a) {
                      m_report.insert(u"put_status"_s, a.status);
                      if (a.status / 100 != 2)
                          m_report.insert(u"put_code"_s, a.code());
                      emit done(m_report);
                  });
}
