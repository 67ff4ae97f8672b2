#pragma once

#include "core/appusers/appuserrow.h"

#include <QHash>
#include <QJsonObject>
#include <QWidget>

class QAction;
class QLabel;
class QPushButton;
class QSplitter;
class QTableView;

// The selected user's fields beside the table, with Edit and Act as User buttons. Values with
// no spaces to wrap at (login, IDs) are elided in the middle when the panel is narrower than
// they are, the whole value in their tooltip, so the panel fits beside the table at 1024x700.
class UserDetailPanel : public QWidget
{
    Q_OBJECT
public:
    explicit UserDetailPanel(QWidget *parent = nullptr);

    // Shows one user (the model's row JSON) and its type (a "Type" line: app user, managed
    // user, Service Account); several or none show a short summary instead.
    void showUser(const QJsonObject &user, AppUserRow::Type type);
    void showSummary(int selectedCount);
    QString fieldText(const QString &field) const;

    // A checkable "Details" action (objectName "toggleUserDetailsAction") that collapses this
    // panel in `splitter` (which holds it) and opens it again; it follows the splitter, so
    // dragging the panel shut or a restored splitter state shows in it too.
    QAction *createToggleAction(QSplitter *splitter);

    // Folds this panel away while `table` beside it in the splitter would need a horizontal
    // scrollbar for its columns (a small window, a large font) and opens it again once they
    // fit beside it. Not the user's choice: the splitter (what is remembered) keeps the
    // panel's width; only the toggle action changes that. Opened by the user while folded,
    // it stays open until the window gets narrower still. Call after createToggleAction().
    // `givingWay`: columns the table hides by itself first (the App Users Type column): the
    // panel folds only when the others have no room beside it.
    void foldWhileNarrow(QTableView *table, const QList<int> &givingWay = {});

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;

Q_SIGNALS:
    void editRequested();
    void actAsRequested();

private:
    QLabel *m_title;
    QHash<QString, QLabel *> m_values;
    QHash<QLabel *, QString> m_elidable; // label -> its whole value
    QWidget *m_form;
    QPushButton *m_edit;
    QPushButton *m_actAs;
    QAction *m_toggle = nullptr;
    QSplitter *m_splitter = nullptr;
    int m_openWidth = 0; // the width to open to again
    QTableView *m_table = nullptr;
    QList<int> m_givingWay;    // columns left out of tableWidthNeeded()
    bool m_autoFolded = false; // hidden by foldWhileNarrow, not by the user
    int m_userOpenedAt = 0;    // the splitter's width when the user last opened the panel
    int tableWidthNeeded() const;
    bool m_fitScheduled = false;
    void scheduleFit();
    void fitBesideTable();
    void updateToggle();
    void setElidedValue(QLabel *label, const QString &value);
    void elide(QLabel *label);
};
