#pragma once

#include "core/guide/authmethodguide.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTextBrowser;

// "Help me choose an auth method": the questions from Box's comparison of methods (does the
// app need user involvement, can an admin approve it, does it act on behalf of users, do its
// users see Box, does it create app users, does it run in production, what is it for), the
// recommendation with Box's reasons, the Developer Console steps for it and what the admin
// must approve (AuthMethodGuide). "Use <method>" accepts with that method (methodChosen());
// a Custom Skill has no method to use, and says why.
class AuthMethodGuideDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AuthMethodGuideDialog(QWidget *parent = nullptr);

    AuthMethodGuide::Answers answers() const;
    void setAnswers(const AuthMethodGuide::Answers &answers);
    AuthMethodGuide::Recommendation recommendation() const { return m_recommendation; }
    // The steps as plain text (what Copy Steps copies).
    QString stepsText() const;

Q_SIGNALS:
    // "Use <method>" was pressed (the dialog then accepts).
    void methodChosen(AuthMethod method);

private:
    void update();
    QString resultHtml() const;
    static QString comparisonHtml();

    QComboBox *m_purpose;
    QCheckBox *m_userInvolvement;
    QCheckBox *m_usersSeeBox;
    QCheckBox *m_actOnBehalf;
    QCheckBox *m_createAppUsers;
    QCheckBox *m_adminApproval;
    QCheckBox *m_production;
    QComboBox *m_credential;
    QLabel *m_title;
    QTextBrowser *m_result;
    QPushButton *m_use;
    QPushButton *m_copy;
    AuthMethodGuide::Recommendation m_recommendation;
};
