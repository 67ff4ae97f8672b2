#pragma once

#include <QComboBox>

class AppsViewModel;
class ProfileSelection;
class QBoxLayout;
class QLabel;

// The app picker in a pane's header ("appPicker"): every profile by name (with its auth
// method's icon), sorted like the Apps list, showing and setting the window's one
// ProfileSelection.
class AppPicker : public QComboBox
{
    Q_OBJECT
public:
    explicit AppPicker(ProfileSelection *selection, QWidget *parent = nullptr);

    // Puts a picker over `selection` at the right of `heading`, in the layout that holds the
    // heading (a pane's header), with an "App:" label for it.
    static AppPicker *addBeside(QLabel *heading, ProfileSelection *selection);

private:
    void showSelection();

    ProfileSelection *m_selection;
    AppsViewModel *m_model;
    bool m_syncing = false;
};
