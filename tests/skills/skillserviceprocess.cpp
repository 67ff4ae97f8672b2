#include "skillserviceprocess.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

SkillServiceProcess::SkillServiceProcess()
{
    m_process.setProgram(QStringLiteral(TEST_SKILL_SERVICE_PATH));
}

SkillServiceProcess::~SkillServiceProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(3000);
    }
}

bool SkillServiceProcess::start(const QUrl &apiBase, const QStringList &arguments,
                                const QString &primaryKey, const QString &secondaryKey,
                                QString *error)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!primaryKey.isEmpty())
        env.insert(u"SKILL_PRIMARY_KEY"_s, primaryKey);
    if (!secondaryKey.isEmpty())
        env.insert(u"SKILL_SECONDARY_KEY"_s, secondaryKey);
    m_process.setProcessEnvironment(env);
    m_process.setArguments(QStringList{u"--port"_s, u"0"_s, u"--api-base"_s, apiBase.toString()} +
                           arguments);
    m_process.start();
    if (!m_process.waitForStarted(5000)) {
        *error = u"test_skill_service did not start: "_s + m_process.errorString();
        return false;
    }
    // The first line: "listening <port>".
    const bool listening = QTest::qWaitFor(
        [this] {
            read();
            return m_port > 0 || m_process.state() == QProcess::NotRunning;
        },
        5000);
    if (!listening || m_port <= 0) {
        *error = u"test_skill_service is not listening: "_s + errorOutput();
        return false;
    }
    return true;
}

QString SkillServiceProcess::invocationUrl() const
{
    return u"http://127.0.0.1:%1/skill"_s.arg(m_port);
}

const QList<QJsonObject> &SkillServiceProcess::lines()
{
    read();
    return m_lines;
}

bool SkillServiceProcess::waitForLines(int count, int timeoutMs)
{
    return QTest::qWaitFor([this, count] { return lines().size() >= count; }, timeoutMs);
}

void SkillServiceProcess::read()
{
    m_stderr += m_process.readAllStandardError();
    m_buffer += m_process.readAllStandardOutput();
    for (qsizetype end = m_buffer.indexOf('\n'); end >= 0; end = m_buffer.indexOf('\n')) {
        const QByteArray line = m_buffer.left(end).trimmed();
        m_buffer.remove(0, end + 1);
        if (line.startsWith("listening ")) {
            m_port = line.mid(10).toInt();
            continue;
        }
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (o.isEmpty())
            qWarning() << "test_skill_service wrote an unexpected line:" << line;
        else
            m_lines.append(o);
    }
}
