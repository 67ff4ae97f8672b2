#include "ui/appusers/appuserdialog.h"

#include "core/api/apireply.h"
#include "core/api/appusercreator.h"
#include "core/api/boxclient.h"
#include "core/appusers/appusererrors.h"
#include "core/appusers/appuserslogging.h"
#include "core/appusers/externalidcheck.h"
#include "ui/dialogfit.h"
#include "ui/fielderrorlabel.h"
#include "ui/inspector/statuscolours.h"
#include "ui/messagebanner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTimeZone>
#include <QUrlQuery>
#include <QVBoxLayout>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr double BytesPerGb = 1024.0 * 1024.0 * 1024.0;
constexpr qint64 UnlimitedAnswer = 999999999999999LL; // Box's answer after -1

// Box's documented maximum lengths.
constexpr int MaxJobTitle = 100;
constexpr int MaxPhone = 100;
constexpr int MaxAddress = 255;

double roundedGb(qint64 bytes)
{
    return std::round(double(bytes) / BytesPerGb * 100.0) / 100.0;
}
} // namespace

QStringList AppUserDialog::fieldNames()
{
    return {u"name"_s,         u"external_app_user_id"_s,
            u"space_amount"_s, u"status"_s,
            u"language"_s,     u"timezone"_s,
            u"job_title"_s,    u"phone"_s,
            u"address"_s};
}

AppUserDialog::AppUserDialog(BoxClient *client, QWidget *parent)
    : AppUserDialog(client, QString(), parent)
{}

AppUserDialog::AppUserDialog(BoxClient *client, const QString &userId, QWidget *parent)
    : QDialog(parent), m_client(client), m_userId(userId)
{
    setObjectName(isEditing() ? u"editAppUserDialog"_s : u"createAppUserDialog"_s);
    setWindowTitle(isEditing() ? tr("Edit App User") : tr("New App User"));
    buildForm();
    if (!isEditing()) {
        m_loaded = true;
        m_name->setFocus();
    } else {
        setBusy(true, tr("Reading the user from Box…"));
    }
}

void AppUserDialog::buildForm()
{
    m_banner = new MessageBanner(this);
    m_banner->setObjectName(u"appUserBanner"_s);
    m_banner->hide();
    m_status = new QLabel(this);
    m_status->setObjectName(u"appUserStatus"_s);
    m_status->hide();

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto addRow = [&](const QString &field, const QString &label, QWidget *editor,
                      QWidget *fieldWidget = nullptr) {
        editor->setObjectName(u"field_"_s + field);
        editor->setAccessibleName(label);
        QLabel *error = FieldErrorLabel::create(u"error_"_s + field, this);
        error->setAccessibleName(tr("%1 problem").arg(label));
        auto *box = new QWidget(this);
        auto *v = new QVBoxLayout(box);
        v->setContentsMargins(0, 0, 0, 0);
        v->setSpacing(2);
        v->addWidget(fieldWidget ? fieldWidget : editor);
        v->addWidget(error);
        form->addRow(label + u':', box);
        m_editors.insert(field, editor);
        m_errors.insert(field, error);
    };

    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("Required, up to 50 characters"));
    addRow(u"name"_s, tr("Name"), m_name);

    m_externalId = new QLineEdit(this);
    m_externalId->setPlaceholderText(tr("Your system's ID for this user (optional)"));
    addRow(u"external_app_user_id"_s, tr("External app user ID"), m_externalId);
    buildExternalIdCheck();

    m_space = new QDoubleSpinBox(this);
    m_space->setDecimals(2);
    m_space->setRange(0, 1024.0 * 1024.0); // up to 1 PB
    m_space->setSuffix(tr(" GB"));
    m_space->setSingleStep(1);
    m_unlimited = new QCheckBox(tr("Unlimited"), this);
    m_unlimited->setObjectName(u"unlimitedCheck"_s);
    m_unlimited->setAccessibleName(tr("Unlimited storage"));
    if (!isEditing())
        m_space->setSpecialValueText(tr("Box default"));
    connect(m_unlimited, &QCheckBox::toggled, m_space, &QWidget::setDisabled);
    auto *spaceRow = new QWidget(this);
    auto *spaceLayout = new QHBoxLayout(spaceRow);
    spaceLayout->setContentsMargins(0, 0, 0, 0);
    spaceLayout->addWidget(m_space, 1);
    spaceLayout->addWidget(m_unlimited);
    addRow(u"space_amount"_s, tr("Storage"), m_space, spaceRow);

    m_statusCombo = new QComboBox(this);
    m_statusCombo->addItem(tr("Active"), u"active"_s);
    m_statusCombo->addItem(tr("Inactive"), u"inactive"_s);
    m_statusCombo->addItem(tr("Cannot delete or edit"), u"cannot_delete_edit"_s);
    m_statusCombo->addItem(tr("Cannot delete, edit or upload"), u"cannot_delete_edit_upload"_s);
    addRow(u"status"_s, tr("Status"), m_statusCombo);

    m_language = new QComboBox(this);
    m_language->setEditable(true);
    m_language->addItem(QString());
    for (const QString &code :
         {u"en"_s, u"da"_s, u"de"_s, u"es"_s, u"fi"_s, u"fr"_s, u"it"_s, u"ja"_s, u"ko"_s, u"nb"_s,
          u"nl"_s, u"pl"_s, u"pt"_s, u"ru"_s, u"sv"_s, u"tr"_s, u"zh-CN"_s, u"zh-TW"_s})
        m_language->addItem(code);
    m_language->lineEdit()->setPlaceholderText(tr("Box default, e.g. en"));
    addRow(u"language"_s, tr("Language"), m_language);

    m_timezone = new QComboBox(this);
    m_timezone->setEditable(true);
    m_timezone->addItem(QString());
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        m_timezone->addItem(QString::fromLatin1(id));
    m_timezone->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_timezone->setMinimumContentsLength(24);
    m_timezone->lineEdit()->setPlaceholderText(tr("Box default, e.g. America/Los_Angeles"));
    addRow(u"timezone"_s, tr("Time zone"), m_timezone);

    m_jobTitle = new QLineEdit(this);
    addRow(u"job_title"_s, tr("Job title"), m_jobTitle);
    m_phone = new QLineEdit(this);
    addRow(u"phone"_s, tr("Phone"), m_phone);
    m_address = new QLineEdit(this);
    addRow(u"address"_s, tr("Address"), m_address);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(u"appUserButtons"_s);
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setObjectName(u"saveButton"_s);
    ok->setText(isEditing() ? tr("Save") : tr("Create"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(u"cancelButton"_s);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AppUserDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, [this] {
        if (ApiReply *r = m_reply.data()) {
            m_reply = nullptr;
            r->abort();
        }
        reject();
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(m_status);
    layout->addLayout(form);
    layout->addStretch();
    layout->addWidget(m_buttons);
    resize(520, sizeHint().height());
}

void AppUserDialog::buildExternalIdCheck()
{
    // A warning, not an error: Box accepts a second user with the same external ID.
    m_externalIdWarning = new QLabel(this);
    m_externalIdWarning->setObjectName(u"warning_external_app_user_id"_s);
    m_externalIdWarning->setWordWrap(true);
    m_externalIdWarning->setAccessibleName(tr("External app user ID warning"));
    QPalette warningPalette = m_externalIdWarning->palette();
    warningPalette.setColor(QPalette::WindowText, StatusColours::forStatus(400, warningPalette));
    m_externalIdWarning->setPalette(warningPalette);
    m_externalIdWarning->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_externalIdWarning->setMinimumWidth(1);
    m_externalIdWarning->hide();
    if (auto *box = qobject_cast<QVBoxLayout *>(m_externalId->parentWidget()->layout()))
        box->addWidget(m_externalIdWarning);

    m_externalIdCheck = new ExternalIdCheck(m_client, this);
    m_externalIdCheck->setExcludedUserId(m_userId);
    connect(m_externalId, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (text.trimmed() != m_externalIdCheck->checkedId())
            m_externalIdWarning->hide(); // about a value no longer in the field
        m_externalIdCheck->check(text);
    });
    connect(m_externalId, &QLineEdit::editingFinished, this, [this] {
        if (m_loaded)
            m_externalIdCheck->checkNow(m_externalId->text());
    });
    connect(m_externalIdCheck, &ExternalIdCheck::checked, this,
            [this](const QString &externalId, const QList<ExternalIdCheck::User> &users) {
                if (externalId != m_externalId->text().trimmed())
                    return;
                const QString text = ExternalIdCheck::warningText(externalId, users);
                m_externalIdWarning->setText(text);
                m_externalIdWarning->setVisible(!text.isEmpty());
                growToFit();
            });
}

void AppUserDialog::growToFit()
{
    // A message under a field wraps at the dialog's width: grow taller (never wider) so every
    // line shows.
    DialogFit::growToFit(this);
}

QString AppUserDialog::externalIdWarning() const
{
    return m_externalIdWarning->isHidden() ? QString() : m_externalIdWarning->text();
}

QWidget *AppUserDialog::editor(const QString &field) const
{
    return m_editors.value(field);
}

QLabel *AppUserDialog::errorLabel(const QString &field) const
{
    return m_errors.value(field);
}

QString AppUserDialog::errorText(const QString &field) const
{
    QLabel *label = m_errors.value(field);
    return label && !label->isHidden() ? label->text() : QString();
}

void AppUserDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    if (isEditing() && !m_loadStarted)
        load();
}

void AppUserDialog::setBusy(bool busy, const QString &text)
{
    m_busy = busy;
    for (QWidget *w : std::as_const(m_editors))
        w->setEnabled(!busy && (w != m_space || !m_unlimited->isChecked()));
    m_unlimited->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!busy);
    m_status->setText(text);
    m_status->setVisible(busy && !text.isEmpty());
}

void AppUserDialog::load()
{
    m_loadStarted = true;
    if (!m_client)
        return;
    QUrlQuery query;
    query.addQueryItem(u"fields"_s, fieldNames().join(u','));
    ApiReply *reply = m_client->get(u"/users/"_s + m_userId, query);
    m_reply = reply;
    reply->onFinished(this, [this](const ApiResult &result) {
        m_reply = nullptr;
        if (!result.ok()) {
            setBusy(false);
            m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
            m_banner->showMessage(
                MessageBanner::Kind::Error, tr("The user could not be read"),
                {AppUserErrors::describe(result.error, guidanceContextOf(m_client))});
            m_banner->show();
            return;
        }
        fill(result.json());
        m_original = currentValues();
        m_loaded = true;
        setBusy(false);
        m_name->setFocus();
        m_name->selectAll();
    });
}

void AppUserDialog::fill(const QJsonObject &user)
{
    m_name->setText(user.value(u"name"_s).toString());
    m_externalId->setText(user.value(u"external_app_user_id"_s).toString());
    const qint64 amount = user.value(u"space_amount"_s).toInteger(-1);
    const bool unlimited = amount >= UnlimitedAnswer || amount < 0;
    m_unlimited->setChecked(unlimited);
    m_space->setValue(unlimited ? 0 : roundedGb(amount));
    const int status = m_statusCombo->findData(user.value(u"status"_s).toString());
    m_statusCombo->setCurrentIndex(status < 0 ? 0 : status);
    m_language->setCurrentText(user.value(u"language"_s).toString());
    m_timezone->setCurrentText(user.value(u"timezone"_s).toString());
    m_jobTitle->setText(user.value(u"job_title"_s).toString());
    m_phone->setText(user.value(u"phone"_s).toString());
    m_address->setText(user.value(u"address"_s).toString());
}

qint64 AppUserDialog::spaceBytes() const
{
    if (m_unlimited->isChecked())
        return -1;
    return qint64(std::llround(m_space->value() * BytesPerGb));
}

QJsonObject AppUserDialog::currentValues() const
{
    QJsonObject o{
        {u"name"_s, m_name->text().trimmed()},
        {u"external_app_user_id"_s, m_externalId->text().trimmed()},
        {u"status"_s, m_statusCombo->currentData().toString()},
        {u"language"_s, m_language->currentText().trimmed()},
        {u"timezone"_s, m_timezone->currentText().trimmed()},
        {u"job_title"_s, m_jobTitle->text().trimmed()},
        {u"phone"_s, m_phone->text().trimmed()},
        {u"address"_s, m_address->text().trimmed()},
    };
    // The spin box shows GB with two decimals: compare what it shows, not raw bytes, so an
    // untouched amount is not "changed" by rounding.
    o.insert(u"space_amount"_s, m_unlimited->isChecked() ? -1.0 : m_space->value());
    return o;
}

QHash<QString, QString> AppUserDialog::validate() const
{
    QHash<QString, QString> problems;
    // Box counts characters (code points), as the CSV import does: an emoji is one.
    auto characters = [](const QString &text) { return int(text.toUcs4().size()); };
    const QString name = m_name->text().trimmed();
    if (name.isEmpty())
        problems.insert(u"name"_s, tr("Enter a name."));
    else if (characters(name) > MaxNameLength)
        problems.insert(u"name"_s, tr("Box allows at most %1 characters; this name has %2.")
                                       .arg(MaxNameLength)
                                       .arg(characters(name)));
    auto maxLength = [&](const QString &field, const QString &text, int max) {
        if (characters(text) > max)
            problems.insert(field, tr("Box allows at most %1 characters; this has %2.")
                                       .arg(max)
                                       .arg(characters(text)));
    };
    maxLength(u"job_title"_s, m_jobTitle->text().trimmed(), MaxJobTitle);
    maxLength(u"phone"_s, m_phone->text().trimmed(), MaxPhone);
    maxLength(u"address"_s, m_address->text().trimmed(), MaxAddress);
    const QString language = m_language->currentText().trimmed();
    static const QRegularExpression languagePattern(u"^[a-z]{2,3}(-[A-Za-z]{2,4})?$"_s);
    if (!language.isEmpty() && !languagePattern.match(language).hasMatch())
        problems.insert(u"language"_s,
                        tr("Use a language code such as en, fr or zh-CN (Box's ISO 639-1 form)."));
    const QString timezone = m_timezone->currentText().trimmed();
    if (!timezone.isEmpty() && !QTimeZone::isTimeZoneIdAvailable(timezone.toLatin1()))
        problems.insert(u"timezone"_s,
                        tr("\"%1\" is not a time zone name; use one from the list, such as "
                           "America/Los_Angeles.")
                            .arg(timezone));
    return problems;
}

QJsonObject AppUserDialog::requestBody() const
{
    const QJsonObject now = currentValues();
    QJsonObject body;
    for (auto it = now.begin(); it != now.end(); ++it) {
        if (isEditing()) {
            if (m_original.value(it.key()) == it.value())
                continue;
        } else if (it.value().isString() && it.value().toString().isEmpty()) {
            continue; // create: empty means "Box's default"
        }
        body.insert(it.key(), it.value());
    }
    if (body.contains(u"space_amount"_s)) {
        if (!isEditing() && !m_unlimited->isChecked() && m_space->value() == 0)
            body.remove(u"space_amount"_s); // "Box default"
        else
            body.insert(u"space_amount"_s, double(spaceBytes()));
    }
    return body;
}

void AppUserDialog::clearErrors()
{
    for (QLabel *label : std::as_const(m_errors)) {
        label->clear();
        label->hide();
    }
    m_banner->hide();
}

void AppUserDialog::showErrors(const QHash<QString, QString> &errors)
{
    QWidget *first = nullptr;
    for (const QString &field : fieldNames()) {
        if (!errors.contains(field))
            continue;
        QLabel *label = m_errors.value(field);
        label->setText(errors.value(field));
        label->show();
        if (!first)
            first = m_editors.value(field);
    }
    if (first)
        first->setFocus();
    growToFit();
}

void AppUserDialog::showBoxError(const BoxError &error)
{
    QHash<QString, QString> fields = AppUserErrors::fieldErrors(error);
    QHash<QString, QString> shown;
    QStringList others;
    // Box quotes the refused value ("Invalid value '…'"); a long one is cut short.
    static const QRegularExpression quoted(u"'([^']{40})[^']{8,}'"_s);
    for (auto it = fields.begin(); it != fields.end(); ++it)
        it.value().replace(quoted, u"'\\1…'"_s);
    for (auto it = fields.cbegin(); it != fields.cend(); ++it) {
        if (m_editors.contains(it.key()))
            shown.insert(it.key(), it.value());
        else
            others.append(it.key() + u": "_s + it.value());
    }
    showErrors(shown);
    if (shown.isEmpty() || !others.isEmpty()) {
        m_banner->showMessage(
            MessageBanner::Kind::Error,
            isEditing() ? tr("Box did not save the changes") : tr("Box did not create the user"),
            others.isEmpty()
                ? QStringList{AppUserErrors::describe(error, guidanceContextOf(m_client))}
                : others);
        m_banner->show();
    }
}

void AppUserDialog::submit()
{
    if (m_busy || !m_loaded || !m_client)
        return;
    clearErrors();
    const QHash<QString, QString> problems = validate();
    if (!problems.isEmpty()) {
        showErrors(problems);
        return;
    }
    const QJsonObject body = requestBody();
    if (isEditing() && body.isEmpty()) {
        accept(); // nothing changed: nothing to send
        return;
    }
    if (!isEditing()) {
        setBusy(true, tr("Creating the user…"));
        AppUserCreator::create(
            m_client, body, {}, this, [this, body](const AppUserCreator::Outcome &o) {
                setBusy(false);
                if (!o.ok()) {
                    qCInfo(lcAppUsers) << "create failed:" << o.result.error.summary();
                    showBoxError(o.result.error);
                    return;
                }
                QJsonObject user = o.user;
                // Box's answer has the standard fields only.
                if (!user.contains(u"external_app_user_id"_s) &&
                    body.contains(u"external_app_user_id"_s))
                    user.insert(u"external_app_user_id"_s, body.value(u"external_app_user_id"_s));
                Q_EMIT userSaved(user);
                accept();
            });
        return;
    }
    setBusy(true, tr("Saving…"));
    QUrlQuery query;
    query.addQueryItem(u"fields"_s, u"name,login,external_app_user_id,status,space_used,"
                                    "space_amount,created_at"_s);
    ApiRequest request;
    request.method = "PUT";
    request.url = m_client->apiUrl(u"/users/"_s + m_userId, query);
    request.contentType = "application/json";
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    ApiReply *reply = m_client->send(request);
    m_reply = reply;
    reply->onFinished(this, [this](const ApiResult &result) {
        m_reply = nullptr;
        setBusy(false);
        if (!result.ok()) {
            qCInfo(lcAppUsers) << "update failed:" << result.error.summary();
            showBoxError(result.error);
            return;
        }
        QJsonObject user = result.json();
        if (!user.contains(u"id"_s))
            user.insert(u"id"_s, m_userId);
        Q_EMIT userSaved(user);
        accept();
    });
}
