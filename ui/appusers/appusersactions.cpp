#include "ui/appusers/appusersactions.h"

#include "core/appusers/appusersmodel.h"
#include "ui/appusers/appuserspane.h"
#include "ui/keyboardaccess.h"
#include "ui/tablecontextmenu.h"

#include <QAction>
#include <QMenu>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>

using namespace Qt::Literals::StringLiterals;

// The texts stay in the pane's translation context.
AppUsersActions AppUsersActions::create(QWidget *pane)
{
    auto make = [pane](const QString &name, const QString &text, const QString &tip) {
        auto *a = new QAction(text, pane);
        a->setObjectName(name);
        a->setToolTip(tip);
        a->setStatusTip(tip);
        pane->addAction(a);
        return a;
    };
    AppUsersActions actions;
    actions.newAction = make(u"newAppUserAction"_s, AppUsersPane::tr("New…"),
                             AppUsersPane::tr("Create an app user (Ctrl+N)"));
    actions.newAction->setShortcut(QKeySequence::New);

    actions.editAction = make(u"editAppUserAction"_s, AppUsersPane::tr("Edit…"),
                              AppUsersPane::tr("Edit the selected user (Enter)"));
    actions.editAction->setShortcuts({QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    actions.editAction->setShortcutContext(Qt::WidgetShortcut); // on the table only

    actions.deleteAction = make(u"deleteAppUsersAction"_s, AppUsersPane::tr("Delete…"),
                                AppUsersPane::tr("Delete the selected users (Del)"));
    actions.deleteAction->setShortcut(QKeySequence::Delete);
    actions.deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);

    actions.refreshAction = make(u"refreshAppUsersAction"_s, AppUsersPane::tr("Refresh"),
                                 AppUsersPane::tr("Load the users again (F5)"));
    actions.refreshAction->setShortcut(QKeySequence::Refresh);

    actions.exportSelectedAction =
        make(u"exportSelectedAction"_s, AppUsersPane::tr("Export Selected…"),
             AppUsersPane::tr("Save the selected users as CSV or JSON"));
    actions.exportAllAction =
        make(u"exportAllAction"_s, AppUsersPane::tr("Export All…"),
             AppUsersPane::tr("Read every page of users and save them as CSV or JSON"));
    actions.exportAllAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));

    actions.importAction = make(u"importCsvAction"_s, AppUsersPane::tr("Import CSV…"),
                                AppUsersPane::tr("Bulk create app users from a Box CLI CSV file"));
    actions.importAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));

    actions.actAsAction =
        make(u"actAsUserAction"_s, AppUsersPane::tr("Act as User…"),
             AppUsersPane::tr("Browse the selected user's folders and copy a user token "
                              "(Ctrl+U)"));
    actions.actAsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_U));
    return actions;
}

QToolBar *AppUsersActions::createToolBar(QWidget *parent) const
{
    auto *toolbar = new QToolBar(parent);
    toolbar->setObjectName(u"appUsersToolbar"_s);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->addAction(newAction);
    toolbar->addAction(editAction);
    toolbar->addAction(deleteAction);
    toolbar->addSeparator();
    toolbar->addAction(actAsAction);
    toolbar->addSeparator();
    auto *exportButton = new QToolButton(toolbar);
    exportButton->setObjectName(u"exportButton"_s);
    exportButton->setText(AppUsersPane::tr("Export"));
    exportButton->setAccessibleName(AppUsersPane::tr("Export users"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    auto *exportMenu = new QMenu(exportButton);
    exportMenu->addAction(exportSelectedAction);
    exportMenu->addAction(exportAllAction);
    exportButton->setMenu(exportMenu);
    toolbar->addWidget(exportButton);
    toolbar->addAction(importAction);
    toolbar->addSeparator();
    toolbar->addAction(refreshAction);
    KeyboardAccess::makeToolBarTabbable(toolbar);
    return toolbar;
}

void AppUsersActions::installOnTable(QTableView *view) const
{
    view->addAction(editAction);
    // Right-click, Menu or Shift+F10: copy what users paste elsewhere, then the row actions.
    QAction *copyId = TableContextMenu::copyColumnAction(
        view, AppUsersModel::IdColumn, AppUsersPane::tr("Copy ID"), u"copyAppUserIdAction"_s);
    QAction *copyLogin = TableContextMenu::copyColumnAction(view, AppUsersModel::LoginColumn,
                                                            AppUsersPane::tr("Copy Login"),
                                                            u"copyAppUserLoginAction"_s);
    TableContextMenu::install(
        view, [copyId, copyLogin, edit = editAction, actAs = actAsAction, remove = deleteAction] {
            return QList<QAction *>{copyId, copyLogin, nullptr, edit, actAs, nullptr, remove};
        });
}
