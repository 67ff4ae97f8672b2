#pragma once

#include <QPointer>
#include <QPushButton>

class QAction;

// "Start Box Sandbox" right where a pane says that the app's Box sandbox is not running. It
// triggers the window's Tools > Start Box Sandbox action, handed to the pane (setAction), so
// the pane knows nothing of the window. Shown while the pane needs it (setNeeded) and the
// action is offered (visible); disabled while the action is (the sandbox is starting).
class SandboxStartButton : public QPushButton
{
    Q_OBJECT
public:
    explicit SandboxStartButton(QWidget *parent = nullptr);

    // The action to trigger; null (the default) hides the button.
    void setAction(QAction *action);
    QAction *action() const { return m_action; }
    // Whether the pane shows that the sandbox is not running.
    void setNeeded(bool needed);

private:
    void follow();

    QPointer<QAction> m_action;
    bool m_needed = false;
};
