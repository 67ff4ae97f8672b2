#pragma once

#include <QFrame>

class QAction;
class QLabel;
class QPushButton;
class QToolButton;

// An inline banner for information, warnings and errors, with an optional list of details
// and a close button. Used instead of modal message boxes wherever the user does not have
// to decide anything.
class MessageBanner : public QFrame
{
    Q_OBJECT
public:
    enum class Kind
    {
        Info,
        Warning,
        Error
    };
    explicit MessageBanner(QWidget *parent = nullptr);

    void showMessage(Kind kind, const QString &title, const QStringList &details = {});
    // A message about `subject` (e.g. "load", "refresh"): resolve(subject) hides it again once
    // that is no longer true, while a later message about something else stays.
    void report(const QString &subject, Kind kind, const QString &title,
                const QStringList &details = {});
    void resolve(const QString &subject);
    QString subject() const { return m_subject; }
    Kind kind() const { return m_kind; }
    QString title() const;
    QStringList details() const { return m_details; }
    void setClosable(bool closable);
    // An action offered with the error messages it helps with (a button "bannerActionButton"
    // in the banner, e.g. Check App on an auth error). Null: none.
    void setErrorAction(QAction *action);
    // Whether the shown message, if it is an error, offers the error action. Each message
    // starts without it: call this after showMessage()/report().
    void offerErrorAction(bool offer);

private:
    Kind m_kind = Kind::Info;
    QString m_title;
    QStringList m_details;
    QString m_subject; // what the shown message is about (report()); empty for showMessage()
    QLabel *m_icon;
    QLabel *m_text;
    QToolButton *m_close;
    QPushButton *m_actionButton = nullptr; // setErrorAction()
    bool m_offerAction = false;            // offerErrorAction()
};
