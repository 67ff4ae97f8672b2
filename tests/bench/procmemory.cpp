#include "procmemory.h"

#include <QByteArray>
#include <QFile>
#include <QList>

ProcMemory readProcMemory(qint64 pid)
{
    ProcMemory m;
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (pid <= 0 || !status.open(QIODevice::ReadOnly))
        return m;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        const QList<QByteArray> parts = line.simplified().split(' ');
        if (parts.size() < 2)
            continue;
        if (parts.at(0) == "VmHWM:")
            m.peakKb = parts.at(1).toLongLong();
        else if (parts.at(0) == "VmRSS:")
            m.rssKb = parts.at(1).toLongLong();
    }
    return m;
}
