#include "ui/import/configdropfilter.h"

#include "ui/import/configimportflow.h"

#include <QChildEvent>
#include <QCoreApplication>
#include <QDockWidget>
#include <QDropEvent>
#include <QWidget>

ConfigDropFilter::ConfigDropFilter(QWidget *window, ImportFiles import)
    : QObject(window), m_window(window), m_import(std::move(import))
{
    setObjectName(QStringLiteral("configDropFilter"));
    QCoreApplication::instance()->installEventFilter(this);
}

bool ConfigDropFilter::belongsToWindow(const QWidget *widget) const
{
    // A floating dock is its own window, still the main window's child: its widgets count.
    const QWidget *top = widget->window();
    while (top != m_window && qobject_cast<const QDockWidget *>(top) && top->parentWidget())
        top = top->parentWidget()->window();
    return top == m_window;
}

bool ConfigDropFilter::eventFilter(QObject *watched, QEvent *event)
{
    const QEvent::Type type = event->type();
    if (type == QEvent::ChildPolished && watched == m_window) {
        // Qt routes a drag only to widgets that accept drops: a floating dock would refuse it
        // before this filter sees it (docked, the window's own acceptDrops covers it).
        if (auto *dock = qobject_cast<QDockWidget *>(static_cast<QChildEvent *>(event)->child()))
            dock->setAcceptDrops(true);
        return false;
    }
    if (type != QEvent::DragEnter && type != QEvent::DragMove && type != QEvent::Drop)
        return false;
    if (!watched->isWidgetType() || !belongsToWindow(static_cast<QWidget *>(watched)))
        return false;
    // QDragEnterEvent and QDragMoveEvent are QDropEvents.
    auto *drop = static_cast<QDropEvent *>(event);
    if (!ConfigImportFlow::carriesConfigFile(drop->mimeData()))
        return false;
    drop->acceptProposedAction();
    if (type == QEvent::Drop)
        m_import(ConfigImportFlow::localFiles(drop->mimeData()));
    return true; // the widget under the cursor never sees it
}
