#include "ui/oauth/addressbar.h"

#include "core/oauth/oauthredirect.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPainterPath>

using namespace Qt::Literals::StringLiterals;

namespace {

QPixmap paintLock(int size, qreal dpr, const QColor &colour, bool open)
{
    QPixmap pixmap(QSize(size, size) * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal s = size;
    // Shackle.
    QPen pen(colour, s * 0.11);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    const QRectF arc(s * 0.28, s * 0.08, s * 0.44, s * 0.5);
    if (open)
        p.drawArc(arc.translated(s * 0.16, 0), 0, 180 * 16);
    else
        p.drawArc(arc, 0, 180 * 16);
    p.drawLine(QPointF(arc.left(), s * 0.33), QPointF(arc.left(), s * 0.46));
    if (!open)
        p.drawLine(QPointF(arc.right(), s * 0.33), QPointF(arc.right(), s * 0.46));
    // Body.
    p.setPen(Qt::NoPen);
    p.setBrush(colour);
    p.drawRoundedRect(QRectF(s * 0.18, s * 0.44, s * 0.64, s * 0.48), s * 0.08, s * 0.08);
    return pixmap;
}

} // namespace

AddressBar::AddressBar(QWidget *parent) : QWidget(parent)
{
    setObjectName(u"addressBar"_s);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_icon = new QLabel(this);
    m_icon->setObjectName(u"addressSecurityIcon"_s);
    m_icon->setFixedSize(16, 16);
    m_host = new QLineEdit(this);
    m_host->setObjectName(u"addressHost"_s);
    m_host->setReadOnly(true);
    m_host->setAccessibleName(tr("Current site"));
    m_marker = new QLabel(this);
    m_marker->setObjectName(u"addressSecurityMarker"_s);
    layout->addWidget(m_icon);
    layout->addWidget(m_host, 1);
    layout->addWidget(m_marker);
    setUrl({});
}

AddressBar::Security AddressBar::securityOf(const QUrl &url)
{
    if (url.isEmpty() || !url.isValid())
        return Security::None;
    if (url.scheme() == u"https"_s)
        return Security::Secure;
    if (url.scheme() == u"http"_s && OAuthRedirect::isLoopbackHost(url.host()))
        return Security::LocalSandbox;
    return Security::NotSecure;
}

QIcon AddressBar::securityIcon(Security security)
{
    QIcon icon;
    if (security == Security::None)
        return icon;
    const bool secure = security == Security::Secure;
    const QColor colour = secure ? QColor(0x1e, 0x7e, 0x34) : QColor(0xb0, 0x5a, 0x00);
    for (const qreal dpr : {1.0, 2.0})
        icon.addPixmap(paintLock(16, dpr, colour, !secure));
    return icon;
}

void AddressBar::setUrl(const QUrl &url)
{
    m_url = url;
    m_security = securityOf(url);
    m_host->setText(hostText());
    m_host->setToolTip(url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo)
                           .toDisplayString());
    const QIcon icon = securityIcon(m_security);
    m_icon->setPixmap(icon.isNull() ? QPixmap() : icon.pixmap(16, 16));
    m_icon->setToolTip(securityText());
    m_icon->setAccessibleName(securityText());
    m_marker->setText(m_security == Security::Secure ? QString() : securityText());
    m_marker->setVisible(m_security == Security::LocalSandbox || m_security == Security::NotSecure);
}

QString AddressBar::hostText() const
{
    if (m_url.isEmpty())
        return {};
    QString text = m_url.host();
    if (m_url.port() != -1)
        text += u':' + QString::number(m_url.port());
    return text;
}

QString AddressBar::securityText() const
{
    switch (m_security) {
    case Security::None:
        return {};
    case Security::Secure:
        return tr("Secure connection (HTTPS)");
    case Security::LocalSandbox:
        return tr("Not secure: local sandbox");
    case Security::NotSecure:
        return tr("Not secure");
    }
    return {};
}
