#include "core/api/markertrail.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

bool MarkerTrail::follow(const QString &marker)
{
    if (m_seen.contains(marker))
        return false;
    m_seen.insert(marker);
    return true;
}

BoxError MarkerTrail::loopError(const ApiResult &page)
{
    const QString requestId = QString::fromLatin1(page.header("box-request-id"_ba));
    QString detail = QCoreApplication::translate(
        "MarkerTrail", "Box sent a next_marker that was already used, so reading further would "
                       "repeat the same pages forever. Paging stopped; the list is incomplete.");
    if (!requestId.isEmpty())
        detail +=
            u' ' + QCoreApplication::translate("MarkerTrail", "(Request ID: %1)").arg(requestId);
    BoxError e = BoxError::local(BoxError::Kind::BadReply, detail);
    e.httpStatus = page.status;
    e.boxRequestId = requestId;
    return e;
}
