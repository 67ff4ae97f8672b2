#include "ui/messagebanner.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

using namespace Qt::Literals::StringLiterals;

MessageBanner::MessageBanner(QWidget *parent)
    : QFrame(parent), m_icon(new QLabel(this)), m_text(new QLabel(this)),
      m_close(new QToolButton(this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setObjectName(QStringLiteral("bannerText"));
    m_close->setText(QStringLiteral("✕"));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Dismiss"));
    m_close->setAccessibleName(tr("Dismiss message"));
    m_close->setObjectName(QStringLiteral("bannerClose"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

void MessageBanner::showMessage(Kind kind, const QString &title, const QStringList &details)
{
    m_subject.clear();
    m_kind = kind;
    m_title = title;
    m_details = details;
    QColor background;
    QStyle::StandardPixmap pixmap = QStyle::SP_MessageBoxInformation;
    switch (kind) {
    case Kind::Info:
        background = QColor(0xe3, 0xf0, 0xff);
        break;
    case Kind::Warning:
        background = QColor(0xff, 0xf4, 0xd6);
        pixmap = QStyle::SP_MessageBoxWarning;
        break;
    case Kind::Error:
        background = QColor(0xfd, 0xe4, 0xe4);
        pixmap = QStyle::SP_MessageBoxCritical;
        break;
    }
    QPalette pal = palette();
    pal.setColor(QPalette::Window, background);
    pal.setColor(QPalette::WindowText, QColor(0x1a, 0x1a, 0x1a));
    setPalette(pal);
    m_icon->setPixmap(style()->standardIcon(pixmap).pixmap(20, 20));
    QString html = u"<b>"_s + title.toHtmlEscaped() + u"</b>"_s;
    if (!details.isEmpty()) {
        html += u"<ul style=\"margin-left:-20px\">"_s;
        for (const QString &d : details)
            html += u"<li>"_s + d.toHtmlEscaped() + u"</li>"_s;
        html += u"</ul>"_s;
    }
    m_text->setText(html);
    m_offerAction = false;
    if (m_actionButton)
        m_actionButton->setVisible(false);
    show();
}

void MessageBanner::offerErrorAction(bool offer)
{
    m_offerAction = offer;
    if (m_actionButton)
        m_actionButton->setVisible(offer && m_kind == Kind::Error);
}

void MessageBanner::report(const QString &subject, Kind kind, const QString &title,
                           const QStringList &details)
{
    showMessage(kind, title, details);
    m_subject = subject;
}

void MessageBanner::resolve(const QString &subject)
{
    if (!subject.isEmpty() && subject == m_subject) {
        m_subject.clear();
        hide();
    }
}

QString MessageBanner::title() const
{
    return m_title;
}

void MessageBanner::setErrorAction(QAction *action)
{
    delete m_actionButton;
    m_actionButton = nullptr;
    if (!action)
        return;
    // The action's text without its menu mnemonic, which would take an Alt key here too.
    m_actionButton = new QPushButton(action->text().remove(u'&'), this);
    m_actionButton->setObjectName(u"bannerActionButton"_s);
    m_actionButton->setToolTip(action->toolTip());
    m_actionButton->setAccessibleName(m_actionButton->text());
    m_actionButton->setEnabled(action->isEnabled());
    m_actionButton->setVisible(m_offerAction && m_kind == Kind::Error);
    connect(m_actionButton, &QPushButton::clicked, action, &QAction::trigger);
    connect(action, &QAction::changed, m_actionButton,
            [button = m_actionButton, action] { button->setEnabled(action->isEnabled()); });
    static_cast<QHBoxLayout *>(layout())->insertWidget(2, m_actionButton, 0, Qt::AlignTop);
}

void MessageBanner::setClosable(bool closable)
{
    m_close->setVisible(closable);
}
