#pragma once

#include <QDialog>
#include <QJsonObject>
#include <QPointer>

class ApiReply;
class BoxClient;
class MessageBanner;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

// A file's shared link: reads it (GET /files/{id}?fields=shared_link); an existing link is
// shown with its access and a Copy button, never replaced; without one the user picks an
// access level (open, company, collaborators) and creates it (PUT /files/{id}?fields=
// shared_link). Box's refusals show inline. Links are not secrets: Copy uses the clipboard.
class SharedLinkDialog : public QDialog
{
    Q_OBJECT
public:
    SharedLinkDialog(BoxClient *client, const QString &fileId, const QString &fileName,
                     const QString &asUserId, QWidget *parent = nullptr);
    ~SharedLinkDialog() override;

    QString url() const; // the link shown, empty while there is none

public Q_SLOTS:
    void create();
    void copy();

Q_SIGNALS:
    void linkCreated(const QJsonObject &file);

private:
    void read();
    void showLink(const QJsonObject &link, bool created);
    void showError(const QString &text);
    void setBusy(bool busy, const QString &what = {});

    QPointer<BoxClient> m_client;
    QString m_fileId;
    QString m_fileName;
    QString m_asUser;
    QPointer<ApiReply> m_reply;

    QLabel *m_intro;
    MessageBanner *m_error;
    QComboBox *m_access;
    QLabel *m_accessLabel;
    QLineEdit *m_url;
    QLabel *m_linkInfo;
    QProgressBar *m_progress;
    QPushButton *m_create;
    QPushButton *m_copy;
    QDialogButtonBox *m_buttons;
};
