#include "ui/webhooks/webhookverifierpanel.h"

#include "ui/inspector/statuscolours.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

void WebhookVerdictLabel::show(QLabel *label, const WebhookVerdict &verdict)
{
    const QColor colour = StatusColours::forStatus(
        verdict.isValid() ? 200 : 500,
        label->parentWidget() ? label->parentWidget()->palette() : label->palette());
    label->setTextFormat(Qt::RichText);
    label->setText(u"<b style=\"color:%1\">%2</b> — %3"_s.arg(
        colour.name(), verdict.verdictText().toHtmlEscaped(),
        verdict.reasonText().toHtmlEscaped()));
    label->setAccessibleName(verdict.verdictText() + u": "_s + verdict.reasonText());
    label->show();
}

WebhookVerifierPanel::WebhookVerifierPanel(QWidget *parent)
    : QWidget(parent), m_headers(new QPlainTextEdit(this)), m_body(new QPlainTextEdit(this)),
      m_verify(new QPushButton(tr("Ver&ify"), this)), m_verdict(new QLabel(this))
{
    setObjectName(u"webhookVerifierPanel"_s);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_headers->setObjectName(u"verifierHeaders"_s);
    m_headers->setFont(mono);
    m_headers->setPlaceholderText(
        tr("Paste the delivery's headers, one per line, e.g.\nBOX-DELIVERY-TIMESTAMP: "
           "2026-01-02T03:04:05-08:00\nBOX-SIGNATURE-PRIMARY: …\nBOX-SIGNATURE-SECONDARY: …"));
    m_headers->setAccessibleName(tr("Delivery headers"));
    m_body->setObjectName(u"verifierBody"_s);
    m_body->setFont(mono);
    m_body->setPlaceholderText(tr("Paste the delivery's body exactly as received (raw bytes: "
                                  "a reformatted body no longer matches its signature)."));
    m_body->setAccessibleName(tr("Delivery body"));
    m_verify->setObjectName(u"verifyButton"_s);
    m_verdict->setObjectName(u"verifierVerdict"_s);
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verdict->hide();
    auto *headersBox = new QWidget(this);
    auto *hl = new QVBoxLayout(headersBox);
    hl->setContentsMargins(0, 0, 0, 0);
    auto *headersLabel = new QLabel(tr("Heade&rs:"), headersBox);
    headersLabel->setBuddy(m_headers);
    hl->addWidget(headersLabel);
    hl->addWidget(m_headers);
    auto *bodyBox = new QWidget(this);
    auto *bl = new QVBoxLayout(bodyBox);
    bl->setContentsMargins(0, 0, 0, 0);
    auto *bodyLabel = new QLabel(tr("&Body:"), bodyBox);
    bodyLabel->setBuddy(m_body);
    bl->addWidget(bodyLabel);
    bl->addWidget(m_body);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(headersBox);
    split->addWidget(bodyBox);
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);
    layout->addWidget(m_verify, 0, Qt::AlignLeft);
    layout->addWidget(m_verdict);
    connect(m_verify, &QPushButton::clicked, this, &WebhookVerifierPanel::verify);
}

void WebhookVerifierPanel::setKeys(const WebhookKeys &keys)
{
    m_keys = keys;
    if (m_verdict->isVisible())
        verify();
}

void WebhookVerifierPanel::verify()
{
    QStringList unreadable;
    const RawHeaders headers =
        WebhookSignature::parseHeaderText(m_headers->toPlainText(), &unreadable);
    m_last = WebhookSignature::verify(headers, m_body->toPlainText().toUtf8(), m_keys,
                                      QDateTime::currentDateTimeUtc());
    WebhookVerdictLabel::show(m_verdict, m_last);
    using Reason = WebhookVerdict::Reason;
    if (m_last.reason == Reason::Mismatch || m_last.reason == Reason::BodyChanged ||
        m_last.reason == Reason::WrongKey)
        m_verdict->setText(
            m_verdict->text() + u"<br>"_s +
            tr("Note: pasting can change bytes the signature covers — carriage returns (CR) are "
               "dropped, non-breaking spaces become spaces, a trailing newline is added or lost. "
               "Check the body as received, e.g. in the Local receiver tab.")
                .toHtmlEscaped());
    if (!unreadable.isEmpty())
        m_verdict->setText(m_verdict->text() + u"<br>"_s +
                           tr("Lines that are not headers were left out: %1")
                               .arg(unreadable.join(u" | "_s).toHtmlEscaped()));
}
