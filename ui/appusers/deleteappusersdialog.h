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

Q_SIGNALS:
    void userDeleted(const QString &userId);
    void usersDeleted(const QStringList &userIds);
    void deletingFinished();

private:
    void updateRow(int index);

    QList<QPair<QString, QString>> m_users;
    AppUserDeleter *m_deleter;
    bool m_finished = false;
    QLabel *m_question;
    QCheckBox *m_force;
    QProgressBar *m_progress;
    QLabel *m_summary;
    QTableWidget *m_results;
    QPushButton *m_delete;
    QPushButton *m_cancel;
    QPushButton *m_close;
};
