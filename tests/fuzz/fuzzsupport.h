#pragma once

// Shared helpers for the libFuzzer harnesses: a QCoreApplication created once, quiet Qt
// logging (speed; sanitizer and check failures still print), a byte reader for splitting the
// fuzz input into parts, and a check that aborts with a message (libFuzzer saves the input).

#include <QByteArray>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace fuzz {

inline void quietHandler(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtFatalMsg) {
        std::fprintf(stderr, "qFatal: %s\n", message.toLocal8Bit().constData());
        std::abort();
    }
}

// Creates the application object on the first call (some code needs one for tr() and
// timers) and silences qDebug/qInfo/qWarning.
inline void initQt()
{
    static bool done = false;
    if (done)
        return;
    done = true;
    qInstallMessageHandler(quietHandler);
    static int argc = 1;
    static char name[] = "fuzz";
    static char *argv[] = {name, nullptr};
    static QCoreApplication *app = new QCoreApplication(argc, argv); // lives until exit
    Q_UNUSED(app);
}

// Runs the event loop until `done()` returns true or `maxMs` elapsed; returns done().
template <typename Done> bool spinUntil(Done done, int maxMs = 5000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < maxMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    return done();
}

// Consumes the fuzz input front to back.
class Input
{
public:
    Input(const uint8_t *data, size_t size)
        : m_bytes(reinterpret_cast<const char *>(data), qsizetype(size))
    {}
    bool atEnd() const { return m_pos >= m_bytes.size(); }
    qsizetype remaining() const { return m_bytes.size() - m_pos; }
    quint8 byte() { return atEnd() ? 0 : quint8(m_bytes.at(m_pos++)); }
    quint16 u16()
    {
        const quint16 high = byte();
        return quint16(high << 8 | byte());
    }
    QByteArray take(qsizetype n)
    {
        n = qBound<qsizetype>(0, n, remaining());
        const QByteArray out = m_bytes.mid(m_pos, n);
        m_pos += n;
        return out;
    }
    // Up to the next `separator` (which is consumed), or the rest.
    QByteArray until(char separator)
    {
        const qsizetype end = m_bytes.indexOf(separator, m_pos);
        if (end < 0)
            return rest();
        const QByteArray out = m_bytes.mid(m_pos, end - m_pos);
        m_pos = end + 1;
        return out;
    }
    QByteArray rest() { return take(remaining()); }

private:
    QByteArray m_bytes;
    qsizetype m_pos = 0;
};

[[noreturn]] inline void fail(const char *file, int line, const char *what, const QString &detail)
{
    std::fprintf(stderr, "\n==FUZZ CHECK FAILED== %s:%d: %s\n%s\n", file, line, what,
                 detail.toLocal8Bit().constData());
    std::fflush(stderr);
    std::abort();
}

} // namespace fuzz

// A property the harness checks; on failure prints and aborts (libFuzzer keeps the input).
#define FUZZ_CHECK(cond, detail)                                                                   \
    do {                                                                                           \
        if (!(cond))                                                                               \
            ::fuzz::fail(__FILE__, __LINE__, #cond, (detail));                                     \
    } while (0)
