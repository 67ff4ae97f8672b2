#pragma once

#include <QGroupBox>

class QLabel;
class QLineEdit;
class QPushButton;

// "Share content with this Service Account": the Service Account's login to copy and the
// steps in the Box web app, because a new Service Account's All Files is empty (it is its
// own Box user and sees only what it owns or what is shared with it).
class SharePanel : public QGroupBox
{
    Q_OBJECT
public:
    explicit SharePanel(QWidget *parent = nullptr);

    void setServiceAccount(const QString &login, const QString &userId);
    QString login() const;

public Q_SLOTS:
    void copyLogin();

private:
    QLineEdit *m_login;
    QPushButton *m_copy;
    QLabel *m_copied;
    QLabel *m_why;
    QLabel *m_steps;
    QLabel *m_api;
};
