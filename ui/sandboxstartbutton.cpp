#include "ui/sandboxstartbutton.h"

#include <QAction>

using namespace Qt::Literals::StringLiterals;

SandboxStartButton::SandboxStartButton(QWidget *parent) : QPushButton(parent)
{
    setObjectName(u"startSandboxButton"_s);
    setToolTip(tr("Start the local Box sandbox in Box Companion (Tools > Start Box Sandbox)"));
    connect(this, &QPushButton::clicked, this, [this] {
        if (m_action && m_action->isEnabled())
            m_action->trigger();
    });
    follow();
}

void SandboxStartButton::setAction(QAction *action)
{
    if (m_action)
        m_action->disconnect(this);
    m_action = action;
    if (m_action) {
        connect(m_action, &QAction::changed, this, &SandboxStartButton::follow);
        connect(m_action, &QObject::destroyed, this, &SandboxStartButton::follow,
                Qt::QueuedConnection);
    }
    follow();
}

void SandboxStartButton::setNeeded(bool needed)
{
    m_needed = needed;
    follow();
}

void SandboxStartButton::follow()
{
    const bool offered = m_action && m_action->isVisible();
    const bool enabled = offered && m_action->isEnabled();
    // Disabled while the sandbox starts: the pane shows what it serves once it runs.
    setText(offered && !enabled ? tr("Starting the Box Sandbox…") : tr("Start Box Sandbox"));
    setEnabled(enabled);
    setVisible(m_needed && offered);
}
