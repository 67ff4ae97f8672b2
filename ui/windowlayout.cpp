#include "ui/windowlayout.h"

#include "ui/headercolumnsmenu.h"

#include <QAbstractItemView>
#include <QDockWidget>
#include <QGuiApplication>
#include <QHeaderView>
#include <QMainWindow>
#include <QScreen>
#include <QSettings>
#include <QSplitter>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kGeometry = u"window/geometry"_s;
const QString kState = u"window/state"_s;
const QString kSplitters = u"window/splitters/"_s;
const QString kHeaders = u"window/headers/"_s;
// Bumped when the docks or toolbars change so much that an old state would not fit.
constexpr int kStateVersion = 1;

// Named splitters and the horizontal headers of named item views: what restore() and save()
// cover. Dialogs (separate windows) keep their own.
template <typename T> QList<T *> namedChildren(const QMainWindow *window)
{
    QList<T *> out;
    for (T *child : window->findChildren<T *>()) {
        if (!child->objectName().isEmpty() && child->window() == window)
            out.append(child);
    }
    return out;
}

QHeaderView *horizontalHeader(QAbstractItemView *view)
{
    // QTableView and QTreeView both keep their column header as a child QHeaderView.
    for (QHeaderView *header : view->findChildren<QHeaderView *>(Qt::FindDirectChildrenOnly)) {
        if (header->orientation() == Qt::Horizontal)
            return header;
    }
    return nullptr;
}
} // namespace

QRect WindowLayout::initialGeometry(const QRect &available)
{
    QSize size(available.width() * 4 / 5, available.height() * 4 / 5);
    size = size.expandedTo(QSize(1280, 800)).boundedTo(available.size());
    QRect r(QPoint(), size);
    r.moveCenter(available.center());
    return r;
}

bool WindowLayout::restore(QMainWindow *window, QSettings &settings)
{
    const bool restored = window->restoreGeometry(settings.value(kGeometry).toByteArray());
    if (!restored) {
        const QScreen *screen =
            window->screen() ? window->screen() : QGuiApplication::primaryScreen();
        if (screen)
            window->setGeometry(initialGeometry(screen->availableGeometry()));
    }
    if (!window->restoreState(settings.value(kState).toByteArray(), kStateVersion)) {
        // No saved state: a dock above or below the panes opens at the height it asks for
        // (QMainWindow would otherwise give it what the central widget leaves over).
        for (QDockWidget *dock : window->findChildren<QDockWidget *>()) {
            auto once = std::make_shared<QMetaObject::Connection>();
            *once = QObject::connect(
                dock, &QDockWidget::visibilityChanged, window, [window, dock, once](bool visible) {
                    if (!visible || dock->isFloating())
                        return;
                    QObject::disconnect(*once);
                    const Qt::DockWidgetArea area = window->dockWidgetArea(dock);
                    if (area == Qt::TopDockWidgetArea || area == Qt::BottomDockWidgetArea)
                        window->resizeDocks({dock}, {dock->sizeHint().height()}, Qt::Vertical);
                });
        }
    }
    for (QSplitter *splitter : namedChildren<QSplitter>(window)) {
        const QVariant state = settings.value(kSplitters + splitter->objectName());
        if (state.isValid())
            splitter->restoreState(state.toByteArray());
    }
    for (QAbstractItemView *view : namedChildren<QAbstractItemView>(window)) {
        QHeaderView *header = horizontalHeader(view);
        const QVariant state = settings.value(kHeaders + view->objectName());
        if (header && state.isValid())
            HeaderColumnsMenu::restoreState(header, state.toByteArray());
    }
    return restored;
}

void WindowLayout::save(const QMainWindow *window, QSettings &settings)
{
    settings.setValue(kGeometry, window->saveGeometry());
    settings.setValue(kState, window->saveState(kStateVersion));
    for (const QSplitter *splitter : namedChildren<QSplitter>(window))
        settings.setValue(kSplitters + splitter->objectName(), splitter->saveState());
    for (QAbstractItemView *view : namedChildren<QAbstractItemView>(window)) {
        if (const QHeaderView *header = horizontalHeader(view))
            settings.setValue(kHeaders + view->objectName(), HeaderColumnsMenu::saveState(header));
    }
}
