#pragma once

#include <QDialog>
#include <QPointer>

class AppCheck;
struct AppProfile;
class CapabilityModel;
class CheckStepsModel;
class ProfileSession;
class ProfileSessionRegistry;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSplitter;
class QTableView;

// Check App for one profile (Apps > Check App…): runs the ordered checklist on the profile's
// shared session and shows the headline verdict, each step with its result, the selected
// step's evidence and fix, what Box lets the app do next to what the user expects (mismatches
// highlighted, with their cause), and for Limited Access apps Box's restrictions. Non-modal;
// one per profile (open() raises the one already open). Follows edits of the profile and
// closes when it is removed.
class CheckAppDialog : public QDialog
{
    Q_OBJECT
public:
    // Holds the profile's session from `sessions` while open and starts the check at once.
    CheckAppDialog(ProfileSessionRegistry *sessions, const QString &profileId,
                   QWidget *parent = nullptr);
    ~CheckAppDialog() override;

    // The profile's dialog among `parent`'s children, raised, or a new one, shown.
    static CheckAppDialog *open(ProfileSessionRegistry *sessions, const QString &profileId,
                                QWidget *parent);

    QString profileId() const { return m_profileId; }
    AppCheck *check() const { return m_check; }

public Q_SLOTS:
    void runAgain();
    void copyReport();

protected:
    void showEvent(QShowEvent *event) override;

private:
    // Gives the checklist the height its rows need, the capability table the rest.
    void fitChecklist();
    void showStep();
    void showDetails();
    void updateHeadline();
    // The window title, the app line and the client ID the buttons copy, from `profile`.
    void showProfile(const AppProfile &profile);
    void updateButtons();
    void selectFirstProblem();

    QString m_profileId;
    QString m_clientId;
    int m_capabilityRow = -1; // the capability whose details show, else the current step's
    QPointer<ProfileSession> m_session;
    AppCheck *m_check;
    CheckStepsModel *m_stepsModel;
    CapabilityModel *m_capabilityModel;
    QLabel *m_verdict;
    QLabel *m_appLine;
    QTableView *m_steps;
    QLabel *m_stepTitle;
    QLabel *m_fix;
    QPlainTextEdit *m_evidence;
    QTableView *m_capabilities;
    QSplitter *m_split;
    QWidget *m_details; // the selected step's or capability's fix and evidence
    QLabel *m_restrictions;
    QPushButton *m_runAgain;
    QPushButton *m_copyReport;
    QPushButton *m_openConsole;
    QPushButton *m_copyClientId;
    QPushButton *m_authorize;
    QPushButton *m_close;
};
