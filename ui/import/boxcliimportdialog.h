#pragma once

#include "core/boxcli/boxclireader.h"

#include <QDialog>
#include <QHash>
#include <QList>

class ProfileManager;
class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QPushButton;
class QVBoxLayout;

// The preview of "Import from Box CLI…": every Box CLI environment with its method, client ID,
// what would be imported and what is missing or wrong. Importable environments get a ticked
// checkbox; those that cannot be imported are shown disabled with the reason, and those whose
// app (client ID and subject) is already a profile, or the same as an environment above them,
// start unticked, marked as such. An OAuth 2.0 environment Box CLI is signed in to offers to
// take over that sign-in (unticked: Box refresh tokens are single-use). Saves
// nothing itself: Import accepts the dialog and selectedCandidates() says what to add. Shows
// "Looking for…" until setScan() is called.
class BoxCliImportDialog : public QDialog
{
    Q_OBJECT
public:
    explicit BoxCliImportDialog(ProfileManager *manager, QWidget *parent = nullptr);

    // Shows what a scan found (replacing an earlier scan's list).
    void setScan(const BoxCliScan &scan);
    // The ticked, importable candidates, in the order shown, each named as the preview says
    // ("added as") and with Box CLI's refresh token only where taking over was ticked.
    QList<BoxCliCandidate> selectedCandidates() const;
    // Whether an existing profile is the same app as `candidate`.
    bool alreadyImported(const BoxCliCandidate &candidate) const;

Q_SIGNALS:
    // The keyring was unlocked from "Unlock keyring…": Box CLI's storage should be read again.
    void rescanRequested();

private:
    void unlockKeyring();
    void clearList();
    void addCandidate(const BoxCliCandidate &candidate, const QString &sameAs,
                      const QString &addedAs);
    // `base`, or "base (n)": taken neither by a profile nor by an environment above.
    QString freeName(const QString &base, const QStringList &reserved) const;
    void updateImportButton();

    ProfileManager *m_manager;
    QLabel *m_status;
    QVBoxLayout *m_list;
    QDialogButtonBox *m_buttons;
    QPushButton *m_import;
    QPushButton *m_unlock; // shown when Box CLI's entries are in a locked keyring
    BoxCliReader *m_unlocker = nullptr;
    QStringList m_lockedItems;
    QString m_scanStatus; // what the last scan found, in words
    QList<BoxCliCandidate> m_candidates;
    QList<QCheckBox *> m_checks;    // one per candidate, same order
    QList<QCheckBox *> m_takeOvers; // per candidate: "take over the sign-in", or nullptr
    QStringList m_addedAs;          // per candidate: the profile name it would get
};
