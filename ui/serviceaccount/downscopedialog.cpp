#include "ui/serviceaccount/downscopedialog.h"

#include "core/api/authenticator.h"
#include "core/api/boxclient.h"
#include "core/api/errorguidance.h"
#include "core/api/tokenoperations.h"
#include "core/format/serviceaccountformat.h"
#include "ui/messagebanner.h"
#include "ui/secretclipboard.h"
#include "ui/serviceaccount/serviceaccountlogging.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

DownscopeDialog::DownscopeDialog(BoxClient *client, QWidget *parent)
    : QDialog(parent), m_client(client)
{
    setObjectName(u"downscopeDialog"_s);
    setWindowTitle(tr("Downscope the access token"));

    auto *intro = new QLabel(
        tr("Exchange the current access token for one that can do less: only the scopes you "
           "check, and optionally only one folder or file. Such a token has no refresh token "
           "and is meant for the browser (Box UI Elements) or another less trusted place."),
        this);
    intro->setWordWrap(true);

    m_scopes = new QListWidget(this);
    m_scopes->setObjectName(u"scopeList"_s);
    m_scopes->setAccessibleName(tr("Scopes"));
    for (const QString &scope : availableScopes()) {
        auto *item = new QListWidgetItem(u"%1 — %2"_s.arg(scope, scopeDescription(scope)));
        item->setData(Qt::UserRole, scope);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
        m_scopes->addItem(item);
    }
    connect(m_scopes, &QListWidget::itemChanged, this, &DownscopeDialog::validate);

    m_resourceType = new QComboBox(this);
    m_resourceType->setObjectName(u"resourceType"_s);
    m_resourceType->setAccessibleName(tr("Resource type"));
    m_resourceType->addItem(tr("Folder"), int(ResourceType::Folder));
    m_resourceType->addItem(tr("File"), int(ResourceType::File));
    m_resourceId = new QLineEdit(this);
    m_resourceId->setObjectName(u"resourceId"_s);
    m_resourceId->setAccessibleName(tr("Folder or file ID"));
    m_resourceId->setPlaceholderText(tr("Optional: any item the token may reach"));
    m_resourceId->setClearButtonEnabled(true);
    connect(m_resourceId, &QLineEdit::textChanged, this, &DownscopeDialog::validate);
    auto *resourceRow = new QHBoxLayout;
    resourceRow->addWidget(m_resourceType);
    resourceRow->addWidget(m_resourceId, 1);
    m_inputProblem = new QLabel(this);
    m_inputProblem->setObjectName(u"inputProblem"_s);
    m_inputProblem->setWordWrap(true);
    m_inputProblem->hide();
    QPalette warn = m_inputProblem->palette();
    warn.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_inputProblem->setPalette(warn);

    m_exchange = new QPushButton(tr("Get downscoped token"), this);
    m_exchange->setObjectName(u"exchangeButton"_s);
    m_exchange->setAccessibleName(tr("Get downscoped token"));
    m_exchange->setDefault(true);
    connect(m_exchange, &QPushButton::clicked, this, &DownscopeDialog::exchange);

    m_busyRow = BusyRow::create(this, u"cancelExchangeButton"_s, tr("Cancel the exchange"));
    connect(m_busyRow.cancel, &QPushButton::clicked, this, &DownscopeDialog::cancelExchange);

    m_banner = new MessageBanner(this);
    m_banner->setObjectName(u"downscopeBanner"_s);
    m_banner->hide();

    m_result = new QWidget(this);
    m_result->setObjectName(u"downscopeResult"_s);
    m_expiry = new QLabel(m_result);
    m_expiry->setObjectName(u"downscopedExpiry"_s);
    m_expiry->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_restrictions = new QTreeWidget(m_result);
    m_restrictions->setObjectName(u"restrictedToList"_s);
    m_restrictions->setAccessibleName(tr("Restricted to"));
    m_restrictions->setHeaderLabels({tr("Scope"), tr("Type"), tr("Name"), tr("ID")});
    m_restrictions->setRootIsDecorated(false);
    m_restrictions->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_copy = new QPushButton(tr("Copy downscoped token"), m_result);
    m_copy->setObjectName(u"copyDownscopedButton"_s);
    m_copy->setAccessibleName(tr("Copy downscoped token"));
    m_copy->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_copy->setToolTip(tr("Copy downscoped token (%1)")
                           .arg(m_copy->shortcut().toString(QKeySequence::NativeText)));
    connect(m_copy, &QPushButton::clicked, this, &DownscopeDialog::copyToken);
    auto *resultLayout = new QVBoxLayout(m_result);
    resultLayout->setContentsMargins(0, 0, 0, 0);
    resultLayout->addWidget(m_expiry);
    resultLayout->addWidget(m_restrictions, 1);
    resultLayout->addWidget(m_copy, 0, Qt::AlignLeft);
    m_result->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(tr("Scopes:"), m_scopes);
    form->addRow(tr("Only this item:"), resourceRow);
    form->addRow(QString(), m_inputProblem);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_exchange, 0, Qt::AlignLeft);
    layout->addWidget(m_busyRow.widget);
    layout->addWidget(m_banner);
    layout->addWidget(m_result, 1);
    layout->addWidget(m_buttons);
    resize(560, 560);
    validate();
}

DownscopeDialog::~DownscopeDialog() = default;

QStringList DownscopeDialog::availableScopes()
{
    // components.schemas.ResourceScope in Box's OpenAPI spec, then the app scopes Box also
    // downscopes to (read-only or read-write on everything the user can reach).
    return {u"item_preview"_s,        u"item_download"_s,        u"item_read"_s,
            u"item_upload"_s,         u"item_share"_s,           u"item_rename"_s,
            u"item_delete"_s,         u"base_explorer"_s,        u"base_preview"_s,
            u"base_picker"_s,         u"base_upload"_s,          u"annotation_edit"_s,
            u"annotation_view_all"_s, u"annotation_view_self"_s, u"root_readonly"_s,
            u"root_readwrite"_s};
}

QString DownscopeDialog::scopeDescription(const QString &scope)
{
    static const QHash<QString, const char *> texts = {
        {u"item_preview"_s, QT_TR_NOOP("preview files")},
        {u"item_download"_s, QT_TR_NOOP("download files and folders")},
        {u"item_read"_s, QT_TR_NOOP("read file and folder information")},
        {u"item_upload"_s, QT_TR_NOOP("upload files")},
        {u"item_share"_s, QT_TR_NOOP("share files and folders")},
        {u"item_rename"_s, QT_TR_NOOP("rename files and folders")},
        {u"item_delete"_s, QT_TR_NOOP("delete files and folders")},
        {u"base_explorer"_s, QT_TR_NOOP("Content Explorer UI Element")},
        {u"base_preview"_s, QT_TR_NOOP("Content Preview UI Element")},
        {u"base_picker"_s, QT_TR_NOOP("Content Picker UI Element")},
        {u"base_upload"_s, QT_TR_NOOP("Content Uploader UI Element")},
        {u"annotation_edit"_s, QT_TR_NOOP("edit and delete annotations")},
        {u"annotation_view_all"_s, QT_TR_NOOP("view everyone's annotations")},
        {u"annotation_view_self"_s, QT_TR_NOOP("view one's own annotations")},
        {u"root_readonly"_s, QT_TR_NOOP("read all files and folders the user can reach")},
        {u"root_readwrite"_s,
         QT_TR_NOOP("read and write all files and folders the user can reach")},
    };
    const char *text = texts.value(scope);
    return text ? tr(text) : QString();
}

void DownscopeDialog::setScopes(const QStringList &scopes)
{
    for (int i = 0; i < m_scopes->count(); ++i) {
        QListWidgetItem *item = m_scopes->item(i);
        item->setCheckState(scopes.contains(item->data(Qt::UserRole).toString()) ? Qt::Checked
                                                                                 : Qt::Unchecked);
    }
}

QStringList DownscopeDialog::scopes() const
{
    QStringList out;
    for (int i = 0; i < m_scopes->count(); ++i) {
        const QListWidgetItem *item = m_scopes->item(i);
        if (item->checkState() == Qt::Checked)
            out << item->data(Qt::UserRole).toString();
    }
    return out;
}

void DownscopeDialog::setResource(ResourceType type, const QString &id)
{
    m_resourceType->setCurrentIndex(m_resourceType->findData(int(type)));
    m_resourceId->setText(id);
}

void DownscopeDialog::validate()
{
    static const QRegularExpression digits(u"^\\d+$"_s);
    const QString id = m_resourceId->text().trimmed();
    QString problem;
    if (!id.isEmpty() && !digits.match(id).hasMatch())
        problem = tr("A Box ID is a number, such as 123456789 (from the item's web address).");
    m_inputProblem->setText(problem);
    m_inputProblem->setVisible(!problem.isEmpty());
    const bool any = !scopes().isEmpty();
    m_exchange->setEnabled(!m_busy && m_client && any && problem.isEmpty());
    m_exchange->setToolTip(any ? QString() : tr("Check at least one scope."));
}

void DownscopeDialog::setBusy(bool busy, const QString &text)
{
    m_busy = busy;
    m_busyRow.text->setText(text);
    m_busyRow.widget->setVisible(busy);
    m_scopes->setEnabled(!busy);
    m_resourceId->setEnabled(!busy);
    m_resourceType->setEnabled(!busy);
    validate();
}

void DownscopeDialog::exchange()
{
    if (m_busy || !m_client || !m_client->authenticator() || scopes().isEmpty())
        return;
    m_banner->hide();
    m_result->hide();
    m_token.clear();
    m_restrictedTo = {};
    m_expiresAt = {};
    // The exchange's answers are bound to its context; Cancel deletes it.
    delete m_exchangeContext;
    m_exchangeContext = new QObject(this);
    QObject *context = m_exchangeContext;
    setBusy(true, tr("Exchanging the token…"));
    const QStringList wanted = scopes();
    const QString id = m_resourceId->text().trimmed();
    QUrl resource;
    if (!id.isEmpty()) {
        const bool folder =
            ResourceType(m_resourceType->currentData().toInt()) == ResourceType::Folder;
        resource = m_client->apiUrl((folder ? u"/folders/"_s : u"/files/"_s) + id);
    }
    auto fail = [this](const BoxError &error) {
        setBusy(false);
        const AppProfile profile = m_client ? m_client->profile() : AppProfile();
        const Guidance g = guidanceFor(error, {profile.method, profile.clientId});
        const QStringList details = ServiceAccountFormat::guidanceDetails(g, error, false);
        m_banner->showMessage(MessageBanner::Kind::Error,
                              g.isEmpty() ? tr("The token exchange failed") : g.title, details);
        m_banner->show();
        Q_EMIT exchangeFinished(false);
    };
    m_client->authenticator()->requestToken(context, [this, context, wanted, resource,
                                                      fail](const QString &subject,
                                                            const BoxError &error) {
        if (error.isError() || subject.isEmpty() || !m_client) {
            fail(error);
            return;
        }
        TokenOperations::downscope(m_client, subject, wanted, resource, context,
                                   [this, fail](const AccessToken &token,
                                                const QJsonArray &restrictedTo, const BoxError &e) {
                                       if (e.isError()) {
                                           fail(e);
                                           return;
                                       }
                                       m_token = token.value;
                                       m_expiresAt = token.expiresAt;
                                       m_restrictedTo = restrictedTo;
                                       setBusy(false);
                                       showResult();
                                       qCInfo(lcServiceAccount)
                                           << "downscoped token received with"
                                           << restrictedTo.size() << "restrictions";
                                       Q_EMIT exchangeFinished(true);
                                   });
    });
}

void DownscopeDialog::cancelExchange()
{
    if (!m_busy)
        return;
    delete m_exchangeContext; // its answers are dropped
    setBusy(false);
    m_banner->showMessage(MessageBanner::Kind::Info, tr("The exchange was cancelled."));
    m_banner->show();
}

void DownscopeDialog::showResult()
{
    m_restrictions->clear();
    for (const QJsonValue &v : std::as_const(m_restrictedTo)) {
        const QJsonObject r = v.toObject();
        const QJsonObject object = r.value(u"object"_s).toObject();
        auto *item = new QTreeWidgetItem(m_restrictions);
        item->setText(0, r.value(u"scope"_s).toString());
        item->setText(1, object.value(u"type"_s).toString());
        item->setText(2, object.value(u"name"_s).toString());
        item->setText(3, object.value(u"id"_s).toVariant().toString());
    }
    if (m_restrictedTo.isEmpty()) {
        auto *item = new QTreeWidgetItem(m_restrictions);
        item->setText(0, scopes().join(u", "_s));
        item->setText(2, tr("any item the original token can reach"));
    }
    const qint64 left = QDateTime::currentDateTimeUtc().secsTo(m_expiresAt);
    m_expiry->setText(tr("Expires at %1 (in about %2 min).")
                          .arg(QLocale().toString(m_expiresAt.toLocalTime().time()))
                          .arg(qMax<qint64>(0, left / 60)));
    m_result->show();
    m_copy->setFocus();
}

QString DownscopeDialog::resultText() const
{
    QStringList lines{m_expiry->text()};
    for (int i = 0; i < m_restrictions->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_restrictions->topLevelItem(i);
        lines << u"%1 %2 %3 %4"_s.arg(item->text(0), item->text(1), item->text(2), item->text(3));
    }
    return lines.join(u'\n');
}

void DownscopeDialog::copyToken()
{
    if (m_token.isEmpty())
        return;
    SecretClipboard::copy(m_token, m_clipboardClearMs);
    m_banner->showMessage(MessageBanner::Kind::Info,
                          tr("Downscoped token copied. The clipboard is cleared in %n second(s) "
                             "if it still holds it.",
                             nullptr, qMax(1, m_clipboardClearMs / 1000)));
    m_banner->show();
}
