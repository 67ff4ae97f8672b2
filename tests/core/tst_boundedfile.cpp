// BoundedFile: reading files the user chose without trusting them. A named pipe, socket,
// device or folder is refused at once (never blocking on a FIFO), a file over the limit is
// refused naming the file and the limit, and a normal file is read whole. The same messages
// come out of the real entry points: config.json import and the bulk-create CSV.
#include "core/appusers/appusercsv.h"
#include "core/boundedfile.h"
#include "core/configfile.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <functional>

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr qint64 kMiB = 1024 * 1024;
} // namespace

class TestBoundedFile : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString writeFile(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            file.write(bytes) != bytes.size())
            qFatal("cannot write the test file");
        return path;
    }

    // A file of the given size without writing it (sparse).
    QString sizedFile(const QString &name, qint64 size)
    {
        const QString path = writeFile(name, {});
        if (::truncate(QFile::encodeName(path).constData(), off_t(size)) != 0)
            qFatal("cannot size the test file");
        return path;
    }

    QString makeFifo(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        if (::mkfifo(QFile::encodeName(path).constData(), 0600) != 0)
            qFatal("mkfifo failed");
        return path;
    }

    // Runs work on a thread and fails (after releasing a reader stuck on fifo) when it does
    // not come back within 5 s: a hang must fail the test, not freeze it.
    void runGuarded(const QString &fifo, const std::function<void()> &work, qint64 *elapsedMs)
    {
        QElapsedTimer timer;
        timer.start();
        QThread *thread = QThread::create(work);
        thread->start();
        const bool finished = thread->wait(5000);
        *elapsedMs = timer.elapsed();
        if (!finished) {
            // Opening the write end lets a blocked open() or read() of the FIFO return.
            const int fd = ::open(QFile::encodeName(fifo).constData(), O_WRONLY | O_NONBLOCK);
            thread->wait();
            if (fd >= 0)
                ::close(fd);
        }
        delete thread;
        QVERIFY2(finished, "reading the FIFO blocked");
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void normalFileIsReadWhole()
    {
        QByteArray bytes;
        for (int i = 0; i < 100000; ++i)
            bytes += QByteArray::number(i) + ',';
        const QString path = writeFile(u"normal.csv"_s, bytes);
        const BoundedFile::Result result = BoundedFile::read(path, kMiB);
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(result.error, BoundedFile::Error::None);
        QVERIFY(result.message.isEmpty());
        QCOMPARE(result.data, bytes);

        const BoundedFile::Result empty = BoundedFile::read(writeFile(u"empty"_s, {}), kMiB);
        QVERIFY(empty.ok());
        QVERIFY(empty.data.isEmpty());
    }

    void exactlyTheLimitIsReadOneMoreIsRefused()
    {
        const QByteArray limit(int(kMiB), 'x');
        const BoundedFile::Result atLimit = BoundedFile::read(writeFile(u"at.json"_s, limit), kMiB);
        QVERIFY(atLimit.ok());
        QCOMPARE(atLimit.data.size(), qsizetype(kMiB));

        const BoundedFile::Result over =
            BoundedFile::read(writeFile(u"big.json"_s, limit + 'x'), kMiB);
        QCOMPARE(over.error, BoundedFile::Error::TooLarge);
        QCOMPARE(over.message, u"big.json is larger than 1 MiB; is this the right file?"_s);
        QVERIFY(over.data.isEmpty());
    }

    // /proc files claim size 0: the limit holds on what is read, not on what stat() says.
    void sizeIsCheckedOnWhatIsRead()
    {
        const BoundedFile::Result whole = BoundedFile::read(u"/proc/self/status"_s, kMiB);
        QVERIFY2(whole.ok(), qPrintable(whole.message));
        QVERIFY(whole.data.startsWith("Name:"));

        const BoundedFile::Result cut = BoundedFile::read(u"/proc/self/status"_s, 10);
        QCOMPARE(cut.error, BoundedFile::Error::TooLarge);
        QCOMPARE(cut.message, u"status is larger than 10 bytes; is this the right file?"_s);
    }

    void fifoIsRefusedWithoutBlocking()
    {
        const QString fifo = makeFifo(u"pipe.pem"_s);
        BoundedFile::Result result;
        qint64 elapsed = 0;
        runGuarded(
            fifo, [&] { result = BoundedFile::read(fifo, kMiB); }, &elapsed);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(elapsed < 1000, qPrintable(QString::number(elapsed)));
        QCOMPARE(result.error, BoundedFile::Error::NotRegular);
        QCOMPARE(result.message,
                 u"pipe.pem is a named pipe (FIFO), not a regular file; it is not read."_s);

        // Through a symbolic link too.
        const QString link = m_dir.filePath(u"link.pem"_s);
        QVERIFY(QFile::link(fifo, link));
        runGuarded(
            fifo, [&] { result = BoundedFile::read(link, kMiB); }, &elapsed);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(result.error, BoundedFile::Error::NotRegular);
        QVERIFY(result.message.contains(u"named pipe"_s));
    }

    void devicesAreRefused()
    {
        const BoundedFile::Result zero = BoundedFile::read(u"/dev/zero"_s, kMiB);
        QCOMPARE(zero.error, BoundedFile::Error::NotRegular);
        QCOMPARE(zero.message, u"zero is a device, not a regular file; it is not read."_s);
        QVERIFY(zero.data.isEmpty());
        QCOMPARE(BoundedFile::read(u"/dev/urandom"_s, kMiB).error, BoundedFile::Error::NotRegular);
    }

    void socketIsRefused()
    {
        const QString path = m_dir.filePath(u"sock"_s);
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        QVERIFY(fd >= 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        const QByteArray encoded = QFile::encodeName(path);
        QVERIFY(size_t(encoded.size()) < sizeof address.sun_path);
        std::memcpy(address.sun_path, encoded.constData(), size_t(encoded.size()));
        QCOMPARE(::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
        const BoundedFile::Result result = BoundedFile::read(path, kMiB);
        ::close(fd);
        QCOMPARE(result.error, BoundedFile::Error::NotRegular);
        QCOMPARE(result.message, u"sock is a socket, not a regular file; it is not read."_s);
    }

    void folderAndMissingFile()
    {
        const BoundedFile::Result folder = BoundedFile::read(m_dir.path(), kMiB);
        QCOMPARE(folder.error, BoundedFile::Error::NotRegular);
        QVERIFY2(folder.message.endsWith(u" is a folder, not a file."_s),
                 qPrintable(folder.message));

        const BoundedFile::Result missing = BoundedFile::read(m_dir.filePath(u"nope"_s), kMiB);
        QCOMPARE(missing.error, BoundedFile::Error::NotFound);
        QCOMPARE(missing.message, u"Could not open nope: No such file or directory"_s);
    }

    // --- the real entry points -------------------------------------------------------------

    void configImportRefusesFifoDeviceAndOversizedFiles()
    {
        const QString fifo = makeFifo(u"config.json"_s);
        ConfigImport result;
        qint64 elapsed = 0;
        runGuarded(
            fifo, [&] { result = importConfigFile(fifo); }, &elapsed);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(result.errors,
                 QStringList{
                     u"config.json is a named pipe (FIFO), not a regular file; it is not read."_s});
        QVERIFY(result.secrets.isEmpty());

        QCOMPARE(importConfigFile(u"/dev/zero"_s).errors,
                 QStringList{u"zero is a device, not a regular file; it is not read."_s});

        QTemporaryDir other;
        const QString big = other.filePath(u"config.json"_s);
        QFile file(big);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.resize(kMiB + 1));
        file.close();
        QCOMPARE(importConfigFile(big).errors,
                 QStringList{u"config.json is larger than 1 MiB; is this the right file?"_s});
    }

    void csvImportRefusesFifoDeviceAndOversizedFiles()
    {
        const QString fifo = makeFifo(u"users.csv"_s);
        AppUserCsv::File result;
        qint64 elapsed = 0;
        runGuarded(
            fifo, [&] { result = AppUserCsv::readFile(fifo); }, &elapsed);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(result.error,
                 u"users.csv is a named pipe (FIFO), not a regular file; it is not read."_s);
        QVERIFY(result.rows.isEmpty());

        QCOMPARE(AppUserCsv::readFile(u"/dev/zero"_s).error,
                 u"zero is a device, not a regular file; it is not read."_s);

        const QString big = sizedFile(u"big.csv"_s, AppUserCsv::MaxFileBytes + 1);
        QCOMPARE(AppUserCsv::readFile(big).error,
                 u"big.csv is larger than 64 MiB; is this the right file? Split it into "
                 "smaller files."_s);

        const AppUserCsv::File ok =
            AppUserCsv::readFile(writeFile(u"ok.csv"_s, "name,external_id\nAda,a-1\n"_ba));
        QVERIFY2(ok.error.isEmpty(), qPrintable(ok.error));
        QCOMPARE(ok.validCount(), 1);
    }
};

QTEST_GUILESS_MAIN(TestBoundedFile)
#include "tst_boundedfile.moc"
