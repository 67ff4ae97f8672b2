#include "ui/appusers/deleteappusersdialog.h"

#include "core/appusers/appuserdeleter.h"
#include "core/appusers/appusererrors.h"
#include "ui/inspector/statuscolours.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <utility>

using namespace Qt::Literals::StringLiterals;

DeleteAppUsersDialog::DeleteAppUsersDialog(BoxClient *client,
                                           const QList<QPair<QString, QString>> &users,
                                           QWidget *parent)
    : QDialog(parent), m_users(users), m_deleter(new AppUserDeleter(client, this)),
      m_question(new QLabel(this)),
      m_force(new QCheckBox(tr("Also delete their files (force)"), this)),
      m_progress(new QProgressBar(this)), m_summary(new QLabel(this)),
      m_forceOffer(new QWidget(this)), m_forceOfferText(new QLabel(m_forceOffer)),
      m_forceDelete(new QPushButton(tr("Delete with Their Content"), m_forceOffer)),
      m_results(new QTableWidget(int(users.size()), 3, this))
{
    setObjectName(u"deleteAppUsersDialog"_s);
    setWindowTitle(users.size() == 1 ? tr("Delete App User") : tr("Delete App Users"));
    m_question->setObjectName(u"deleteQuestion"_s);
    m_question->setWordWrap(true);
    if (users.size() == 1) {
        m_question->setText(
            tr("<p><b>Delete %1?</b></p><p>User ID %2. This cannot be "
               "undone.</p>")
                .arg(users.first().second.toHtmlEscaped(), users.first().first.toHtmlEscaped()));
    } else {
        m_question->setText(tr("<p><b>Delete %n app users?</b></p><p>This cannot be undone.</p>",
                               nullptr, int(users.size())));
    }
    m_force->setObjectName(u"forceCheck"_s);
    m_force->setAccessibleName(tr("Also delete their files"));
    m_force->setToolTip(tr("Without this, Box refuses to delete a user who still owns files "
                           "or folders."));
    m_progress->setObjectName(u"deleteProgress"_s);
    m_progress->setRange(0, int(users.size()));
    m_progress->setValue(0);
    m_progress->setAccessibleName(tr("Deleted so far"));
    m_progress->hide();
    m_summary->setObjectName(u"deleteSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->hide();

    // After Box refused users who own content: say what force does, then offer it for them.
    m_forceOffer->setObjectName(u"forceOffer"_s);
    m_forceOfferText->setObjectName(u"forceOfferText"_s);
    m_forceOfferText->setWordWrap(true);
    m_forceOfferText->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_forceOfferText->setMinimumWidth(1);
    m_forceDelete->setObjectName(u"deleteWithContentButton"_s);
    m_forceDelete->setAutoDefault(false);
    connect(m_forceDelete, &QPushButton::clicked, this, &DeleteAppUsersDialog::deleteWithContent);
    auto *offerLayout = new QHBoxLayout(m_forceOffer);
    offerLayout->setContentsMargins(0, 0, 0, 0);
    offerLayout->addWidget(m_forceOfferText, 1);
    offerLayout->addWidget(m_forceDelete, 0, Qt::AlignVCenter);
    m_forceOffer->hide();

    m_results->setObjectName(u"deleteResults"_s);
    m_results->setAccessibleName(tr("Users to delete"));
    m_results->setHorizontalHeaderLabels({tr("Name"), tr("User ID"), tr("Result")});
    m_results->verticalHeader()->hide();
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_results->horizontalHeader()->setStretchLastSection(true);
    m_results->setWordWrap(true);
    for (int i = 0; i < users.size(); ++i) {
        m_results->setItem(i, 0, new QTableWidgetItem(users[i].second));
        m_results->setItem(i, 1, new QTableWidgetItem(users[i].first));
        m_results->setItem(i, 2, new QTableWidgetItem(QString()));
    }
    m_results->resizeColumnToContents(0);
    m_results->resizeColumnToContents(1);

    auto *buttons = new QDialogButtonBox(this);
    m_delete = buttons->addButton(tr("Delete"), QDialogButtonBox::DestructiveRole);
    m_delete->setObjectName(u"confirmDeleteButton"_s);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(u"cancelButton"_s);
    m_close = buttons->addButton(QDialogButtonBox::Close);
    m_close->setObjectName(u"closeButton"_s);
    m_close->hide();
    m_cancel->setDefault(true); // a destructive action is never the default
    connect(m_delete, &QPushButton::clicked, this, &DeleteAppUsersDialog::startDeleting);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_deleter->isRunning())
            m_deleter->cancel();
        else if (!m_finished)
            reject();
    });
    connect(m_close, &QPushButton::clicked, this, &QDialog::accept);

    connect(m_deleter, &AppUserDeleter::rowFinished, this, &DeleteAppUsersDialog::updateRow);
    connect(m_deleter, &AppUserDeleter::userDeleted, this, &DeleteAppUsersDialog::userDeleted);
    connect(m_deleter, &AppUserDeleter::usersDeleted, this, &DeleteAppUsersDialog::usersDeleted);
    connect(m_deleter, &AppUserDeleter::progress, m_progress, &QProgressBar::setValue);
    connect(m_deleter, &AppUserDeleter::finished, this, &DeleteAppUsersDialog::onFinished);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_question);
    layout->addWidget(m_force);
    layout->addWidget(m_results, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_summary);
    layout->addWidget(m_forceOffer);
    layout->addWidget(buttons);
    resize(620, users.size() > 1 ? 420 : 260);
}

void DeleteAppUsersDialog::startDeleting()
{
    if (m_deleter->isRunning() || m_finished)
        return;
    m_delete->hide();
    m_force->setEnabled(false);
    QList<int> all;
    for (int i = 0; i < m_users.size(); ++i)
        all.append(i);
    run(all, m_force->isChecked());
}

void DeleteAppUsersDialog::deleteWithContent()
{
    if (m_deleter->isRunning() || m_ownsContentRows.isEmpty())
        return;
    run(std::exchange(m_ownsContentRows, {}), true);
}

void DeleteAppUsersDialog::run(const QList<int> &rows, bool force)
{
    m_forced = force;
    m_finished = false;
    m_forceOffer->hide();
    m_summary->hide();
    m_close->hide();
    m_cancel->show();
    m_cancel->setDefault(true);
    m_progress->setRange(0, int(rows.size()));
    m_progress->setValue(0);
    m_progress->show();
    for (int i : rows) {
        QTableWidgetItem *item = m_results->item(i, 2);
        item->setText(tr("Waiting…"));
        item->setToolTip(QString());
        item->setData(Qt::ForegroundRole, QVariant());
    }
    if (m_deleter->results().isEmpty())
        m_deleter->start(m_users, force);
    else
        m_deleter->retry(rows, force);
}

void DeleteAppUsersDialog::onFinished()
{
    m_finished = true;
    const QList<AppUserDeleteResult> results = m_deleter->results();
    int deleted = 0;
    int failed = 0;
    m_ownsContentRows.clear();
    for (int i = 0; i < results.size(); ++i) {
        const AppUserDeleteResult &r = results[i];
        if (r.outcome == AppUserDeleteResult::Outcome::Deleted)
            ++deleted;
        if (r.outcome != AppUserDeleteResult::Outcome::Failed)
            continue;
        ++failed;
        if (!m_forced && AppUserErrors::refusedForOwnedContent(r.error))
            m_ownsContentRows.append(i);
    }
    const int skipped = int(m_users.size()) - deleted - failed;
    QStringList parts{tr("%n deleted", nullptr, deleted)};
    if (failed > 0)
        parts.append(tr("%n failed", nullptr, failed));
    if (skipped > 0)
        parts.append(tr("%n not attempted (cancelled)", nullptr, skipped));
    m_summary->setText(parts.join(u", "_s) + u'.');
    m_summary->show();
    m_cancel->hide();
    m_close->show();
    m_close->setDefault(true);
    m_close->setFocus();
    if (!m_ownsContentRows.isEmpty()) {
        const int n = int(m_ownsContentRows.size());
        m_forceOfferText->setText(
            n == 1 ? tr("<b>%1 still owns files or folders</b>, so Box did not delete this user. "
                        "Deleting the user with their content also deletes everything they "
                        "own, permanently.")
                         .arg(m_users.value(m_ownsContentRows.first()).second.toHtmlEscaped())
                   : tr("<b>%n users still own files or folders</b>, so Box did not delete "
                        "them. Deleting them with their content also deletes everything they "
                        "own, permanently.",
                        nullptr, n));
        m_forceDelete->setToolTip(
            n == 1
                ? tr("Delete this user and their files and folders (force=true)")
                : tr("Delete these %n users and their files and folders (force=true)", nullptr, n));
        m_forceOffer->show();
        // Taller if need be (never wider), so the statement shows whole.
        layout()->activate();
        const int needed = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width())
                                                         : layout()->totalSizeHint().height();
        if (needed > height())
            resize(width(), needed);
    }
    Q_EMIT deletingFinished();
}

void DeleteAppUsersDialog::updateRow(int index)
{
    const AppUserDeleteResult r = m_deleter->results().value(index);
    QTableWidgetItem *item = m_results->item(index, 2);
    switch (r.outcome) {
    case AppUserDeleteResult::Outcome::Deleted:
        item->setText(tr("Deleted"));
        break;
    case AppUserDeleteResult::Outcome::Failed:
        item->setText(tr("Failed: %1").arg(r.message));
        item->setToolTip(r.message);
        item->setForeground(StatusColours::forStatus(500, m_results->palette()));
        break;
    case AppUserDeleteResult::Outcome::Cancelled:
        item->setText(tr("Not attempted (cancelled)"));
        break;
    case AppUserDeleteResult::Outcome::Pending:
        break;
    }
    m_results->resizeRowToContents(index);
}
