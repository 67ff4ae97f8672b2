#pragma once

#include <QColor>

class QPalette;

// Text colours for HTTP statuses (2xx green, 4xx amber, 5xx and no response red), chosen for
// the palette's base colour so they stay legible (contrast at least 4.5:1) in light and dark
// themes. 1xx/3xx: an invalid colour (the view's normal text colour).
namespace StatusColours {
QColor forStatus(int status, const QPalette &palette);
// WCAG 2 contrast ratio between two colours (1..21).
double contrastRatio(const QColor &a, const QColor &b);
} // namespace StatusColours
