#include "ui/keyboardaccess.h"

#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QAction>
#include <QApplication>
#include <QChildEvent>
#include <QCoreApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QPointer>
#include <QToolBar>
#include <QToolButton>

#include <algorithm>

namespace KeyboardAccess {

namespace {
// Gives a toolbar's buttons Tab focus once they are polished (after QToolBar took it away).
class ToolBarFocus : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::ChildPolished) {
            if (auto *button =
                    qobject_cast<QToolButton *>(static_cast<QChildEvent *>(event)->child()))
                button->setFocusPolicy(Qt::TabFocus);
        }
        return QObject::eventFilter(watched, event);
    }
};

// See preferWhileFocused(): key events propagate from the focus widget up to the scope.
class FocusedKeys : public QObject
{
public:
    FocusedKeys(const QList<QAction *> &actions, QObject *parent)
        : QObject(parent), m_actions(actions.cbegin(), actions.cend())
    {}

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::ShortcutOverride && event->type() != QEvent::KeyPress)
            return QObject::eventFilter(watched, event);
        auto *key = static_cast<QKeyEvent *>(event);
        const QKeySequence typed(
            QKeyCombination(key->modifiers() & ~Qt::KeypadModifier, Qt::Key(key->key())));
        for (const QPointer<QAction> &action : std::as_const(m_actions)) {
            if (!action || !action->shortcuts().contains(typed))
                continue;
            // The key is the action's while the focus is here, enabled or not: a disabled
            // action (nothing selected to copy) swallows it rather than let it through to the
            // other part's shortcut (the Token tab would copy the access token instead).
            // Accepting the override turns the key into a key press for the focus widget,
            // which passes it on up to the scope.
            event->accept();
            if (event->type() == QEvent::KeyPress && action->isEnabled())
                action->trigger();
            return true;
        }
        return QObject::eventFilter(watched, event);
    }

public:
    bool holds(const QAction *action) const
    {
        return std::any_of(m_actions.cbegin(), m_actions.cend(),
                           [action](const QPointer<QAction> &a) { return a == action; });
    }

private:
    QList<QPointer<QAction>> m_actions;
};

// The ring showFocusRing() draws: a child of the focused widget's window (never of a layout
// owner like QSplitter, which would take it in as a pane), laid over the widget.
class FocusRing : public QWidget
{
public:
    explicit FocusRing(QWidget *window) : QWidget(window)
    {
        setObjectName(QStringLiteral("focusRing"));
        setAttribute(Qt::WA_TransparentForMouseEvents);
        setAttribute(Qt::WA_NoSystemBackground);
        setFocusPolicy(Qt::NoFocus);
    }
    static constexpr int Width = 2;

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(palette().color(QPalette::Active, QPalette::Highlight), Width));
        const qreal half = Width / 2.0;
        p.drawRoundedRect(QRectF(rect()).adjusted(half, half, -half, -half), 3, 3);
    }
};

// Moves the ring to each newly focused widget that needs one (see showFocusRing()).
class FocusRingTracker : public QObject
{
public:
    explicit FocusRingTracker(QObject *parent) : QObject(parent)
    {
        connect(qApp, &QApplication::focusChanged, this,
                [this](QWidget *, QWidget *now) { follow(now); });
    }

protected:
    // The widget or one of its ancestors (a scroll area's content, a splitter's pane) moved,
    // resized, appeared or went.
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        switch (event->type()) {
        case QEvent::Move:
        case QEvent::Resize:
        case QEvent::Show:
        case QEvent::Hide:
        case QEvent::LayoutRequest:
            place();
            break;
        default:
            break;
        }
        return QObject::eventFilter(watched, event);
    }

private:
    static bool wantsRing(const QWidget *w)
    {
        if (!w || w->isWindow())
            return false;
        if (qobject_cast<const QAbstractScrollArea *>(w))
            return true;
        const auto *label = qobject_cast<const QLabel *>(w);
        return label && (label->textInteractionFlags() & Qt::TextSelectableByKeyboard);
    }

    void follow(QWidget *now)
    {
        for (const QPointer<QWidget> &w : std::as_const(m_watched)) {
            if (w)
                w->removeEventFilter(this);
        }
        m_watched.clear();
        m_target = wantsRing(now) ? now : nullptr;
        for (QWidget *w = m_target; w; w = w->isWindow() ? nullptr : w->parentWidget()) {
            w->installEventFilter(this);
            m_watched.append(w);
        }
        place();
    }

    void place()
    {
        // The widget's rectangle in its window, cut to what its ancestors show of it.
        QRect shown;
        if (m_target && m_target->isVisible()) {
            shown = m_target->rect();
            for (const QWidget *w = m_target; !w->isWindow(); w = w->parentWidget()) {
                shown.translate(w->pos());
                shown &= w->parentWidget()->rect();
            }
        }
        if (shown.isEmpty()) {
            if (m_ring)
                m_ring->hide();
            return;
        }
        QWidget *window = m_target->window();
        if (!m_ring || m_ring->parentWidget() != window) {
            delete m_ring;
            m_ring = new FocusRing(window);
        }
        m_ring->setGeometry(shown);
        m_ring->raise();
        m_ring->show();
        m_ring->update();
    }

    QPointer<QWidget> m_target;
    QList<QPointer<QWidget>> m_watched; // the target and its ancestors
    QPointer<FocusRing> m_ring;         // deleted with its window, made again on the next focus
};
} // namespace

void showFocusRing()
{
    static QPointer<FocusRingTracker> tracker;
    if (!tracker)
        tracker = new FocusRingTracker(qApp);
}

void preferWhileFocused(QWidget *scope, const QList<QAction *> &actions)
{
    scope->installEventFilter(new FocusedKeys(actions, scope));
}

bool isPreferredAt(const QAction *action, const QWidget *focus)
{
    for (const QWidget *w = focus; w; w = w->isWindow() ? nullptr : w->parentWidget()) {
        for (const QObject *child : w->children()) {
            const auto *keys = dynamic_cast<const FocusedKeys *>(child);
            if (keys && keys->holds(action))
                return true;
        }
    }
    return false;
}

QAction *addButtonShortcut(QAbstractButton *button, const QKeySequence &key, const QString &name)
{
    // On the button itself: Qt matches a window shortcut while a widget holding it is visible.
    auto *action = new QAction(button->text(), button);
    action->setObjectName(name);
    action->setShortcut(key);
    action->setShortcutContext(Qt::WindowShortcut);
    button->addAction(action);
    QObject::connect(action, &QAction::triggered, button, [button] {
        if (button->isEnabled())
            button->click();
    });
    const QString tip = button->toolTip().isEmpty() ? button->text() : button->toolTip();
    button->setToolTip(QCoreApplication::translate("KeyboardAccess", "%1 (%2)")
                           .arg(tip, key.toString(QKeySequence::NativeText)));
    return action;
}

void makeToolBarTabbable(QToolBar *bar)
{
    for (QToolButton *button : bar->findChildren<QToolButton *>(Qt::FindDirectChildrenOnly))
        button->setFocusPolicy(Qt::TabFocus);
    bar->installEventFilter(new ToolBarFocus(bar));
}

QList<QWidget *> toolBarButtons(const QToolBar *bar)
{
    QList<QWidget *> buttons;
    for (QAction *action : bar->actions()) {
        QWidget *button = bar->widgetForAction(action);
        if (button && !action->isSeparator())
            buttons.append(button);
    }
    return buttons;
}

void setTabOrder(const QList<QWidget *> &widgets)
{
    for (qsizetype i = 1; i < widgets.size(); ++i)
        QWidget::setTabOrder(widgets.at(i - 1), widgets.at(i));
}

} // namespace KeyboardAccess
