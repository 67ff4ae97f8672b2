#include "ui/icons.h"

#include <QFont>
#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace {
QColor methodColor(AuthMethod method)
{
    switch (method) {
    case AuthMethod::OAuth2:
        return QColor(0x00, 0x61, 0xd5); // Box blue
    case AuthMethod::Jwt:
        return QColor(0x6b, 0x3f, 0xa0);
    case AuthMethod::ClientCredentials:
        return QColor(0x1b, 0x7f, 0x5a);
    case AuthMethod::AppToken:
        return QColor(0xb3, 0x5c, 0x00);
    case AuthMethod::DeveloperToken:
        return QColor(0x5a, 0x63, 0x70);
    case AuthMethod::CustomSkill:
        return QColor(0xb0, 0x1e, 0x6b); // magenta: no token of its own, Box calls it
    }
    return Qt::gray;
}

QColor userTypeColor(AppUserRow::Type type)
{
    switch (type) {
    case AppUserRow::Type::AppUser:
        return QColor(0x6b, 0x3f, 0xa0);
    case AppUserRow::Type::ServiceAccount:
        return QColor(0x5a, 0x63, 0x70);
    case AppUserRow::Type::ManagedUser:
        break;
    }
    return QColor(0x00, 0x61, 0xd5); // Box blue: a person with a Box login
}

QString userTypeLabel(AppUserRow::Type type)
{
    switch (type) {
    case AppUserRow::Type::AppUser:
        return QStringLiteral("A");
    case AppUserRow::Type::ServiceAccount:
        return QStringLiteral("SA");
    case AppUserRow::Type::ManagedUser:
        break;
    }
    return QStringLiteral("M");
}

enum class BadgeShape
{
    RoundedSquare,
    Circle, // the Custom Skill: an app Box calls, unlike those that get tokens
};

QPixmap badge(const QString &text, const QColor &color, int size, qreal dpr,
              BadgeShape shape = BadgeShape::RoundedSquare)
{
    QPixmap pixmap(QSize(size, size) * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    QPainterPath path;
    if (shape == BadgeShape::Circle)
        path.addEllipse(QRectF(0.5, 0.5, size - 1, size - 1));
    else
        path.addRoundedRect(QRectF(0.5, 0.5, size - 1, size - 1), size * 0.22, size * 0.22);
    p.fillPath(path, color);
    QFont font;
    font.setBold(true);
    font.setPixelSize(qMax(6, int(size * (text.size() > 2 ? 0.34 : 0.44))));
    p.setFont(font);
    p.setPen(Qt::white);
    p.drawText(QRectF(0, 0, size, size), Qt::AlignCenter, text);
    return pixmap;
}
} // namespace

QIcon Icons::authMethod(AuthMethod method)
{
    // Painted once per method; the GUI thread is the only caller.
    static QHash<int, QIcon> cache;
    QIcon &icon = cache[int(method)];
    if (!icon.isNull())
        return icon;
    const BadgeShape shape =
        method == AuthMethod::CustomSkill ? BadgeShape::Circle : BadgeShape::RoundedSquare;
    for (int size : {16, 22, 24, 32, 48}) {
        for (qreal dpr : {1.0, 2.0})
            icon.addPixmap(
                badge(AuthMethods::shortLabel(method), methodColor(method), size, dpr, shape));
    }
    return icon;
}

QIcon Icons::application()
{
    QIcon icon;
    for (int size : {16, 24, 32, 48, 64, 128, 256}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        QPainterPath path;
        path.addRoundedRect(QRectF(0, 0, size, size), size * 0.2, size * 0.2);
        p.fillPath(path, QColor(0x00, 0x61, 0xd5));
        QFont font;
        font.setBold(true);
        font.setPixelSize(int(size * 0.42));
        p.setFont(font);
        p.setPen(Qt::white);
        p.drawText(QRectF(0, 0, size, size), Qt::AlignCenter, QStringLiteral("box"));
        icon.addPixmap(pixmap);
    }
    return icon;
}

QIcon Icons::userType(AppUserRow::Type type)
{
    static QHash<int, QIcon> cache;
    QIcon &icon = cache[int(type)];
    if (!icon.isNull())
        return icon;
    for (int size : {16, 22, 24, 32}) {
        for (qreal dpr : {1.0, 2.0})
            icon.addPixmap(badge(userTypeLabel(type), userTypeColor(type), size, dpr));
    }
    return icon;
}
