#include "ui/content/apiformdialog.h"

#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "ui/content/contenterror.h"
#include "ui/content/contentlogging.h"
#include "ui/dialogfit.h"
#include "ui/messagebanner.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

ApiFormDialog::ApiFormDialog(BoxClient *client, const QString &asUserId, QWidget *parent)
    : QDialog(parent), m_client(client), m_asUser(asUserId)
{}

void ApiFormDialog::setUpForm(const FormParts &parts, const QString &intro, QFormLayout *form)
{
    m_error = new MessageBanner(this);
    m_progress = new QProgressBar(this);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    auto *introLabel = new QLabel(intro, this);
    introLabel->setWordWrap(true);
    m_error->setObjectName(parts.errorObjectName);
    m_error->setAccessibleName(tr("Problem"));
    m_error->setClosable(false);
    m_error->hide();
    m_progress->setObjectName(parts.progressObjectName);
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setAccessibleName(parts.progressAccessibleName);
    m_progress->hide();
    m_submit = m_buttons->addButton(parts.submitText, QDialogButtonBox::AcceptRole);
    m_submit->setObjectName(parts.submitObjectName);
    m_submit->setDefault(true);
    m_submit->setEnabled(false);
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(u"cancelButton"_s);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ApiFormDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ApiFormDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(introLabel);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);
    resize(parts.width, sizeHint().height());
}

ApiFormDialog::~ApiFormDialog() = default;

bool ApiFormDialog::isBusy() const
{
    return m_reply != nullptr;
}

QString ApiFormDialog::errorText() const
{
    return ContentError::bannerText(m_error);
}

void ApiFormDialog::submit()
{
    if (isBusy())
        return;
    const std::optional<Request> request = this->request();
    if (!request)
        return;
    if (!m_client) {
        showError(tr("The account is no longer loaded. Close this dialog and reload."));
        return;
    }
    ApiReply *reply = request->method == "PUT"
                          ? m_client->put(request->path, request->body, m_asUser)
                          : m_client->post(request->path, request->body, m_asUser);
    m_reply = reply;
    setBusy(true);
    reply->onFinished(
        this, [this, path = request->path,
               method = QString::fromLatin1(request->method)](const ApiResult &result) {
            m_reply = nullptr;
            setBusy(false);
            if (!result.ok()) {
                qCInfo(lcContent) << qUtf8Printable(QString(method + u' ' + path + u" failed:"_s))
                                  << result.error.summary();
                showError(ContentError::text(result.error, guidanceContextOf(m_client)));
                return;
            }
            succeeded(result.json());
            accept();
        });
}

void ApiFormDialog::cancelRequest()
{
    if (m_reply) {
        ApiReply *reply = m_reply;
        m_reply = nullptr;
        // The answer must not reach this dialog (it may be half destroyed): no finished lambda.
        reply->disconnect(this);
        const bool changes = reply->request().method != "GET";
        reply->abort();
        if (changes) {
            qCInfo(lcContent) << "request cancelled after it was sent; Box may have applied it";
            Q_EMIT requestAbandoned();
        }
    }
}

void ApiFormDialog::reject()
{
    cancelRequest();
    QDialog::reject();
}

void ApiFormDialog::inputChanged()
{
    m_submit->setEnabled(canSubmit() && !isBusy());
    m_error->hide();
}

void ApiFormDialog::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    setFieldsBusy(busy);
    m_submit->setEnabled(!busy && canSubmit());
    if (busy)
        m_error->hide();
}

void ApiFormDialog::showError(const QString &text)
{
    ContentError::showIn(m_error, text);
    DialogFit::growToFit(this); // the banner wraps at the dialog's width: every line shows
    focusFields();
}
