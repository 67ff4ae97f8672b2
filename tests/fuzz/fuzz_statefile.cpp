// The sandbox's state-file loader. Properties: a file that does not load gives an error and is
// left byte for byte as it was; a file that loads saves to a file that loads again, and saving
// that gives the same bytes (nothing is lost or invented on the way).
//
// Seeds: BOX_FUZZ_WRITE_STATE=<file> fuzz_statefile writes the state of the small seeded world
// (sandboxworld.h) to <file> and exits; corpus/fuzz_statefile holds such files, trimmed.

#include "fuzzsupport.h"
#include "sandboxworld.h"

#include "sandbox/statefile.h"
#include "sandbox/world.h"

#include <QFile>
#include <QTemporaryDir>

using namespace Qt::Literals::StringLiterals;
using namespace boxsandbox;

namespace {
const QTemporaryDir &tempDir()
{
    static const QTemporaryDir dir;
    return dir;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    const QByteArray target = qgetenv("BOX_FUZZ_WRITE_STATE");
    if (target.isEmpty())
        return 0;
    fuzz::initQt();
    QString error;
    if (!saveState(fuzz::seededWorld(), QString::fromLocal8Bit(target), &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        std::exit(1);
    }
    std::exit(0);
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::initQt();
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString path = tempDir().filePath(u"state.jsonl"_s);
    {
        QFile f(path);
        FUZZ_CHECK(f.open(QIODevice::WriteOnly | QIODevice::Truncate), f.errorString());
        f.write(input);
    }

    World world;
    QString error;
    if (!loadState(world, path, &error)) {
        FUZZ_CHECK(!error.isEmpty(), u"refused without an error"_s);
        FUZZ_CHECK(readAll(path) == input, u"a refused file was modified"_s);
        return 0;
    }
    const QString first = tempDir().filePath(u"first.jsonl"_s);
    const QString second = tempDir().filePath(u"second.jsonl"_s);
    FUZZ_CHECK(saveState(world, first, &error), error);
    World again;
    FUZZ_CHECK(loadState(again, first, &error), u"saved state does not load: "_s + error);
    FUZZ_CHECK(saveState(again, second, &error), error);
    FUZZ_CHECK(readAll(first) == readAll(second), u"save -> load -> save changed the file"_s);
    return 0;
}
