#pragma once

#include "core/webhooks/webhooksignature.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

// Paste a delivery's headers and body and see whether it is valid, and why not: with the
// profile's signature keys and the current time (a pasted delivery is checked as if it
// arrived now).
class WebhookVerifierPanel : public QWidget
{
    Q_OBJECT
public:
    explicit WebhookVerifierPanel(QWidget *parent = nullptr);

    void setKeys(const WebhookKeys &keys);
    // What the verdict label shows after verify().
    WebhookVerdict lastVerdict() const { return m_last; }

public Q_SLOTS:
    void verify();

private:
    WebhookKeys m_keys;
    WebhookVerdict m_last;
    QPlainTextEdit *m_headers;
    QPlainTextEdit *m_body;
    QPushButton *m_verify;
    QLabel *m_verdict;
};

// Shows a verdict in `label`: "Valid" or "Invalid" in bold and the reason.
namespace WebhookVerdictLabel {
void show(QLabel *label, const WebhookVerdict &verdict);
}
