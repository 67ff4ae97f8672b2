#pragma once

#include <QByteArray>
#include <QString>

// Finds a marker page's next_marker in its raw JSON body without parsing it, so the next page
// can be asked for while this one is parsed. Only a guess: the caller compares it with the
// parsed page. Empty when the body has none, it is null or empty, or it holds escapes (then
// the parsed page decides).
QString peekNextMarker(const QByteArray &body);
