#pragma once

#include <QDialog>
#include <QJsonObject>
#include <QPointer>

#include <optional>

class ApiReply;
class BoxClient;
class MessageBanner;
class QDialogButtonBox;
class QFormLayout;
class QProgressBar;
class QPushButton;

// A small dialog that POSTs one request to Box: an intro, a form, an inline problem banner,
// a busy bar and Cancel + a submit button. Submitting asks the subclass for the request
// (it explains bad input itself), sends it as the given user and shows Box's refusal inline
// with the dialog left open; success hands Box's answer to the subclass and accepts. Cancel
// (and closing) aborts a request in flight.
class ApiFormDialog : public QDialog
{
    Q_OBJECT
public:
    ~ApiFormDialog() override;

    QString errorText() const; // the inline problem shown, empty when none
    bool isBusy() const;

public Q_SLOTS:
    void submit();
    void reject() override;

Q_SIGNALS:
    // A POST/PUT was cancelled (Cancel, Esc, closing) after it went out: Box may already have
    // applied it, so whoever shows what it concerns should refresh.
    void requestAbandoned();

protected:
    struct Request
    {
        QString path; // e.g. "/folders"
        QJsonObject body;
        QByteArray method = "POST"; // or "PUT" (e.g. a rename)
    };
    struct FormParts
    {
        QString errorObjectName;
        QString progressObjectName;
        QString progressAccessibleName; // what is happening while busy
        QString submitText;
        QString submitObjectName;
        int width = 480;
    };

    ApiFormDialog(BoxClient *client, const QString &asUserId, QWidget *parent);

    // Builds the banner, busy bar and buttons and lays out `intro` (rich text), `form` and
    // them. Call once the form's fields exist, so the tab order follows them.
    void setUpForm(const FormParts &parts, const QString &intro, QFormLayout *form);
    // Aborts the request in flight, if any. Subclasses call it from their destructor (the
    // abort may report at once, and that calls back into the subclass).
    void cancelRequest();
    // For the fields' change signals: enables submit as canSubmit() says, hides the problem.
    void inputChanged();
    void showError(const QString &text);
    QPushButton *submitButton() const { return m_submit; }
    MessageBanner *errorBanner() const { return m_error; }

    // The request for what was entered; nothing after showError() said why not.
    virtual std::optional<Request> request() = 0;
    // Box's answer to the request; the dialog accepts afterwards.
    virtual void succeeded(const QJsonObject &answer) = 0;
    virtual bool canSubmit() const = 0;
    virtual void setFieldsBusy(bool busy) = 0;
    virtual void focusFields() = 0; // after a problem is shown

private:
    void setBusy(bool busy);

    QPointer<BoxClient> m_client;
    QString m_asUser;
    QPointer<ApiReply> m_reply;
    MessageBanner *m_error = nullptr;
    QProgressBar *m_progress = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_submit = nullptr;
};
