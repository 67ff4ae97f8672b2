#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

// What the test Skill service does with one Skills event, as a Skill would (Box's API over
// HTTP, nothing of Box Companion's code): the optional probes beyond the tokens' limits, PUT
// status "processing", download the file with the read token, then PUT "success" with a keyword
// card (or "transient_failure" when asked to fail). Emits done() with the report line.
class SkillJob : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QUrl apiBase; // e.g. http://127.0.0.1:PORT (REST under /2.0)
        bool probeLimits = false;
        QString otherFileId;        // for the probe "read token on another file"
        bool failTransient = false; // this event ends in transient_failure
    };

    // report: the line so far (invocation, signature, ...); the job adds its results.
    SkillJob(const QJsonObject &payload, const QJsonObject &report, const Options &options,
             QNetworkAccessManager *network, QObject *parent = nullptr);
    void start();

signals:
    void done(const QJsonObject &report);

private:
    struct Answer
    {
        int status = 0;
        QByteArray body;
        QByteArray location;
        QByteArray wwwAuthenticate;
        QString code() const;      // Box's error code ("code" of the JSON body), if any
        QString authError() const; // error="..." of WWW-Authenticate (Box's insufficient_scope)
    };
    using Next = std::function<void(const Answer &)>;

    void send(const QByteArray &method, const QUrl &url, const QByteArray &token,
              const QByteArray &body, const QByteArray &contentType, const Next &next);
    QUrl api(const QString &path) const;
    void putInvocation(const QByteArray &token, const QJsonObject &body, const Next &next);

    void probe(int index);
    void markProcessing();
    void download();
    void finish(const QString &state, const QJsonObject &card);

    Options m_options;
    QNetworkAccessManager *m_network;
    QJsonObject m_report, m_probes;
    QString m_skillId, m_invocationId, m_fileId, m_fileName;
    QByteArray m_readToken, m_writeToken;
};
