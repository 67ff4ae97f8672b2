#pragma once

#include <QKeySequence>
#include <QList>
#include <QString>

class QWidget;

// Every keyboard shortcut a window offers, read from its live QActions, buttons and
// QShortcuts (so the list never goes stale), grouped by where it applies: the window's menus
// for window-wide keys, and one group per pane (and per tab inside a pane) for the rest.
namespace ShortcutCatalog {

struct Entry
{
    QString text; // the action's text without mnemonics or a trailing ellipsis
    QList<QKeySequence> keys;
};

struct Group
{
    QString title; // "View", "App Users", "Service Account: Token"
    QList<Entry> entries;
};

// A part of the window whose shortcuts form a group of their own, named `title`.
struct Scope
{
    QString title;
    QWidget *root = nullptr;
};

// The menu bar's groups (in menu order) first, then `scopes` in the order given. Shortcuts of
// dialogs the window owns are left out.
QList<Group> collect(QWidget *window, const QList<Scope> &scopes);

// "&Edit…" -> "Edit".
QString plainText(const QString &text);

} // namespace ShortcutCatalog
