#pragma once

class QAction;
class QTableView;
class QToolBar;
class QWidget;

// The App Users pane's actions, with their names, texts, tips and keys: New (Ctrl+N), Edit
// (Enter, on the table only), Delete (Del), Refresh (F5), Export Selected, Export All
// (Ctrl+Shift+E), Import CSV (Ctrl+Shift+I) and Act as User (Ctrl+U); the toolbar that shows
// them and the table's context menu. What they do and when they are enabled is the pane's.
struct AppUsersActions
{
    QAction *newAction = nullptr;
    QAction *editAction = nullptr;
    QAction *deleteAction = nullptr;
    QAction *refreshAction = nullptr;
    QAction *exportSelectedAction = nullptr;
    QAction *exportAllAction = nullptr;
    QAction *importAction = nullptr; // the bulk import dialog
    QAction *actAsAction = nullptr;

    // The actions, children of `pane` and added to it (so that their keys work in it).
    static AppUsersActions create(QWidget *pane);
    // "appUsersToolbar": New, Edit, Delete | Act as User | Export (a menu of Export Selected
    // and Export All), Import CSV | Refresh; Tab reaches its buttons.
    QToolBar *createToolBar(QWidget *parent) const;
    // Enter on `view` edits; a right-click, Menu or Shift+F10 opens Copy ID, Copy Login |
    // Edit, Act as User | Delete.
    void installOnTable(QTableView *view) const;
};
