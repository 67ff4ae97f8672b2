#include "ui/skills/skillcardwidgets.h"

#include "core/skills/skillcard.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace {
constexpr int PillHPad = 10;
constexpr int PillVPad = 3;
constexpr int PillSpacing = 6;
// Room for the glyphs' bearings beyond their advance (else elidedText() cuts a fitting word).
constexpr int PillSlack = 4;
} // namespace

SkillKeywordPills::SkillKeywordPills(const QStringList &keywords, QWidget *parent)
    : QWidget(parent), m_keywords(keywords)
{
    setObjectName(QStringLiteral("skillKeywordPills"));
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    setAccessibleName(tr("Keywords: %1").arg(keywords.join(QStringLiteral(", "))));
}

QList<QRect> SkillKeywordPills::layoutPills(int width) const
{
    QList<QRect> rects;
    const QFontMetrics fm(font());
    const int h = fm.height() + 2 * PillVPad;
    int x = 0;
    int y = 0;
    for (const QString &k : m_keywords) {
        const int w =
            std::min(fm.horizontalAdvance(k) + 2 * PillHPad + PillSlack, std::max(width, 1));
        if (x > 0 && x + w > width) {
            x = 0;
            y += h + PillSpacing;
        }
        rects.append(QRect(x, y, w, h));
        x += w + PillSpacing;
    }
    return rects;
}

int SkillKeywordPills::heightForWidth(int width) const
{
    const QList<QRect> rects = layoutPills(width);
    return rects.isEmpty() ? 0 : rects.last().bottom() + 1;
}

QSize SkillKeywordPills::sizeHint() const
{
    const int w = 360;
    return {w, heightForWidth(w)};
}

QSize SkillKeywordPills::minimumSizeHint() const
{
    const QFontMetrics fm(font());
    return {60, fm.height() + 2 * PillVPad};
}

void SkillKeywordPills::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QList<QRect> rects = layoutPills(width());
    const QColor accent = palette().color(QPalette::Highlight);
    QColor fill = accent;
    fill.setAlpha(40);
    const QFontMetrics fm(font());
    for (int i = 0; i < rects.size(); ++i) {
        const QRectF r = QRectF(rects[i]).adjusted(0.5, 0.5, -0.5, -0.5);
        p.setPen(QPen(accent, 1));
        p.setBrush(fill);
        p.drawRoundedRect(r, r.height() / 2, r.height() / 2);
        p.setPen(palette().color(QPalette::WindowText));
        const QString text =
            fm.elidedText(m_keywords[i], Qt::ElideRight, rects[i].width() - 2 * PillHPad);
        p.drawText(rects[i], Qt::AlignCenter, text);
    }
}

SkillTimelineBar::SkillTimelineBar(const QList<SkillCardAppearance> &appears, double duration,
                                   QWidget *parent)
    : QWidget(parent), m_duration(duration)
{
    setObjectName(QStringLiteral("skillTimelineBar"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    for (const SkillCardAppearance &a : appears)
        m_spans.append({a.start, a.end.value_or(a.start)});
    // Without a duration the bar spans to the last appearance.
    if (m_duration <= 0) {
        for (const auto &s : std::as_const(m_spans))
            m_duration = std::max(m_duration, s.second);
    }
}

void SkillTimelineBar::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF track = QRectF(rect()).adjusted(0.5, 2.5, -0.5, -2.5);
    QColor base = palette().color(QPalette::WindowText);
    base.setAlpha(40);
    p.setPen(Qt::NoPen);
    p.setBrush(base);
    p.drawRoundedRect(track, 2, 2);
    if (m_duration <= 0)
        return;
    p.setBrush(palette().color(QPalette::Highlight));
    for (const auto &s : std::as_const(m_spans)) {
        const double from = std::clamp(s.first / m_duration, 0.0, 1.0);
        const double to = std::clamp(s.second / m_duration, 0.0, 1.0);
        const double x = track.left() + from * track.width();
        const double w = std::max(3.0, (to - from) * track.width());
        p.drawRoundedRect(QRectF(std::min(x, track.right() - w), track.top(), w, track.height()), 2,
                          2);
    }
}
