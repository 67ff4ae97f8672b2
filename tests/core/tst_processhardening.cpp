// Core dumps are off once the app has hardened its process: no core file can carry the
// secrets it holds in memory.
#include "core/processhardening.h"

#include <QTest>

#include <sys/prctl.h>
#include <sys/resource.h>

class TestProcessHardening : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void disablesCoreDumps()
    {
        // Start from a process that could dump core, so the test proves the change.
        rlimit limit{};
        QCOMPARE(getrlimit(RLIMIT_CORE, &limit), 0);
        if (limit.rlim_max != 0) {
            limit.rlim_cur = limit.rlim_max;
            QCOMPARE(setrlimit(RLIMIT_CORE, &limit), 0);
        }
        QCOMPARE(prctl(PR_SET_DUMPABLE, 1, 0, 0, 0), 0);
        QCOMPARE(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 1);

        QCOMPARE(ProcessHardening::disableCoreDumps(), QString());

        QCOMPARE(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
        QCOMPARE(getrlimit(RLIMIT_CORE, &limit), 0);
        QCOMPARE(limit.rlim_cur, rlim_t(0));
        QCOMPARE(limit.rlim_max, rlim_t(0)); // and it cannot be raised again
    }
};

QTEST_GUILESS_MAIN(TestProcessHardening)
#include "tst_processhardening.moc"
