#pragma once

#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>

// The test Skill service (test_skill_service) run with QProcess: started, waited for until it
// listens, and followed through its one JSON line per Skills event.
class SkillServiceProcess
{
public:
    SkillServiceProcess();
    ~SkillServiceProcess();

    // Starts it against apiBase with extra arguments and, when given, the signature keys in
    // its environment; false (and *error) when it does not listen within a few seconds.
    bool start(const QUrl &apiBase, const QStringList &arguments, const QString &primaryKey,
               const QString &secondaryKey, QString *error);
    QString invocationUrl() const; // http://127.0.0.1:PORT/skill

    // The event lines so far (the event loop must run to receive them: QTRY_/qWaitFor).
    const QList<QJsonObject> &lines();
    // Waits until at least count lines have arrived.
    bool waitForLines(int count, int timeoutMs = 10000);
    QString errorOutput() const { return QString::fromUtf8(m_stderr); }

private:
    void read();

    QProcess m_process;
    QByteArray m_buffer, m_stderr;
    QList<QJsonObject> m_lines;
    int m_port = 0;
};
