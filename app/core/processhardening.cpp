#include "core/processhardening.h"

#include <QStringList>

#include <cerrno>
#include <cstring>

#include <sys/resource.h>
#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif

Q_LOGGING_CATEGORY(lcHardening, "box.hardening", QtInfoMsg)

using namespace Qt::Literals::StringLiterals;

QString ProcessHardening::disableCoreDumps()
{
    QStringList failures;
    const rlimit none{0, 0};
    if (setrlimit(RLIMIT_CORE, &none) != 0)
        failures << u"setrlimit(RLIMIT_CORE, 0): "_s + QString::fromLocal8Bit(strerror(errno));
#ifdef Q_OS_LINUX
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
        failures << u"prctl(PR_SET_DUMPABLE, 0): "_s + QString::fromLocal8Bit(strerror(errno));
#endif
    return failures.join(u"; "_s);
}
