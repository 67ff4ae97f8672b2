#include "ui/inspector/statuscolours.h"

#include <QPalette>

#include <cmath>

namespace {
double channel(double c)
{
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(const QColor &c)
{
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}
} // namespace

namespace StatusColours {
double contrastRatio(const QColor &a, const QColor &b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor forStatus(int status, const QPalette &palette)
{
    const bool dark = luminance(palette.color(QPalette::Base)) < 0.25;
    if (status >= 200 && status < 300)
        return dark ? QColor(0x7d, 0xd8, 0x8a) : QColor(0x1a, 0x6e, 0x2a);
    if (status >= 400 && status < 500)
        return dark ? QColor(0xf2, 0xb8, 0x5b) : QColor(0x8a, 0x4b, 0x00);
    if (status >= 500 || status <= 0)
        return dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x1e, 0x1e);
    return {};
}
} // namespace StatusColours
