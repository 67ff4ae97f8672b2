#include "ui/help/shortcutcatalog.h"

#include "ui/paneshortcuts.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QCoreApplication>
#include <QDialog>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QShortcut>
#include <QStackedWidget>
#include <QTabWidget>

using namespace Qt::Literals::StringLiterals;

namespace ShortcutCatalog {

namespace {
QString translate(const char *text)
{
    return QCoreApplication::translate("ShortcutCatalog", text);
}

// True when `object` is part of `window` itself, not of a dialog it owns.
bool belongsTo(const QObject *object, const QWidget *window)
{
    for (const QObject *o = object; o; o = o->parent()) {
        if (o == window)
            return true;
        if (qobject_cast<const QDialog *>(o))
            return false;
    }
    return false;
}

// The scope `object` lives in ("Service Account: Token" inside a pane's tab), or empty.
QString scopeTitle(const QObject *object, const QList<Scope> &scopes, int *order)
{
    QString tab;
    int tabIndex = -1;
    for (const QObject *o = object; o; o = o->parent()) {
        for (int i = 0; i < scopes.size(); ++i) {
            if (o != scopes.at(i).root)
                continue;
            *order = 1000 * (i + 1) + tabIndex + 1;
            return tab.isEmpty() ? scopes.at(i).title
                                 : translate("%1: %2").arg(scopes.at(i).title, tab);
        }
        // A page of a QTabWidget: its parent is the tab widget's stack.
        const auto *page = qobject_cast<const QWidget *>(o);
        const auto *stack = page ? qobject_cast<const QStackedWidget *>(o->parent()) : nullptr;
        const auto *tabs = stack ? qobject_cast<const QTabWidget *>(stack->parent()) : nullptr;
        if (tabs && tab.isEmpty()) {
            tabIndex = tabs->indexOf(const_cast<QWidget *>(page));
            if (tabIndex >= 0)
                tab = plainText(tabs->tabText(tabIndex));
        }
    }
    return {};
}

// The menu bar menu showing `action`, if any, and its position.
const QMenu *menuOf(const QAction *action, const QMenuBar *bar, int *order)
{
    if (!bar)
        return nullptr;
    const QList<QAction *> menus = bar->actions();
    for (const QObject *associated : action->associatedObjects()) {
        const auto *menu = qobject_cast<const QMenu *>(associated);
        if (!menu)
            continue;
        const int index = menus.indexOf(menu->menuAction());
        if (index >= 0) {
            *order = index;
            return menu;
        }
    }
    return nullptr;
}

struct Collector
{
    QWidget *window;
    QList<Scope> scopes;
    const QMenuBar *bar;
    QList<QPair<int, Group>> groups; // (order, group)

    void add(const QObject *source, const QAction *action, const QString &text,
             const QList<QKeySequence> &keys)
    {
        if (keys.isEmpty() || text.isEmpty())
            return;
        int order = 0;
        QString title;
        const auto *dock = action ? qobject_cast<const QDockWidget *>(action->parent()) : nullptr;
        const bool showsDock = dock && dock->toggleViewAction() == action;
        if (!showsDock)
            title = scopeTitle(source, scopes, &order);
        if (title.isEmpty()) {
            const QMenu *menu = action ? menuOf(action, bar, &order) : nullptr;
            title = menu ? plainText(menu->title()) : translate("General");
            if (!menu)
                order = 999;
        }
        const Entry entry{plainText(text), keys};
        for (auto &[groupOrder, group] : groups) {
            if (group.title != title)
                continue;
            for (const Entry &e : std::as_const(group.entries)) {
                if (e.text == entry.text && e.keys == entry.keys)
                    return;
            }
            group.entries.append(entry);
            return;
        }
        groups.append({order, Group{title, {entry}}});
    }
};
} // namespace

QString plainText(const QString &text)
{
    QString plain;
    plain.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == u'&' && i + 1 < text.size()) {
            ++i; // "&&" is a literal ampersand; "&E" underlines E
            if (text.at(i) != u'&') {
                plain.append(text.at(i));
                continue;
            }
        }
        plain.append(text.at(i));
    }
    if (plain.endsWith(u'…'))
        plain.chop(1);
    else if (plain.endsWith(u"..."_s))
        plain.chop(3);
    return plain.trimmed();
}

QList<Group> collect(QWidget *window, const QList<Scope> &scopes)
{
    Collector c{window, scopes, window->findChild<QMenuBar *>(), {}};
    // A pane's own actions first, then the keys of its lists (Shift+F10 for the context menu).
    QList<QAction *> actions = window->findChildren<QAction *>();
    std::stable_sort(actions.begin(), actions.end(), [](const QAction *a, const QAction *b) {
        return !qobject_cast<QAbstractItemView *>(a->parent()) &&
               qobject_cast<QAbstractItemView *>(b->parent());
    });
    for (const QAction *action : std::as_const(actions)) {
        if (!belongsTo(action, window) || action->isSeparator())
            continue;
        QList<QKeySequence> keys = action->shortcuts();
        if (keys.isEmpty()) {
            const QVariant paneKey = action->property(PaneShortcuts::Property);
            if (paneKey.isValid() && !paneKey.value<QKeySequence>().isEmpty())
                keys.append(paneKey.value<QKeySequence>());
        }
        c.add(action->parent(), action, action->text(), keys);
    }
    for (const QAbstractButton *button : window->findChildren<QAbstractButton *>()) {
        // A mnemonic ("&Retry" gives Alt+R) shows underlined on the button itself.
        if (belongsTo(button, window) && !button->shortcut().isEmpty() &&
            button->shortcut() != QKeySequence::mnemonic(button->text()))
            c.add(button, nullptr, button->text(), {button->shortcut()});
    }
    for (const QShortcut *shortcut : window->findChildren<QShortcut *>()) {
        if (belongsTo(shortcut, window))
            c.add(shortcut->parent(), nullptr, shortcut->whatsThis(), shortcut->keys());
    }
    std::stable_sort(c.groups.begin(), c.groups.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    QList<Group> groups;
    for (const auto &[order, group] : std::as_const(c.groups))
        groups.append(group);
    return groups;
}

} // namespace ShortcutCatalog
