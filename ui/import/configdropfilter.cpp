#include "ui/import/configdropfilter.h"

#include "ui/import/configimportflow.h"

#include <QCoreApplication>
#include <QDropEvent>
#include <QWidget>

ConfigDropFilter::ConfigDropFilter(QWidget *window, ImportFiles import)
    : QObject(window), m_window(window), m_import(std::move(import))
{
    setObjectName(QStringLiteral("configDropFilter"));
    QCoreApplication::instance()->installEventFilter(this);
}

bool ConfigDropFilter::eventFilter(QObject *watched, QEvent *event)
{
    const QEvent::Type type = event->type();
    if (type != QEvent::DragEnter && type != QEvent::DragMove && type != QEvent::Drop)
        return false;
    if (!watched->isWidgetType() || static_cast<QWidget *>(watched)->window() != m_window)
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
