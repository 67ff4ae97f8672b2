#pragma once

#include <QDialog>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QStringList>

class AppUserDeleter;
class BoxClient;
class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

// Confirms deleting one or more app users (with "Also delete their files (force)"), then
// deletes them with a progress bar and shows what happened to each: deleted, or Box's reason.
// When Box refused some because they still own content, the dialog says so and offers
// "Delete with Their Content" for just those rows (force=true), without starting over.
// Cancel stops starting new deletes. Emits userDeleted() per deleted user and usersDeleted()
// with the deleted users in batches (AppUserDeleter::usersDeleted()); connect a large model to
// the batches.
class DeleteAppUsersDialog : public QDialog
{
    Q_OBJECT
public:
    // (id, name) pairs.
    DeleteAppUsersDialog(BoxClient *client, const QList<QPair<QString, QString>> &users,
                         QWidget *parent = nullptr);

    AppUserDeleter *deleter() const { return m_deleter; }
    bool isFinished() const { return m_finished; }

public Q_SLOTS:
    void startDeleting();
    // Deletes the rows Box refused because the users own content again, with force=true.
    void deleteWithContent();

Q_SIGNALS:
    void userDeleted(const QString &userId);
    void usersDeleted(const QStringList &userIds);
    void deletingFinished();

private:
    void run(const QList<int> &rows, bool force);
    void onFinished();
    void updateRow(int index);

    QList<QPair<QString, QString>> m_users;
    AppUserDeleter *m_deleter;
    bool m_finished = false;
    QLabel *m_question;
    QCheckBox *m_force;
    QProgressBar *m_progress;
    QLabel *m_summary;
    QWidget *m_forceOffer;
    QLabel *m_forceOfferText;
    QPushButton *m_forceDelete;
    QList<int> m_ownsContentRows; // refused without force because they own content
    bool m_forced = false;        // the last run used force=true
    QTableWidget *m_results;
    QPushButton *m_delete;
    QPushButton *m_cancel;
    QPushButton *m_close;
};
