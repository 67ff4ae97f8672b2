#pragma once

#include "core/api/apirequest.h"

#include <QSet>
#include <QString>

// Box's marker paging ends when next_marker is null or empty. A server (or a proxy) that
// hands back a marker this walk already followed would make it loop forever; MarkerTrail
// remembers one walk's markers so the walk can end with an error instead.
class MarkerTrail
{
public:
    void clear() { m_seen.clear(); }
    // Records the marker about to be followed; false when this walk already followed it.
    bool follow(const QString &marker);
    bool contains(const QString &marker) const { return m_seen.contains(marker); }
    // The error that ends a walk whose page `page` repeated a marker.
    static BoxError loopError(const ApiResult &page);

private:
    QSet<QString> m_seen;
};
