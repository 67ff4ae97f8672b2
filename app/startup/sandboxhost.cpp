#include "startup/sandboxhost.h"

#include <QDir>
#include <QStandardPaths>
#include <QThread>

using namespace Qt::Literals::StringLiterals;

SandboxHost::SandboxHost(const SandboxOptions &options, QObject *parent)
    : QObject(parent), m_thread(new QThread(this)), m_sandbox(new BoxSandbox(options))
{
    m_thread->setObjectName(u"box-sandbox"_s);
    m_sandbox->moveToThread(m_thread);
    m_thread->start();
}

SandboxHost::~SandboxHost()
{
    BoxSandbox *sandbox = m_sandbox;
    QMetaObject::invokeMethod(
        sandbox, [sandbox] { delete sandbox; }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

void SandboxHost::start()
{
    BoxSandbox *sandbox = m_sandbox;
    QMetaObject::invokeMethod(sandbox, [this, sandbox] {
        QString error;
        const bool ok = sandbox->start(0, &error);
        const QUrl url = ok ? sandbox->baseUrl() : QUrl();
        const QList<SandboxApp> apps = ok ? sandbox->apps() : QList<SandboxApp>();
        // Back on the host's thread; the host outlives the sandbox thread's work.
        QMetaObject::invokeMethod(this, [this, ok, url, apps, error] {
            m_running = ok;
            m_baseUrl = url;
            m_apps = apps;
            if (ok)
                emit started(url);
            else
                emit failed(error);
        });
    });
}

QString SandboxHost::defaultStatePath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir).filePath(u"sandbox/state.jsonl"_s);
}
