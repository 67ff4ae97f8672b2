#pragma once

#include "sandbox/boxsandbox.h"

#include <QList>
#include <QObject>
#include <QUrl>

class QThread;

// Runs a BoxSandbox on its own thread, so seeding (RSA key generation) and serving requests
// never block the GUI thread. Stopping saves the sandbox's state file.
class SandboxHost : public QObject
{
    Q_OBJECT
public:
    explicit SandboxHost(const SandboxOptions &options, QObject *parent = nullptr);
    ~SandboxHost() override; // stops the sandbox and waits for its thread

    // Starts listening on 127.0.0.1 (the options' preferredPort if it is free, else a random
    // port); ends in started() or failed().
    void start();
    bool isRunning() const { return m_running; }
    QUrl baseUrl() const { return m_baseUrl; }
    QList<SandboxApp> apps() const { return m_apps; }

    // Where --sandbox keeps its world between runs (the app's data directory).
    static QString defaultStatePath();

signals:
    void started(const QUrl &baseUrl);
    void failed(const QString &error);

private:
    QThread *m_thread;
    BoxSandbox *m_sandbox; // lives on m_thread
    bool m_running = false;
    QUrl m_baseUrl;
    QList<SandboxApp> m_apps;
};
