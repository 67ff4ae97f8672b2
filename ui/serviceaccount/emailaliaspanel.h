#pragma once

#include <QGroupBox>

class BoxClient;
class EmailAliases;
class QLabel;
class QLineEdit;
class QListWidget;
class QMessageBox;
class QPushButton;

// The Service Account pane's "Email Aliases" tab: the Service Account's aliases (Box's Service
// Account guide suggests one, because AutomationUser_…@boxdevedition.com is hard to remember
// when inviting it to folders), with Add (an address field; what Box refuses shows under the
// field), Remove (after a confirmation) and Copy. Works through EmailAliases on the profile
// session's client.
class EmailAliasPanel : public QGroupBox
{
    Q_OBJECT
public:
    explicit EmailAliasPanel(QWidget *parent = nullptr);

    // Whose aliases, through which client (not owned); loads them. Null: empty and disabled.
    void setUser(BoxClient *client, const QString &userId);
    EmailAliases *aliases() const { return m_aliases; }
    // The alias addresses as listed.
    QStringList listedEmails() const;

public Q_SLOTS:
    void addAlias();
    // Asks first ("removeAliasConfirm"); the selected alias goes when the user confirms.
    QMessageBox *removeSelected();
    void copySelected();

private:
    void showAliases();
    void updateControls();
    QString selectedId() const;
    QString selectedEmail() const;

    EmailAliases *m_aliases;
    QLabel *m_why;
    QListWidget *m_list;
    QLabel *m_empty;
    QPushButton *m_copy;
    QPushButton *m_remove;
    QLabel *m_copied;
    QLineEdit *m_newAlias;
    QPushButton *m_add;
    QLabel *m_fieldError; // under the address field: what is wrong with it
    QLabel *m_error;      // listing and removing
    QLabel *m_busy;
};
